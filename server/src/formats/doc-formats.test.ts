import type { Node as PMNode } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contentFragment, titleText } from '../../../shared/doc-fields.js';
import { DocFormats } from './doc-formats.js';
import { FormatError } from './format-error.js';

const formats = new DocFormats();

/** Every element and mark the editor supports, in the Markdown the server writes. */
const EVERY_ELEMENT_MD = `# Heading one

## Heading *two*

### Heading three

Text with **bold**, *italic*, ++underline++, ~~strike~~, \`code\` and a [link](https://example.com/a?b=1). A hard break follows  
here.

- bullet one
- bullet two
  - nested bullet

1. first
2. second

- [ ] open task
- [x] done task

> a quote

\`\`\`ts
const answer = 42;
\`\`\`

---

Last paragraph.
`;

/** Node type names and mark names found in a document. */
function inventory(node: PMNode): { nodes: Set<string>; marks: Set<string> } {
  const nodes = new Set<string>();
  const marks = new Set<string>();
  node.descendants((child) => {
    nodes.add(child.type.name === 'heading' ? `heading${child.attrs.level}` : child.type.name);
    if (child.type.name === 'taskItem') nodes.add(child.attrs.checked ? 'taskItem[x]' : 'taskItem[ ]');
    for (const mark of child.marks) marks.add(mark.type.name);
  });
  return { nodes, marks };
}

const EXPECTED_NODES = [
  'heading1',
  'heading2',
  'heading3',
  'paragraph',
  'text',
  'hardBreak',
  'bulletList',
  'orderedList',
  'listItem',
  'taskList',
  'taskItem',
  'taskItem[ ]',
  'taskItem[x]',
  'blockquote',
  'codeBlock',
  'horizontalRule',
];
const EXPECTED_MARKS = ['bold', 'italic', 'underline', 'strike', 'code', 'link'];

/** Through Yjs and back, as an import followed by an export does it. */
const viaYjs = (doc: { title: string; content: PMNode }) => formats.read(formats.toUpdate(doc));

describe('DocFormats', () => {
  it('the Markdown sample holds every supported element and mark', () => {
    const { content } = formats.parse(EVERY_ELEMENT_MD, 'markdown');
    const { nodes, marks } = inventory(content);
    expect([...nodes].sort()).toEqual([...EXPECTED_NODES].sort());
    expect([...marks].sort()).toEqual([...EXPECTED_MARKS].sort());
  });

  it('Markdown → document → Markdown gives back the same text', () => {
    const imported = viaYjs(formats.parse(EVERY_ELEMENT_MD, 'markdown'));
    expect(formats.toMarkdown(imported.content)).toBe(EVERY_ELEMENT_MD);
  });

  it('HTML → document → HTML keeps every element, mark and attribute', () => {
    const fromMd = formats.parse(EVERY_ELEMENT_MD, 'markdown');
    const html = formats.render({ title: 'All of it', content: fromMd.content }, 'html').body;
    const imported = viaYjs(formats.parse(html, 'html'));
    expect(imported.title).toBe('All of it');
    expect(imported.content.eq(fromMd.content)).toBe(true);
    expect(formats.render(imported, 'html').body).toBe(html);
    expect(html).toContain('<ul data-type="taskList">');
    expect(html).toContain('<pre><code class="language-ts">');
    expect(html).toContain('href="https://example.com/a?b=1"');
  });

  it('reads HTML written by other tools into the same elements', () => {
    const html = `<h1>Title</h1><p>One <b>bold</b> <i>it</i> <u>u</u> <del>s</del> <code>c</code> <a href="/rel">rel</a><br>two</p>
      <ul><li>a<ul><li>b</li></ul></li></ul><ol><li>x</li></ol><blockquote><p>q</p></blockquote><pre>pre</pre><hr>`;
    const { nodes, marks } = inventory(formats.parse(html, 'html').content);
    for (const name of [
      'heading1',
      'hardBreak',
      'bulletList',
      'orderedList',
      'blockquote',
      'codeBlock',
      'horizontalRule',
    ]) {
      expect(nodes).toContain(name);
    }
    expect([...marks].sort()).toEqual([...EXPECTED_MARKS].sort());
  });

  it('refuses HTML with scripts', () => {
    for (const html of [
      '<p>hi</p><script>alert(1)</script>',
      '<SCRIPT src="x.js"></SCRIPT>',
      '<svg><script>1</script></svg>',
    ]) {
      expect(() => formats.parse(html, 'html')).toThrowError(
        expect.objectContaining({ code: 'unsafe_html', status: 422 }) as unknown as Error,
      );
    }
  });

  it('keeps only known elements of imported HTML: no handlers, frames, styles or script links', () => {
    const html = `<p onclick="steal()" style="color:red">a <a href="javascript:alert(1)">js</a>
      <a href=" JaVa&#09;Script:alert(1)">js2</a> <a href="data:text/html,x">data</a>
      <a href="https://ok.example">ok</a> <a href="mailto:a@b.example">mail</a></p>
      <img src="x" onerror="alert(1)"><iframe src="https://evil.example"></iframe><object data="x"></object>
      <table><tr><td>cell</td></tr></table><h5>deep heading</h5>`;
    const { content } = formats.parse(html, 'html');
    const out = formats.toHtml(content);
    expect(out).not.toMatch(/onclick|onerror|style=|javascript|data:|<img|<iframe|<object|<table/i);
    expect(out).toContain('href="https://ok.example"');
    expect(out).toContain('href="mailto:a@b.example"');
    expect(formats.toText(content)).toContain('cell');
    expect(formats.toText(content)).toContain('deep heading');
  });

  it('reads Markdown soft line breaks as spaces, except in code blocks', () => {
    const { content } = formats.parse('one\ntwo\n\n```\na\nb\n```', 'markdown');
    expect(content.child(0).textContent).toBe('one two');
    expect(content.child(1).textContent).toBe('a\nb');
  });

  it('drops script links from imported Markdown and keeps inline HTML as plain text', () => {
    const md = '[click](javascript:alert(1)) [ok](https://ok.example) <img src=x onerror=alert(1)> <script>x</script>';
    const { content } = formats.parse(md, 'markdown');
    const links: string[] = [];
    content.descendants((node) => {
      for (const mark of node.marks) if (mark.type.name === 'link') links.push(mark.attrs.href as string);
    });
    expect(links).toEqual(['https://ok.example']);
    const html = formats.toHtml(content);
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('keeps empty paragraphs between blocks and drops the trailing ones from Markdown and text', () => {
    const content = formats.schema.nodeFromJSON({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'A' }] },
        { type: 'paragraph' },
        { type: 'paragraph', content: [{ type: 'text', text: 'b' }] },
        { type: 'paragraph' },
      ],
    });
    expect(formats.toMarkdown(content)).toBe('## A\n\n\n\nb\n');
    expect(formats.toText(content)).toBe('A\n\n\n\nb');
    expect(formats.parse(formats.toMarkdown(content), 'markdown').content.childCount).toBe(3);
  });

  it('an empty import is one empty paragraph', () => {
    for (const [text, format] of [
      ['', 'markdown'],
      ['   \n', 'markdown'],
      ['', 'html'],
    ] as const) {
      const { content } = formats.parse(text, format);
      expect(content.toJSON()).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
    }
  });

  it('exports JSON and plain text with the title', () => {
    const doc = viaYjs({ title: 'Plan', content: formats.parse('# Goals\n\n- [x] ship\n\nDone.', 'markdown').content });
    const json = JSON.parse(formats.render(doc, 'json').body) as { title: string; content: { type: string } };
    expect(json.title).toBe('Plan');
    expect(json.content.type).toBe('doc');
    const text = formats.render(doc, 'text');
    expect(text.contentType).toBe('text/plain; charset=utf-8');
    expect(text.body).toBe('Goals\n\nship\n\nDone.');
  });

  it('JSON export → document → JSON export is exact, and bad JSON is refused', () => {
    const doc = viaYjs({ title: 'J', content: formats.parse(EVERY_ELEMENT_MD, 'markdown').content });
    const json = formats.render(doc, 'json').body;
    expect(formats.render(viaYjs(formats.parse(json, 'json')), 'json').body).toBe(json);
    for (const bad of [
      '{',
      '[]',
      '{"content":{"type":"paragraph"}}',
      '{"content":{"type":"doc","content":[{"type":"nope"}]}}',
    ]) {
      expect(() => formats.parse(bad, 'json')).toThrowError(FormatError);
    }
  });

  it('escapes the title in the HTML page and keeps titles to one line', () => {
    const page = formats.render({ title: '<b>&"x"', content: formats.parse('hi', 'markdown').content }, 'html').body;
    expect(page).toContain('<title>&lt;b&gt;&amp;&quot;x&quot;</title>');
    const { title } = formats.parse('<title>  two\n lines </title><p>x</p>', 'html');
    expect(title).toBe('two lines');
  });

  it('reads a document from a copy: elements the schema rejects are skipped, the original is untouched', () => {
    const doc = new Y.Doc();
    const fragment = contentFragment(doc);
    const bogus = new Y.XmlElement('script');
    bogus.insert(0, [new Y.XmlText('alert(1)')]);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('kept')]);
    fragment.insert(0, [bogus, paragraph]);
    titleText(doc).insert(0, 'T');
    const state = Y.encodeStateAsUpdate(doc);
    const read = formats.read(state);
    expect(read.title).toBe('T');
    expect(formats.toText(read.content)).toBe('kept');
    expect(fragment.length).toBe(2);
  });

  it('turns parser failures into FormatError', () => {
    const deep = `${'>'.repeat(20_000)} deep`;
    try {
      formats.parse(deep, 'markdown');
    } catch (error) {
      // Either it parses (fine) or it fails as a FormatError, never with a raw RangeError.
      expect(error).toBeInstanceOf(FormatError);
    }
  });
});
