import { Editor } from '@tiptap/core';
import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { contentFragment } from '../../../shared/doc-fields.js';
import { cleanName, isHexColor, textColorOn, type UserInfo } from './presence.js';
import { schemaExtensions } from './schema-extensions.js';

export interface CreateEditorOptions {
  /** Where ProseMirror's contenteditable goes. */
  element: HTMLElement;
  doc: Y.Doc;
  awareness: Awareness;
  user: UserInfo;
  editable: boolean;
  /** @default 'Start writing…' */
  placeholder?: string;
}

/** A remote caret: the colour bar and a name label, with Tiptap's default class names. */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = isHexColor(user.color) ? user.color : '#6b7280';
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  caret.style.borderColor = color;
  const label = document.createElement('div');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = color;
  label.style.color = textColorOn(color);
  // textContent, never innerHTML: names come from other people's browsers.
  label.textContent = cleanName(user.name) || 'Anonymous';
  caret.append(label);
  return caret;
}

/**
 * The Tiptap editor of a Quire document: rich text bound to the document's `content` fragment,
 * remote carets from awareness, and Yjs undo (which undoes only this person's changes).
 */
export function createEditor(options: CreateEditorOptions): Editor {
  return new Editor({
    element: options.element,
    editable: options.editable,
    // ProseMirror's base CSS goes into the component's shadow root instead of document.head.
    injectCSS: false,
    extensions: [
      // The document's schema, shared with the server's import and export.
      ...schemaExtensions(),
      Placeholder.configure({ placeholder: options.placeholder ?? 'Start writing…' }),
      Collaboration.configure({ fragment: contentFragment(options.doc) }),
      CollaborationCaret.configure({
        // The caret extension only needs `awareness` from a provider.
        provider: { awareness: options.awareness },
        user: options.user,
        render: renderCaret,
      }),
    ],
    editorProps: {
      attributes: {
        'data-testid': 'editor-content',
        'aria-label': 'Document text',
        'aria-multiline': 'true',
        role: 'textbox',
        spellcheck: 'true',
        class: 'quire-content',
      },
    },
  });
}
