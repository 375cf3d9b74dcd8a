import type { Editor } from '@tiptap/core';

/**
 * Whether the block where the selection starts sits in a `name` node (with `attrs`). Tiptap's
 * `isActive` wants every node of a range inside it, so "select all, make a list" would show the list
 * button unpressed because of the empty paragraph Tiptap keeps after a list.
 */
export function isBlockActive(editor: Editor, name: string, attrs: Record<string, unknown> = {}): boolean {
  if (editor.isActive(name, attrs)) return true;
  const { doc, selection } = editor.state;
  let found = false;
  let seen = false;
  doc.nodesBetween(selection.from, selection.to, (node, pos) => {
    if (seen) return false;
    if (!node.isTextblock) return true;
    seen = true;
    const $inside = doc.resolve(pos + 1);
    for (let depth = $inside.depth; depth > 0; depth--) {
      const ancestor = $inside.node(depth);
      if (ancestor.type.name === name && Object.entries(attrs).every(([key, value]) => ancestor.attrs[key] === value)) {
        found = true;
      }
    }
    return false;
  });
  return found;
}

/** "Mod+Shift+Z" → "⌘⇧Z" on a Mac, "Ctrl+Shift+Z" elsewhere. */
export function formatKeys(keys: string, mac: boolean): string {
  if (!mac) return keys.replace('Mod', 'Ctrl');
  return keys.replace('Mod+', '⌘').replace('Shift+', '⇧').replace('Alt+', '⌥').replace(/\+/g, '');
}

/** Shown when the link editor refuses an address, or cannot open the current link (`shared/safe-url.ts`). */
export const UNSAFE_LINK_MESSAGE =
  'Only web (http, https) and email (mailto) links, or links within this site, are allowed.';

/** Adds `https://` to a bare address; keeps `mailto:`, `tel:`, paths and anchors as typed. */
export function normalizeHref(value: string): string {
  const href = value.trim();
  if (href === '' || /^[a-z][a-z0-9+.-]*:/i.test(href) || /^[/#?]/.test(href)) return href;
  return `https://${href}`;
}

/** Shortcuts read ⌘ on Apple devices. */
export const isMacPlatform = (): boolean =>
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
