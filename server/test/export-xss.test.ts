import type { JSONContent } from '@tiptap/core';
import { prosemirrorToYXmlFragment } from '@tiptap/y-tiptap';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contentFragment } from '../../shared/doc-fields.js';
import { formats } from './doc-content.js';
import { connectClient, startTestServer, uniqueDocId, waitFor, waitForSynced } from './helpers.js';
import { activeContent, linksIn } from './rendered-html.js';

/** What every link of an export must carry, whatever the document said. */
const QUIRE_LINK = { rel: 'noopener noreferrer nofollow', target: '_blank', class: null };
const OK = 'https://ok.example/';

const link = (href: string, title: string | null = null, extra: Record<string, string> = {}) => ({
  type: 'link',
  attrs: { href, title, ...extra },
});
type Mark = { type: string; attrs?: Record<string, unknown> };
const text = (value: string, ...marks: Mark[]): JSONContent => ({
  type: 'text',
  text: value,
  ...(marks.length ? { marks } : {}),
});
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });

const EVIL_HREF_12 = `${OK}12)(javascript:alert(12))<img src=x onerror=alert(12)>"`;

/**
 * The attacks, as a document any Yjs client can store (none of them is a schema violation): each block
 * carries its case number as text, so the plain-text export shows that no case swallowed another.
 */
const STORED_CASES: JSONContent[] = [
  paragraph(text('c1 javascript link', link('javascript:alert(1)'))),
  paragraph(text('c2 mixed case', link('JaVaScRiPt:alert(2)'))),
  paragraph(text('c3 tab in the scheme', link('java\tscript:alert(3)'))),
  paragraph(text('c4 newline in the scheme', link('java\nscript:alert(4)'))),
  paragraph(text('c5 decimal entity', link('&#106;avascript:alert(5)'))),
  paragraph(text('c6 named entity', link('javascript&colon;alert(6)'))),
  paragraph(text('c7 percent-encoded', link('javascript%3Aalert(7)'))),
  paragraph(text('c8 data URL', link('data:text/html,<script>alert(8)</script>'))),
  paragraph(text('c9 vbscript', link('vbscript:msgbox(9)'))),
  paragraph(text('c10 title with quotes', link(`${OK}10`, 'x" onmouseover="alert(10)'))),
  paragraph(text('c11 title that closes the link', link(`${OK}11`, 'a") [y](javascript:alert(11)'))),
  paragraph(text('c12 target with brackets and HTML', link(EVIL_HREF_12))),
  paragraph(text('c13 click](javascript:alert(13))', link(`${OK}13`))),
  paragraph(
    text('c14 <img src=x onerror=alert(14)> <script>alert(14)</script> &#60;script&#62; <a href="javascript:x">a</a>'),
  ),
  paragraph(text('c15 a`<img src=x onerror=alert(15)>`', { type: 'code' })),
  { type: 'codeBlock', attrs: { language: 'js' }, content: [text('c16\n```\n<script>alert(16)</script>\n```')] },
  { type: 'codeBlock', attrs: { language: 'js\n<img src=x onerror=alert(17)>' }, content: [text('c17')] },
  paragraph(
    text('c18 evil rel, target and class', link(`${OK}18`, null, { rel: 'opener', target: '_self', class: 'x' })),
  ),
  paragraph(text('c19 <javascript:alert(19)> [c](javascript:alert(19))')),
];

/** The only links a rendering of STORED_CASES may hold, in order. */
const STORED_LINKS = [
  { href: `${OK}10`, title: 'x" onmouseover="alert(10)' },
  { href: `${OK}11`, title: 'a") [y](javascript:alert(11)' },
  { href: new URL(EVIL_HREF_12).href, title: null },
  { href: `${OK}13`, title: null },
  { href: `${OK}18`, title: null },
];

const renderMarkdown = (markdown: string) => new Marked().parse(markdown, { async: false });

const exportOf = async (url: string, docId: string, format: string) => {
  const response = await fetch(`${url}/api/docs/${docId}/export?format=${format}`);
  expect(response.status).toBe(200);
  return response.text();
};

/** Link marks of a JSON export, wherever they sit. */
function jsonLinks(node: JSONContent): Record<string, unknown>[] {
  const own = (node.marks ?? []).filter((mark) => mark.type === 'link').map((mark) => mark.attrs ?? {});
  return [...own, ...(node.content ?? []).flatMap(jsonLinks)];
}

/**
 * Exports the document in every format and checks each from the outside: the Markdown rendered by a
 * real Markdown renderer and the HTML export hold no script, handler or foreign URL, and exactly the
 * links `expected` (with Quire's rel/target in the HTML); the JSON export holds the same links.
 */
async function expectInertExports(url: string, docId: string, expected: { href: string; title: string | null }[]) {
  const markdown = await exportOf(url, docId, 'markdown');
  const fromMarkdown = renderMarkdown(markdown);
  expect(activeContent(fromMarkdown), `Markdown export:\n${markdown}`).toEqual([]);
  expect(linksIn(fromMarkdown).map(({ href, title }) => ({ href, title }))).toEqual(expected);

  const html = await exportOf(url, docId, 'html');
  expect(activeContent(html), `HTML export:\n${html}`).toEqual([]);
  expect(linksIn(html)).toEqual(expected.map((one) => ({ ...one, ...QUIRE_LINK })));

  const json = JSON.parse(await exportOf(url, docId, 'json')) as { content: JSONContent };
  const links = jsonLinks(json.content);
  expect(links.map(({ href, title }) => ({ href: new URL(String(href)).href, title }))).toEqual(expected);
  for (const attrs of links) expect(attrs).toMatchObject(QUIRE_LINK);
  return { markdown, text: await exportOf(url, docId, 'text') };
}

describe('exports never carry a script link, a handler or raw HTML', () => {
  it('a stored document with the 19 attacks exports inert Markdown, HTML and JSON, keeping every text', async () => {
    const { url, wsUrl } = await startTestServer();
    const docId = uniqueDocId();
    const client = connectClient(wsUrl, docId);
    await waitForSynced(client.provider);
    const content = formats.schema.nodeFromJSON({ type: 'doc', content: STORED_CASES });
    prosemirrorToYXmlFragment(content, contentFragment(client.doc));
    await waitFor(
      async () => (await exportOf(url, docId, 'text')).includes('c19'),
      10_000,
      'the document on the server',
    );

    const { text: plain } = await expectInertExports(url, docId, STORED_LINKS);
    for (let n = 1; n <= STORED_CASES.length; n++) expect(plain).toContain(`c${n} `.trim());
    expect(plain).toContain('c13 click](javascript:alert(13))');
    expect(plain).toContain('&#60;script&#62;');
  });

  it('imported HTML, Markdown and JSON lose their script links and carry Quire’s rel, target and class', async () => {
    const { url, wsUrl } = await startTestServer();
    const imports: [string, string, { href: string; title: string | null }][] = [
      [
        'text/html',
        `<p>h1 <a href="javascript:alert(1)">js</a> <a href=" JaVa&#09;Script:alert(2)">tab</a>
          <a href="&#106;avascript:alert(3)">entity</a> <a href="javascript&colon;alert(4)">colon</a>
          <a href="data:text/html,x">data</a> <a href="vbscript:x">vb</a> <a href="java%0ascript:alert(5)">pct</a>
          <a href="https://ok.example/h" rel="opener" target="_self" class="evil" onclick="alert(6)"
             title='t" onclick="x'>ok</a></p>`,
        { href: `${OK}h`, title: 't" onclick="x' },
      ],
      [
        'text/markdown',
        [
          'm1 [js](javascript:alert(1)) [angle](<javascript:alert(2)>) [entity](&#106;avascript:alert(3))',
          '[pct](javascript%3Aalert(4)) [ref][r] <javascript:alert(6)> [data](data:text/html,x)',
          '[ok](https://ok.example/m "t\\" onclick=\\"x") <img src=x onerror=alert(7)>',
          '',
          '[r]: javascript:alert(5)',
        ].join('\n'),
        { href: `${OK}m`, title: 't" onclick="x' },
      ],
      [
        'application/json',
        JSON.stringify({
          title: 'J',
          content: {
            type: 'doc',
            content: [
              paragraph(
                text('j1 ', link('data:text/html,x')),
                text('j2', link(`${OK}j`, null, { rel: 'opener', target: '_self', class: 'evil' })),
              ),
            ],
          },
        }),
        { href: `${OK}j`, title: null },
      ],
    ];
    for (const [type, body, expected] of imports) {
      const response = await fetch(`${url}/api/docs`, { method: 'POST', headers: { 'content-type': type }, body });
      expect(response.status).toBe(201);
      const { id } = (await response.json()) as { id: string };
      await expectInertExports(url, id, [expected]);

      // What was stored carries Quire's attributes, not the file's: editors see the same as exports.
      const editor = connectClient(wsUrl, id);
      await waitForSynced(editor.provider);
      const stored = storedLinkAttributes(editor.doc);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ href: expected.href, ...QUIRE_LINK });
    }
  });
});

/** The attributes of every link mark in a document's Yjs content, as y-tiptap stores them. */
function storedLinkAttributes(doc: Y.Doc): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (node: Y.XmlElement | Y.XmlText | Y.XmlHook | Y.XmlFragment) => {
    if (node instanceof Y.XmlText) {
      for (const op of node.toDelta() as { attributes?: { link?: Record<string, unknown> } }[]) {
        if (op.attributes?.link) found.push(op.attributes.link);
      }
    } else if (node instanceof Y.XmlElement || node instanceof Y.XmlFragment) {
      for (const child of node.toArray()) visit(child);
    }
  };
  visit(contentFragment(doc));
  return found;
}
