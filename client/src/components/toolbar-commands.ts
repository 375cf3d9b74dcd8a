import type { Editor } from '@tiptap/core';
import type { TemplateResult } from 'lit';
import { isBlockActive } from '../editor/toolbar-state.js';
import { headingGlyph, ICONS } from './icons.js';

interface ToolbarItemBase {
  /** Also the test id suffix: `[data-testid=toolbar-<name>]`. */
  name: string;
  label: string;
  /** Shown in the tooltip, e.g. "Mod+B" ("Ctrl+B", "⌘B"). */
  keys?: string;
  icon: TemplateResult;
  /** Toggles carry aria-pressed; actions (undo, rule) do not. */
  isActive?: (editor: Editor) => boolean;
  isEnabled?: (editor: Editor) => boolean;
}

/**
 * One toolbar button: a command it runs, or a dialog of the toolbar it opens (the link editor).
 * The table is data, so another surface (an overflow menu, a command palette) can list the same items.
 */
export type ToolbarItem = ToolbarItemBase & ({ run: (editor: Editor) => void } | { opens: 'link-editor' });

const focus = (editor: Editor) => editor.chain().focus();

/** The buttons, in groups separated by dividers. */
export const TOOLBAR_GROUPS: readonly (readonly ToolbarItem[])[] = [
  [
    {
      name: 'undo',
      label: 'Undo',
      keys: 'Mod+Z',
      icon: ICONS.undo,
      isEnabled: (e) => e.can().undo(),
      run: (e) => focus(e).undo().run(),
    },
    {
      name: 'redo',
      label: 'Redo',
      keys: 'Mod+Shift+Z',
      icon: ICONS.redo,
      isEnabled: (e) => e.can().redo(),
      run: (e) => focus(e).redo().run(),
    },
  ],
  ([1, 2, 3] as const).map((level) => ({
    name: `heading-${level}`,
    label: `Heading ${level}`,
    keys: `Mod+Alt+${level}`,
    icon: headingGlyph(level),
    isActive: (e: Editor) => isBlockActive(e, 'heading', { level }),
    run: (e: Editor) => focus(e).toggleHeading({ level }).run(),
  })),
  [
    {
      name: 'bold',
      label: 'Bold',
      keys: 'Mod+B',
      icon: ICONS.bold,
      isActive: (e) => e.isActive('bold'),
      run: (e) => focus(e).toggleBold().run(),
    },
    {
      name: 'italic',
      label: 'Italic',
      keys: 'Mod+I',
      icon: ICONS.italic,
      isActive: (e) => e.isActive('italic'),
      run: (e) => focus(e).toggleItalic().run(),
    },
    {
      name: 'underline',
      label: 'Underline',
      keys: 'Mod+U',
      icon: ICONS.underline,
      isActive: (e) => e.isActive('underline'),
      run: (e) => focus(e).toggleUnderline().run(),
    },
    {
      name: 'strike',
      label: 'Strikethrough',
      keys: 'Mod+Shift+S',
      icon: ICONS.strike,
      isActive: (e) => e.isActive('strike'),
      run: (e) => focus(e).toggleStrike().run(),
    },
    {
      name: 'code',
      label: 'Inline code',
      keys: 'Mod+E',
      icon: ICONS.code,
      isActive: (e) => e.isActive('code'),
      run: (e) => focus(e).toggleCode().run(),
    },
    {
      name: 'link',
      label: 'Link',
      keys: 'Mod+K',
      icon: ICONS.link,
      isActive: (e) => e.isActive('link'),
      opens: 'link-editor',
    },
  ],
  [
    {
      name: 'bullet-list',
      label: 'Bulleted list',
      keys: 'Mod+Shift+8',
      icon: ICONS.bulletList,
      isActive: (e) => isBlockActive(e, 'bulletList'),
      run: (e) => focus(e).toggleBulletList().run(),
    },
    {
      name: 'ordered-list',
      label: 'Numbered list',
      keys: 'Mod+Shift+7',
      icon: ICONS.orderedList,
      isActive: (e) => isBlockActive(e, 'orderedList'),
      run: (e) => focus(e).toggleOrderedList().run(),
    },
    {
      name: 'task-list',
      label: 'Checklist',
      keys: 'Mod+Shift+9',
      icon: ICONS.taskList,
      isActive: (e) => isBlockActive(e, 'taskList'),
      run: (e) => focus(e).toggleTaskList().run(),
    },
  ],
  [
    {
      name: 'blockquote',
      label: 'Quote',
      keys: 'Mod+Shift+B',
      icon: ICONS.blockquote,
      isActive: (e) => isBlockActive(e, 'blockquote'),
      run: (e) => focus(e).toggleBlockquote().run(),
    },
    {
      name: 'code-block',
      label: 'Code block',
      keys: 'Mod+Alt+C',
      icon: ICONS.codeBlock,
      isActive: (e) => isBlockActive(e, 'codeBlock'),
      run: (e) => focus(e).toggleCodeBlock().run(),
    },
    {
      name: 'horizontal-rule',
      label: 'Divider',
      icon: ICONS.horizontalRule,
      run: (e) => focus(e).setHorizontalRule().run(),
    },
  ],
];

/** Every button in order: the toolbar's arrow-key order. */
export const TOOLBAR_ITEMS: readonly ToolbarItem[] = TOOLBAR_GROUPS.flat();

/** Whether a toggle is on for the selection (false for actions and without an editor). */
export const isItemActive = (item: ToolbarItem, editor: Editor | null): boolean =>
  editor !== null && (item.isActive?.(editor) ?? false);

/** Whether pressing the item would do something now: an editable editor and the command possible. */
export const isItemEnabled = (item: ToolbarItem, editor: Editor | null): boolean =>
  editor?.isEditable === true && (item.isEnabled?.(editor) ?? true);

/** The ARIA name of the item's shortcut (`aria-keyshortcuts`), e.g. "Control+B". */
export const ariaKeys = (keys: string, mac: boolean): string => keys.replace('Mod', mac ? 'Meta' : 'Control');
