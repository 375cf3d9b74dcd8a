import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeSyncStep1 } from '../../shared/protocol/encode.js';
import { startTestServer, tempDir, waitFor } from './helpers.js';
import { openSocket, rawRequest } from './security-helpers.js';

const MARKDOWN = '# Heading\n\nSome text, and a [link](https://example.com).\n';
const QUERIES = ['', '?format=markdown', '?format=html', '?format=json', '?format=text', '?format=docx'];
const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** The concrete path of a route pattern for one document; a pattern it cannot fill fails the test. */
function fill(pattern: string, ids: { viewId: string; versionId: number }): string {
  const path = pattern
    .replace(/:viewId(\{(?:[^{}]|\{[^{}]*\})*\})?/g, ids.viewId)
    .replace(/:versionId(\{(?:[^{}]|\{[^{}]*\})*\})?/g, String(ids.versionId))
    .replace(/\/\*$/, `/${ids.viewId}`);
  if (/[:*{}]/.test(path)) throw new Error(`the leak test cannot fill ${pattern}: teach it the new parameter`);
  return path;
}

/** Imports a document (titled or not), names a version of it and restores that, so it has versions of both kinds. */
async function documentWithVersions(url: string, title: string | null) {
  const query = title === null ? '' : `?title=${encodeURIComponent(title)}`;
  const created = await fetch(`${url}/api/docs${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/markdown' },
    body: MARKDOWN,
  });
  const { id, viewId } = (await created.json()) as { id: string; viewId: string };
  const named = await fetch(`${url}/api/docs/${id}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'First draft' }),
  });
  const { id: versionId } = (await named.json()) as { id: number };
  expect((await fetch(`${url}/api/docs/${id}/versions/${versionId}/restore`, { method: 'POST' })).status).toBe(200);
  return { id, viewId, versionId };
}

describe('a read-only link reveals nothing of the edit id', () => {
  it('no answer of any route a view id reaches carries the edit id: status line, headers, body or frames', async () => {
    const clientDir = tempDir();
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Quire</title><p>app</p>');
    const { url, wsUrl, server } = await startTestServer({ clientDir, maxRestWritesPerMinute: 10_000 });
    // Every route the router has that a view id can reach: a new one is checked without anyone listing it here.
    const viewRoutes = [
      ...new Set(
        server.app.routes
          .filter(
            (route) => route.method !== 'ALL' && (route.path.includes(':viewId') || /^\/r(\/|$)/.test(route.path)),
          )
          .map((route) => `${route.method} ${route.path}`),
      ),
    ];
    expect(viewRoutes.length).toBeGreaterThanOrEqual(4);
    // Paths a caller might try that no route serves: their errors must not leak either.
    const guesses = ['/update', '/versions', '/versions/:versionId', '/versions/:versionId/export'].map(
      (tail) => `GET /api/docs/r/:viewId${tail}`,
    );

    for (const title of [null, 'Plan: Q3']) {
      const doc = await documentWithVersions(url, title);
      const answers: { what: string; whole: string }[] = [];
      for (const route of [...viewRoutes, ...guesses]) {
        const [method = 'GET', pattern = ''] = route.split(' ');
        const path = fill(pattern, doc);
        for (const query of QUERIES) {
          for (const verb of method === 'GET' ? ['GET', 'HEAD'] : [method]) {
            const response = await rawRequest(`${url}${path}${query}`, { method: verb });
            answers.push({ what: `${verb} ${path}${query}`, whole: response.whole });
          }
        }
        for (const verb of WRITE_METHODS) {
          const response = await rawRequest(`${url}${path}`, {
            method: verb,
            headers: { 'content-type': 'application/json' },
            body: '{}',
          });
          answers.push({ what: `${verb} ${path}`, whole: response.whole });
        }
      }
      // The exports were really rendered (an untitled one used to be named after the edit id).
      const download = answers.find(
        (answer) => answer.what.endsWith('/export?format=markdown') && answer.what.startsWith('GET'),
      );
      expect(download?.whole).toMatch(/content-disposition: attachment/i);
      expect(download?.whole).toContain('Some text');
      const answerTo = (what: string) => answers.find((answer) => answer.what === what)?.whole ?? '';
      expect(answerTo(`GET /api/docs/r/${doc.viewId}`)).toContain('"readOnly":true');
      expect(answerTo(`GET /collab/r/${doc.viewId}`)).toMatch(/^HTTP\/1\.1 426 /);

      // The WebSocket of the view link: the document and everyone's presence.
      const socket = await openSocket(`${wsUrl}/r/${doc.viewId}`);
      expect(socket.status).toBe(101);
      socket.socket?.send(encodeSyncStep1(new Uint8Array([0])));
      const frames = () => socket.frames.map((frame) => Buffer.from(frame).toString('latin1')).join('\n');
      await waitFor(() => frames().includes('Some text'), 5000, 'the document over the view link');
      answers.push({ what: 'WebSocket frames', whole: frames() });
      socket.socket?.close();

      const leaks = answers.filter((answer) => answer.whole.includes(doc.id)).map((answer) => answer.what);
      expect(leaks, `title ${title}`).toEqual([]);
    }
  }, 60_000);
});
