import * as Y from 'yjs';
import { contentFragment, titleText } from '../../shared/doc-fields.js';

/** What the server holds for a document, read over REST (`GET /api/docs/<id>/update`), not from any browser. */
export interface ServerDoc {
  /** Text of each top-level block of the rich-text body. */
  blocks: string[];
  title: string;
}

function textOf(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert: unknown }[])
      .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
      .join('');
  }
  if (node instanceof Y.XmlElement) return node.toArray().map(textOf).join('');
  return '';
}

/** Text of each top-level block of a rich-text body. */
export const blocksOf = (fragment: Y.XmlFragment): string[] => fragment.toArray().map(textOf);

/** Fetches the whole document from the server and reads its blocks and title. */
export async function fetchServerDoc(baseUrl: string, docId: string): Promise<ServerDoc> {
  const response = await fetch(`${baseUrl}/api/docs/${docId}/update`);
  if (!response.ok) throw new Error(`GET update of ${docId}: HTTP ${response.status} ${await response.text()}`);
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, new Uint8Array(await response.arrayBuffer()));
    return {
      blocks: blocksOf(contentFragment(doc)),
      title: titleText(doc).toString(),
    };
  } finally {
    doc.destroy();
  }
}

/** How many times `needle` occurs in `haystack` (non-overlapping). */
export function countOccurrences(haystack: string, needle: string): number {
  if (needle === '') throw new Error('countOccurrences needs a non-empty needle');
  return haystack.split(needle).length - 1;
}
