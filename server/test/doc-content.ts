import * as Y from 'yjs';
import { DocFormats } from '../src/formats/doc-formats.js';
import { replaceContentUpdate } from '../src/history/replace-content.js';

/** The editor's schema and formats, for reading and writing test documents like the editor does. */
export const formats = new DocFormats();

/**
 * Edits `doc` so its content becomes `markdown` (and its title `title`), through ordinary Yjs edits
 * made locally, as typing in the editor would: a connected provider sends them to the server.
 */
export function editTo(doc: Y.Doc, markdown: string, title = ''): void {
  const target = { title, content: formats.parse(markdown, 'markdown').content };
  Y.applyUpdate(doc, replaceContentUpdate(Y.encodeStateAsUpdate(doc), target, formats.schema));
}

/** A document's content as Markdown (read from a copy, never touching `doc`). */
export const markdownOf = (doc: Y.Doc): string => formats.toMarkdown(formats.read(Y.encodeStateAsUpdate(doc)).content);

/** A full Yjs update's content as Markdown. */
export const markdownOfState = (state: Uint8Array): string => formats.toMarkdown(formats.read(state).content);
