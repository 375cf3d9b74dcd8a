import {
  type AnyExtension,
  type Extensions,
  flattenExtensions,
  getExtensionField,
  type JSONContent,
  type MarkdownRendererHelpers,
} from '@tiptap/core';
import { isSafeUrl } from '../../../shared/safe-url.js';

/**
 * Markdown that a renderer turns into exactly the document (decision 112): the stock writers put link
 * targets and titles, inline code and code blocks into the file as they are, so a `"` in a title, a
 * backtick in code or a fence inside a code block ends the construct early and the rest of the text
 * becomes live Markdown or raw HTML. These writers escape or fence around whatever the content holds.
 */

/** Percent-encodes what a link destination may not hold (spaces, controls); escapes what would end it. */
const escapeDestination = (href: string): string =>
  href
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    .replace(/[\u0000-\u0020\u007f]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
    .replace(/[\\()<>]/g, '\\$&')
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');

/** A link title on one line, with what would end it or decode in it escaped. */
const escapeTitle = (title: string): string =>
  title
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/[\\"]/g, '\\$&')
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');

/** Code-block languages are info strings: one word, no backticks, no line breaks. */
const SAFE_LANGUAGE = /^[\w#+.-]{1,40}$/;

/** The longest run of backticks in `text`. */
function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

type Render = (node: JSONContent, helpers: MarkdownRendererHelpers) => string;

const renderLink: Render = (node, h) => {
  const text = h.renderChildren(node);
  const href: unknown = node.attrs?.href;
  // Documents are read through `withSafeLinks` already; a link the policy refuses stays plain text here too.
  if (!isSafeUrl(href)) return text;
  const title: unknown = node.attrs?.title;
  const titlePart = typeof title === 'string' && title !== '' ? ` "${escapeTitle(title)}"` : '';
  return `[${text}](${escapeDestination(href)}${titlePart})`;
};

/** Inline code: the fence (set by `prepareForMarkdown`) is longer than any backtick run inside. */
const renderCode: Render = (node, h) => {
  const fence = typeof node.attrs?.fence === 'string' ? node.attrs.fence : '`';
  const pad = node.attrs?.pad === true ? ' ' : '';
  return `${fence}${pad}${h.renderChildren(node.content ?? [])}${pad}${fence}`;
};

const renderCodeBlock: Render = (node, h) => {
  const code = node.content ? h.renderChildren(node.content) : '';
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(code) + 1));
  const language: unknown = node.attrs?.language;
  const info = typeof language === 'string' && SAFE_LANGUAGE.test(language) ? language : '';
  return [`${fence}${info}`, code, fence].join('\n');
};

const WRITERS: Record<string, Render> = { link: renderLink, code: renderCode, codeBlock: renderCodeBlock };

/**
 * The schema's extensions, flattened, with the escaping Markdown writers in place of the stock ones.
 * Bundles (StarterKit) are in the flat list next to what they add, so they add nothing a second time.
 */
export function markdownExtensions(extensions: Extensions): AnyExtension[] {
  return flattenExtensions(extensions).map((extension) => {
    const renderMarkdown = WRITERS[extension.name];
    const bundles = getExtensionField(extension, 'addExtensions') !== undefined;
    if (!renderMarkdown && !bundles) return extension;
    return extension.extend({
      ...(renderMarkdown ? { renderMarkdown } : {}),
      ...(bundles ? { addExtensions: () => [] } : {}),
    });
  });
}

const hasCodeMark = (node: JSONContent): boolean =>
  node.type === 'text' && (node.marks ?? []).some((mark) => mark.type === 'code');

/**
 * A copy of the document JSON ready for the Markdown writer: line breaks inside text become spaces (a
 * blank line would end the paragraph, and code text is written unescaped), and each run of inline
 * code gets the backtick fence its content needs, as attributes of its `code` marks.
 */
export function prepareForMarkdown(node: JSONContent): JSONContent {
  if (!node.content || node.type === 'codeBlock') return node;
  const content = node.content.map((child) =>
    child.type === 'text'
      ? { ...child, text: (child.text ?? '').replace(/\r\n?|\n/g, ' ') }
      : prepareForMarkdown(child),
  );
  for (let start = 0; start < content.length; ) {
    let end = start;
    while (end < content.length && hasCodeMark(content[end] as JSONContent)) end++;
    if (end === start) {
      start++;
      continue;
    }
    const run = content.slice(start, end);
    const text = run.map((child) => child.text ?? '').join('');
    const attrs = { fence: '`'.repeat(longestBacktickRun(text) + 1), pad: /^`|`$/.test(text.trim()) };
    run.forEach((child, offset) => {
      const marks = (child.marks ?? []).map((mark) => (mark.type === 'code' ? { ...mark, attrs } : mark));
      content[start + offset] = { ...child, marks };
    });
    start = end;
  }
  return { ...node, content };
}
