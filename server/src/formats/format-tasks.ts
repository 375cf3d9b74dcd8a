import { replaceContentUpdate } from '../history/replace-content.js';
import type { DocFormats, ExportFormat, ImportFormat, Rendered } from './doc-formats.js';
import { cleanTitle } from './doc-formats.js';

/** The conversions the server runs off its event loop (`format-pool.ts`): bytes and strings in and out. */
export interface FormatTasks {
  /** A document (full Yjs update) rendered in a format, with its title for the file name. */
  render: { input: { state: Uint8Array; format: ExportFormat }; output: Rendered & { title: string } };
  /** A new document's full state from untrusted Markdown, HTML or JSON; `title` overrides the file's own. */
  import: {
    input: { text: string; format: ImportFormat; title: string | null };
    output: { update: Uint8Array; title: string };
  };
  /** The update that turns the document `current` into `target` (both full Yjs updates) by ordinary edits. */
  replace: { input: { current: Uint8Array; target: Uint8Array }; output: { update: Uint8Array } };
}

export type FormatTaskName = keyof FormatTasks;

/** Runs one task; throws `FormatError` for input that is not a document. */
export function runFormatTask<N extends FormatTaskName>(
  formats: DocFormats,
  name: N,
  input: FormatTasks[N]['input'],
): FormatTasks[N]['output'] {
  const run: { [K in FormatTaskName]: (input: FormatTasks[K]['input']) => FormatTasks[K]['output'] } = {
    render: ({ state, format }) => {
      const doc = formats.read(state);
      return { ...formats.render(doc, format), title: doc.title };
    },
    import: ({ text, format, title }) => {
      const parsed = formats.parse(text, format);
      const doc = title === null ? parsed : { ...parsed, title: cleanTitle(title) };
      return { update: formats.toUpdate(doc), title: doc.title };
    },
    replace: ({ current, target }) => ({
      update: replaceContentUpdate(current, formats.read(target), formats.schema),
    }),
  };
  return (run[name] as (input: FormatTasks[N]['input']) => FormatTasks[N]['output'])(input);
}
