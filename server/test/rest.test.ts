import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../shared/close-codes.js';
import { isValidDocId } from '../../shared/doc-id.js';
import type { DocMetaJson, DocPageJson } from '../../shared/rest-api.js';
import { connectClient, startTestServer, text, waitFor, waitForSynced } from './helpers.js';

/** The operator credential of servers that list documents in open mode (`QUIRE_ADMIN_TOKEN`). */
const ADMIN_TOKEN = 'operator-credential-for-tests-0123456789';
const asAdmin = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe('REST API', () => {
  it('creates a document with an unguessable id and returns its metadata', async () => {
    const { url } = await startTestServer();
    const response = await fetch(`${url}/api/docs`, { method: 'POST' });
    expect(response.status).toBe(201);
    const body = (await response.json()) as DocMetaJson;
    expect(isValidDocId(body.id)).toBe(true);
    expect(body.id).toHaveLength(22);
    expect(response.headers.get('location')).toBe(`/api/docs/${body.id}`);
    const meta = await (await fetch(`${url}/api/docs/${body.id}`)).json();
    expect(meta).toMatchObject({ id: body.id, size: 0, peers: 0 });
  });

  it('reports size, update time and peers online, and serves the content as a Yjs update', async () => {
    const { url, wsUrl } = await startTestServer();
    const { id } = (await (await fetch(`${url}/api/docs`, { method: 'POST' })).json()) as { id: string };
    const editor = connectClient(wsUrl, id);
    await waitForSynced(editor.provider);
    editor.doc.getText('t').insert(0, 'from the editor');
    let meta: Pick<DocMetaJson, 'size' | 'peers' | 'updatedAt' | 'createdAt'> = {
      size: 0,
      peers: 0,
      updatedAt: '',
      createdAt: '',
    };
    await waitFor(
      async () => {
        meta = (await (await fetch(`${url}/api/docs/${id}`)).json()) as DocMetaJson;
        return meta.size > 0;
      },
      5000,
      'size grows',
    );
    expect(Date.parse(meta.updatedAt)).toBeGreaterThanOrEqual(Date.parse(meta.createdAt));
    expect(meta.peers).toBe(1);
    const response = await fetch(`${url}/api/docs/${id}/update`);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(await response.arrayBuffer()));
    expect(text(doc)).toBe('from the editor');
  }, 10_000);

  it('lists documents a page at a time, for the operator', async () => {
    const { url } = await startTestServer({ adminToken: ADMIN_TOKEN });
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      created.push(((await (await fetch(`${url}/api/docs`, { method: 'POST' })).json()) as { id: string }).id);
    }
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const query: string = after ? `?limit=2&after=${after}` : '?limit=2';
      const page = (await (await fetch(`${url}/api/docs${query}`, { headers: asAdmin })).json()) as DocPageJson;
      expect(page.docs.length).toBeLessThanOrEqual(2);
      seen.push(...page.docs.map((d) => d.id));
      after = page.next;
    } while (after);
    expect(seen).toEqual([...created].sort());
  });

  it('deletes a document and closes its editors with 4410', async () => {
    const { url, wsUrl } = await startTestServer();
    const { id } = (await (await fetch(`${url}/api/docs`, { method: 'POST' })).json()) as { id: string };
    const editor = connectClient(wsUrl, id);
    const closes: number[] = [];
    editor.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    await waitForSynced(editor.provider);
    editor.doc.getText('t').insert(0, 'doomed');
    await waitFor(async () => (await fetch(`${url}/api/docs/${id}`)).status === 200, 5000, 'stored');
    expect((await fetch(`${url}/api/docs/${id}`, { method: 'DELETE' })).status).toBe(204);
    await waitFor(() => closes.length > 0, 5000, 'close');
    expect(closes[0]).toBe(CLOSE_CODE.documentDeleted);
    expect(editor.provider.shouldConnect).toBe(false);
    expect((await fetch(`${url}/api/docs/${id}`)).status).toBe(404);
    expect((await fetch(`${url}/api/docs/${id}/update`)).status).toBe(404);
  });

  it('answers errors as JSON with a status', async () => {
    const { url } = await startTestServer({ adminToken: ADMIN_TOKEN });
    const cases: [string, string, number, string][] = [
      ['GET', '/api/docs/doesnotexist', 404, 'not_found'],
      ['GET', '/api/docs/bad.id', 400, 'invalid_doc_id'],
      ['GET', '/api/docs/bad.id/update', 400, 'invalid_doc_id'],
      ['DELETE', '/api/docs/doesnotexist', 404, 'not_found'],
      ['GET', '/api/docs?limit=0', 400, 'invalid_limit'],
      ['GET', '/api/docs?limit=abc', 400, 'invalid_limit'],
      ['GET', '/api/docs?after=..%2F', 400, 'invalid_cursor'],
      ['GET', '/nope', 404, 'not_found'],
    ];
    for (const [method, path, status, error] of cases) {
      const response = await fetch(`${url}${path}`, { method, headers: asAdmin });
      expect({ path, status: response.status }).toEqual({ path, status });
      expect(await response.json()).toMatchObject({ error, message: expect.any(String) });
    }
  });

  it('reports health and Prometheus metrics', async () => {
    const { url, wsUrl } = await startTestServer();
    const client = connectClient(wsUrl, 'health-doc');
    await waitForSynced(client.provider);
    const health = await (await fetch(`${url}/healthz`)).json();
    expect(health).toEqual({ status: 'ok', storage: 'ok', pubsub: 'ok', instances: 1, rooms: 1, peers: 1 });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^quire_connections 1$/m);
    expect(metrics).toMatch(/^quire_rooms 1$/m);
    expect(metrics).toMatch(/quire_messages_in_total\{kind="sync-step1"\} \d+/);
    expect(metrics).toContain('quire_persist_seconds_bucket');
  });
});
