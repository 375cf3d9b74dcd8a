import type { Editor } from '@tiptap/core';
import { isSafeUrl } from '../../../shared/safe-url.js';
import { normalizeHref } from './toolbar-state.js';

/** The address of the link at the selection, or '' when there is none. */
export function currentLinkHref(editor: Editor | null): string {
  return editor?.isActive('link') ? String(editor.getAttributes('link').href ?? '') : '';
}

/**
 * What the link editor's Apply does with what was typed: an empty field removes the link; an address the
 * URL policy refuses changes nothing (false); with nothing selected (and no link at the caret) the address
 * goes in as linked text; otherwise the selection, or the whole link at the caret, links to it.
 */
export function applyLink(editor: Editor, typed: string): boolean {
  const href = normalizeHref(typed);
  if (href !== '' && !isSafeUrl(href)) return false;
  if (href === '') {
    removeLink(editor);
  } else if (editor.state.selection.empty && !editor.isActive('link')) {
    editor
      .chain()
      .focus()
      .insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] })
      .run();
  } else {
    editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
  }
  return true;
}

/** Unlinks the whole link at the selection, keeping its text. */
export function removeLink(editor: Editor): void {
  editor.chain().focus().extendMarkRange('link').unsetLink().run();
}
