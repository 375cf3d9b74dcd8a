import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { editTo, markdownOf } from './doc-content.js';
import { connectClient, startTestServer, uniqueDocId, waitFor, waitForSynced } from './helpers.js';

const MARKDOWN = `# Launch plan

Ship **on time**, with *care* and a [checklist](https://example.com/list).

- [x] write the plan
- [ ] review it

> Quote of the day.

\`\`\`sh
npm test
\`\`\`
`;

const importDoc = (url: string, body: string, type: string, query = '') =>
  fetch(`${url}/api/docs${query}`, { method: 'POST', headers: { 'content-type': type }, body });

describe('export', () => {
  it('renders the live document as Markdown, HTML, JSON and text, named after its title', async () => {
    const { url, wsUrl } = await startTestServer();
    const docId = uniqueDocId();
    const client = connectClient(wsUrl, docId);
    await waitForSynced(client.provider);
    editTo(client.doc, MARKDOWN, 'Launch plan: Q3');
    await waitFor(
      async () => (await (await fetch(`${url}/api/docs/${docId}/export?format=markdown`)).text()) === MARKDOWN,
    );

    const md = await fetch(`${url}/api/docs/${docId}/export?format=markdown`);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toBe(
      `attachment; filename="Launch plan_ Q3.md"; filename*=UTF-8''Launch%20plan%3A%20Q3.md`,
    );
    const html = await fetch(`${url}/api/docs/${docId}/export?format=html`);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await html.text();
    expect(page).toContain('<title>Launch plan: Q3</title>');
    expect(page).toContain('<h1>Launch plan</h1>');
    expect(page).toContain('<ul data-type="taskList">');
    const json = (await (await fetch(`${url}/api/docs/${docId}/export?format=json`)).json()) as {
      title: string;
      content: { type: string };
    };
    expect(json).toMatchObject({ title: 'Launch plan: Q3', content: { type: 'doc' } });
    const text = await (await fetch(`${url}/api/docs/${docId}/export?format=text`)).text();
    expect(text).toContain('Ship on time, with care and a checklist.');
    expect(text).not.toContain('**');
  });

  it('also from a stored document, and through a read-only link; unknown formats and documents are refused', async () => {
    const { url, server } = await startTestServer();
    const created = await importDoc(url, MARKDOWN, 'text/markdown', '?title=Stored');
    const { id } = (await created.json()) as { id: string };
    expect(server.ctx.registry.peek(id)).toBeNull();
    expect(await (await fetch(`${url}/api/docs/${id}/export?format=markdown`)).text()).toBe(MARKDOWN);
    const viewId = server.ctx.access.viewIds.viewIdFor(id);
    const viaLink = await fetch(`${url}/api/docs/r/${viewId}/export?format=markdown`);
    expect(viaLink.status).toBe(200);
    expect(await viaLink.text()).toBe(MARKDOWN);
    for (const [path, status, error] of [
      [`/api/docs/${id}/export?format=docx`, 400, 'invalid_format'],
      [`/api/docs/${id}/export`, 400, 'invalid_format'],
      [`/api/docs/${uniqueDocId()}/export?format=html`, 404, 'not_found'],
    ] as const) {
      const response = await fetch(`${url}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status });
      expect(await response.json()).toMatchObject({ error, message: expect.any(String) });
    }
  });
});

describe('import', () => {
  it('creates a document from Markdown that every editor sees once, even when two open it at the same moment', async () => {
    const { url, wsUrl, server } = await startTestServer();
    const response = await importDoc(url, MARKDOWN, 'text/markdown; charset=utf-8', '?title=Launch');
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(response.headers.get('location')).toBe(`/api/docs/${id}`);
    // Stored before the id was handed out: one update, nothing loaded yet.
    expect((await server.ctx.store.load(id))?.updates).toHaveLength(1);

    const editors = [connectClient(wsUrl, id), connectClient(wsUrl, id), connectClient(wsUrl, id)];
    await Promise.all(editors.map((e) => waitForSynced(e.provider)));
    for (const e of editors) {
      expect(markdownOf(e.doc)).toBe(MARKDOWN);
      expect(e.doc.getText('title').toString()).toBe('Launch');
    }
    // One of them edits; the content is still there once, plus the edit.
    editTo(editors[0]?.doc as Y.Doc, `${MARKDOWN}\nAdded.\n`);
    await waitFor(() => editors.every((e) => markdownOf(e.doc) === `${MARKDOWN}\nAdded.\n`), 5000, 'edit everywhere');
    expect(markdownOf(editors[1]?.doc as Y.Doc).match(/# Launch plan/g)).toHaveLength(1);
  });

  it('creates a document from HTML, sanitised, with the title from <title>', async () => {
    const { url, wsUrl } = await startTestServer();
    const html = `<!doctype html><html><head><title>Notes</title><style>p{}</style></head><body>
      <h2 onclick="x()">Agenda</h2><p>See <a href="javascript:alert(1)">this</a> and <a href="https://ok.example">that</a>.</p>
      <iframe src="https://evil.example"></iframe><ol><li>one</li><li>two</li></ol></body></html>`;
    const response = await importDoc(url, html, 'text/html');
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const client = connectClient(wsUrl, id);
    await waitForSynced(client.provider);
    expect(client.doc.getText('title').toString()).toBe('Notes');
    expect(markdownOf(client.doc)).toBe('## Agenda\n\nSee this and [that](https://ok.example).\n\n1. one\n2. two\n');
  });

  it('round-trips its own JSON export', async () => {
    const { url } = await startTestServer();
    const first = (await (await importDoc(url, MARKDOWN, 'text/markdown', '?title=T')).json()) as { id: string };
    const json = await (await fetch(`${url}/api/docs/${first.id}/export?format=json`)).text();
    const second = (await (await importDoc(url, json, 'application/json')).json()) as { id: string };
    expect(await (await fetch(`${url}/api/docs/${second.id}/export?format=json`)).text()).toBe(json);
  });

  it('still creates an empty document without a body', async () => {
    const { url } = await startTestServer();
    const response = await fetch(`${url}/api/docs`, { method: 'POST' });
    expect(response.status).toBe(201);
    const { id, size } = (await response.json()) as { id: string; size: number };
    expect(size).toBe(0);
    expect(await (await fetch(`${url}/api/docs/${id}/export?format=text`)).text()).toBe('');
  });

  it('refuses scripts, unknown types, broken JSON and oversized bodies with a clear 4xx, storing nothing', async () => {
    const { url, server } = await startTestServer({ maxImportBytes: 4096 });
    const cases: [string, string, number, string][] = [
      ['<p>hi</p><script>fetch("/steal")</script>', 'text/html', 422, 'unsafe_html'],
      ['%PDF-1.4', 'application/pdf', 415, 'unsupported_media_type'],
      ['plain words', 'text/plain', 415, 'unsupported_media_type'],
      ['{"content": 1}', 'application/json', 422, 'invalid_json'],
      ['{not json', 'application/json', 422, 'invalid_json'],
      [`# big\n\n${'x'.repeat(5000)}`, 'text/markdown', 413, 'payload_too_large'],
    ];
    const before = (await server.ctx.store.list({ limit: 1000 })).docs.length;
    for (const [body, type, status, error] of cases) {
      const response = await importDoc(url, body, type);
      expect({ type, status: response.status }).toEqual({ type, status });
      expect(await response.json()).toMatchObject({ error, message: expect.any(String) });
    }
    expect((await server.ctx.store.list({ limit: 1000 })).docs.length).toBe(before);
  });
});
