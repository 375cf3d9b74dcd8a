import type { Extensions } from '@tiptap/core';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { StarterKit } from '@tiptap/starter-kit';

/**
 * The extensions that define a Quire document's schema, without collaboration, carets or placeholders.
 * The editor adds its interactive extensions to these; the server renders and parses exports and imports
 * with exactly these, so a document means the same thing on both sides. Change the schema here only.
 */
export function schemaExtensions(): Extensions {
  return [
    StarterKit.configure({
      // Collaboration brings Yjs undo; the history extension would undo other people's edits too.
      undoRedo: false,
      heading: { levels: [1, 2, 3] },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
      },
    }),
    TaskList,
    TaskItem.configure({ nested: true }),
  ];
}
