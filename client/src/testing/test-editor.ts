import type { Editor } from '@tiptap/core';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { createEditor } from '../editor/create-editor.js';

/**
 * The app's own editor (Yjs undo included) on a document of its own, in the test DOM, holding
 * `content`; `destroy` takes it all down again.
 */
export function createTestEditor(content: string): { editor: Editor; destroy: () => void } {
  const element = document.createElement('div');
  document.body.append(element);
  const doc = new Y.Doc();
  const editor = createEditor({
    element,
    doc,
    awareness: new Awareness(doc),
    user: { id: 'u1', name: 'Ada', color: '#2563eb' },
    editable: true,
  });
  editor.commands.setContent(content);
  return {
    editor,
    destroy: () => {
      editor.destroy();
      doc.destroy();
      element.remove();
    },
  };
}
