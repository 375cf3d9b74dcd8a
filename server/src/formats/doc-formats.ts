import { type Extensions, getSchema, type JSONContent } from '@tiptap/core';
import { MarkdownManager } from '@tiptap/markdown';
import { DOMSerializer, DOMParser as PMDOMParser, Node as PMNode, type Schema } from '@tiptap/pm/model';
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { DOMParser as LinkedomParser } from 'linkedom';
import { Marked, type marked } from 'marked';
import * as Y from 'yjs';
import { schemaExtensions } from '../../../client/src/editor/schema-extensions.js';
import { contentFragment, MAX_TITLE_LENGTH, titleText } from '../../../shared/doc-fields.js';
import { FormatError } from './format-error.js';
import { createStringContainer, stringDocument } from './html-string.js';
import { markdownExtensions, prepareForMarkdown } from './markdown-safety.js';
import { withSafeLinks } from './safe-links.js';

/** Formats a document can be exported as (`GET /api/docs/<id>/export?format=`). */
export const EXPORT_FORMATS = ['html', 'markdown', 'json', 'text'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Formats a document can be created from (`json` is what the JSON export writes). */
export type ImportFormat = 'markdown' | 'html' | 'json';

export const isExportFormat = (value: unknown): value is ExportFormat =>
  typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);

/** A document as the editor sees it: a title and a ProseMirror `doc` node of the shared schema. */
export interface DocContent {
  title: string;
  content: PMNode;
}

export interface Rendered {
  body: string;
  /** Media type with charset, for the response header. */
  contentType: string;
  /** File name extension for downloads, without the dot. */
  extension: string;
}

/** Text of leaf nodes in plain-text exports (a container's text comes from its text blocks). */
const LEAF_TEXT: Record<string, string> = { hardBreak: '\n', horizontalRule: '---' };

const WHOLE_PAGE = /<(html|body)[\s>]/i;
const SCRIPT_TAG = /<script[\s/>]/i;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch);

/** Titles are one line, cut to what the client accepts. */
export const cleanTitle = (title: string): string => title.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE_LENGTH);

/**
 * Converts documents between Yjs and Markdown, HTML, JSON and plain text on the server, with the
 * editor's own schema (`schemaExtensions()`), so an export shows what the editor shows and an import
 * holds only what the editor can edit. Build one per server: the schema and parsers are reused.
 */
export class DocFormats {
  readonly schema: Schema;
  private readonly markdown: MarkdownManager;
  private readonly htmlSerializer: DOMSerializer;
  private readonly htmlParser: PMDOMParser;

  constructor(extensions: Extensions = schemaExtensions()) {
    this.schema = getSchema(extensions);
    // Its own marked instance: the manager registers tokenizers, which must not leak into the global one.
    // (A `Marked` instance has everything the manager uses of the `marked` namespace it is typed with.)
    this.markdown = new MarkdownManager({
      marked: new Marked() as unknown as typeof marked,
      extensions: markdownExtensions(extensions),
    });
    this.htmlSerializer = DOMSerializer.fromSchema(this.schema);
    this.htmlParser = PMDOMParser.fromSchema(this.schema);
  }

  /**
   * The title and content of a document given as a full Yjs update. Works on a private copy: the
   * Yjs-to-ProseMirror conversion deletes elements the schema rejects, which must never happen to a live
   * document behind its editors' backs.
   */
  read(state: Uint8Array): DocContent {
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, state);
      return {
        title: titleText(doc).toString(),
        content: withSafeLinks(yXmlFragmentToProseMirrorRootNode(contentFragment(doc), this.schema)),
      };
    } finally {
      doc.destroy();
    }
  }

  /** A new document's full state holding `content` (what an import writes before anyone connects). */
  toUpdate({ title, content }: DocContent): Uint8Array {
    const doc = new Y.Doc();
    try {
      doc.transact(() => {
        prosemirrorToYXmlFragment(content, contentFragment(doc));
        if (title) titleText(doc).insert(0, title);
      });
      return Y.encodeStateAsUpdate(doc);
    } finally {
      doc.destroy();
    }
  }

  render(doc: DocContent, format: ExportFormat): Rendered {
    switch (format) {
      case 'html':
        return { body: this.toHtmlDocument(doc), contentType: 'text/html; charset=utf-8', extension: 'html' };
      case 'markdown':
        return { body: this.toMarkdown(doc.content), contentType: 'text/markdown; charset=utf-8', extension: 'md' };
      case 'json':
        return {
          body: JSON.stringify({ title: doc.title, content: doc.content.toJSON() }),
          contentType: 'application/json; charset=utf-8',
          extension: 'json',
        };
      case 'text':
        return { body: this.toText(doc.content), contentType: 'text/plain; charset=utf-8', extension: 'txt' };
    }
  }

  /**
   * The content as Markdown. The title is not part of it (it names the file), so imports round-trip.
   * Ends with one newline: the empty paragraph the editor keeps at the end adds nothing to a file.
   */
  toMarkdown(content: PMNode): string {
    const markdown = this.markdown.serialize(prepareForMarkdown(content.toJSON() as JSONContent)).replace(/\n+$/, '');
    return markdown === '' ? '' : `${markdown}\n`;
  }

  /** The content as an HTML fragment, rendered by each node's own `renderHTML`. */
  toHtml(content: PMNode): string {
    const container = createStringContainer();
    // A string-building stand-in for the browser DOM ProseMirror is declared with.
    this.htmlSerializer.serializeFragment(content.content, { document: stringDocument as never }, container as never);
    return container.innerHTML;
  }

  /** A standalone HTML page: the title in `<title>`, the content as the body. */
  toHtmlDocument({ title, content }: DocContent): string {
    return [
      '<!DOCTYPE html>',
      '<html>',
      '<head>',
      '<meta charset="utf-8">',
      `<title>${escapeHtml(title)}</title>`,
      '</head>',
      `<body>${this.toHtml(content)}</body>`,
      '</html>',
      '',
    ].join('\n');
  }

  /** Plain text: one blank line between text blocks, line breaks kept, rules as `---`. */
  toText(content: PMNode): string {
    return content
      .textBetween(0, content.content.size, '\n\n', (leaf) => LEAF_TEXT[leaf.type.name] ?? '')
      .replace(/\n+$/, '');
  }

  /**
   * Parses untrusted Markdown or HTML into a document of the shared schema. Only known nodes and marks
   * survive; links the URL policy refuses lose their link; HTML with `<script>` is refused outright.
   * Throws `FormatError` for anything that does not make a valid document.
   */
  parse(text: string, format: ImportFormat): DocContent {
    let json: JSONContent;
    let title = '';
    try {
      if (format === 'markdown') json = this.markdown.parse(text);
      else if (format === 'html') ({ json, title } = this.parseHtml(text));
      else ({ json, title } = parseJsonExport(text));
    } catch (error) {
      if (error instanceof FormatError) throw error;
      throw new FormatError(`invalid_${format}`, `The ${FORMAT_NAMES[format]} could not be read.`);
    }
    return { title: cleanTitle(title), content: this.toNode(json) };
  }

  /**
   * linkedom builds the DOM: a parser only, which neither runs scripts nor loads anything, and is much
   * lighter than a browser-like window.
   */
  private parseHtml(html: string): { json: JSONContent; title: string } {
    // The text is checked too: a parser may drop a script it cannot place, and the author should still
    // hear that the file carried one.
    if (SCRIPT_TAG.test(html)) throw unsafeHtml();
    // linkedom places content only in a whole page; a fragment gets one around it.
    const page = WHOLE_PAGE.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
    const dom = new LinkedomParser().parseFromString(page, 'text/html');
    if (dom.querySelector('script')) throw unsafeHtml();
    const node = this.htmlParser.parse(dom.body as never);
    return { json: node.toJSON() as JSONContent, title: dom.querySelector('title')?.textContent ?? '' };
  }

  /** Schema-checked node from parser output, links under the URL policy; never an empty `doc`. */
  private toNode(json: JSONContent): PMNode {
    let node: PMNode;
    try {
      node = withSafeLinks(PMNode.fromJSON(this.schema, normalize(json)));
      if (node.childCount === 0) node = this.schema.topNodeType.createAndFill() as PMNode;
      node.check();
    } catch {
      throw new FormatError('invalid_content', 'The content does not fit the document schema.');
    }
    return node;
  }
}

const unsafeHtml = () =>
  new FormatError('unsafe_html', 'HTML with <script> elements is refused; remove them and try again.');

const FORMAT_NAMES: Record<ImportFormat, string> = { markdown: 'Markdown', html: 'HTML', json: 'JSON' };

/** `{ "title": "…", "content": { "type": "doc", … } }`, as the JSON export writes it. */
function parseJsonExport(text: string): { json: JSONContent; title: string } {
  const value = JSON.parse(text) as { title?: unknown; content?: unknown } | null;
  const content = value?.content as JSONContent | undefined;
  if (typeof content !== 'object' || content === null || content.type !== 'doc') {
    throw new FormatError('invalid_json', 'Expected { "title": "…", "content": { "type": "doc", … } }.');
  }
  return { json: content, title: typeof value?.title === 'string' ? value.title : '' };
}

/**
 * A copy of parser output made editor-like: line breaks inside text outside code blocks become spaces,
 * as Markdown's soft breaks and HTML's whitespace mean (the editor would show them as line breaks
 * otherwise). Links are put under the URL policy afterwards, by `withSafeLinks`.
 */
function normalize(json: JSONContent, inCode = false): JSONContent {
  const code = inCode || json.type === 'codeBlock';
  return {
    ...json,
    ...(json.type === 'text' && !code && json.text ? { text: json.text.replace(/[ \t]*\r?\n[ \t]*/g, ' ') } : {}),
    ...(json.content ? { content: json.content.map((child) => normalize(child, code)) } : {}),
  };
}
