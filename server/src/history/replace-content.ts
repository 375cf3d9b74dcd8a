import type { Schema } from '@tiptap/pm/model';
import { initProseMirrorDoc, updateYFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { contentFragment, titleText } from '../../../shared/doc-fields.js';
import type { DocContent } from '../formats/doc-formats.js';

/**
 * The Yjs update that turns the document `current` (a full state) into `target`, made of ordinary edits
 * on top of `current`: applied anywhere that holds `current` (or more), it changes only what differs.
 * Blocks equal in both are left alone, so a collaborator typing in an unchanged paragraph keeps the
 * edit and the caret; the rest is deleted and inserted in one transaction. Works on a private copy.
 */
export function replaceContentUpdate(current: Uint8Array, target: DocContent, schema: Schema): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, current);
    const before = Y.encodeStateVector(doc);
    doc.transact(() => {
      const fragment = contentFragment(doc);
      // The same diff the editor binding runs on every keystroke (y-prosemirror's updateYFragment).
      const { meta } = initProseMirrorDoc(fragment, schema);
      updateYFragment(doc, fragment, target.content, meta);
      replaceText(titleText(doc), target.title);
    });
    return Y.encodeStateAsUpdate(doc, before);
  } finally {
    doc.destroy();
  }
}

/** Replaces only the differing middle of `text`, keeping the common start and end. */
function replaceText(text: Y.Text, next: string): void {
  const current = text.toString();
  if (current === next) return;
  let start = 0;
  while (start < current.length && start < next.length && current[start] === next[start]) start++;
  let end = 0;
  while (
    end < current.length - start &&
    end < next.length - start &&
    current[current.length - 1 - end] === next[next.length - 1 - end]
  ) {
    end++;
  }
  // Never split a surrogate pair: Yjs would store each half as U+FFFD.
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--;
  text.delete(start, current.length - start - end);
  text.insert(start, next.slice(start, next.length - end));
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
