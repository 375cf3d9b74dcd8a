import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_CONTENT_SECURITY_POLICY } from '../src/http/client-routes.js';
import { startTestServer, tempDir } from './helpers.js';

const API_CSP = /default-src 'none'.*frame-ancestors 'none'/;
const ADMIN_TOKEN = 'operator-credential-for-tests-0123456789';

/** A minimal build: the app page, a hashed asset, the embed script and the service worker. */
function fakeBuild(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'embed'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Quire</title>');
  writeFileSync(join(dir, 'assets/index-abc123.js'), 'console.log(1);');
  writeFileSync(join(dir, 'embed/quire-editor.js'), 'export class QuireEditor {}');
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  return dir;
}

/** The app's own files: pages keep the app's CSP, scripts (the service worker above all) get none. */
const isAppFile = (path: string) => /^\/($|index\.html|[dr](\/|$)|assets\/|embed\/|sw\.js)/.test(path);

describe('security headers', () => {
  it('every route answers with nosniff, and everything but the app files with a restrictive CSP', async () => {
    const { url, server } = await startTestServer({ clientDir: fakeBuild(), adminToken: ADMIN_TOKEN });
    const created = await fetch(`${url}/api/docs?title=Plan`, {
      method: 'POST',
      headers: { 'content-type': 'text/markdown' },
      body: '# Plan\n\nWords.\n',
    });
    const { id, viewId } = (await created.json()) as { id: string; viewId: string };
    const named = await fetch(`${url}/api/docs/${id}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"v"}',
    });
    const { id: versionId } = (await named.json()) as { id: number };
    const fill = (pattern: string) => {
      const path = pattern
        .replace(/:docId(\{(?:[^{}]|\{[^{}]*\})*\})?/g, id)
        .replace(/:viewId(\{(?:[^{}]|\{[^{}]*\})*\})?/g, viewId)
        .replace(/:versionId(\{(?:[^{}]|\{[^{}]*\})*\})?/g, String(versionId))
        .replace(/\/\*$/, `/${id}`);
      if (/[:*{}]/.test(path)) throw new Error(`the header test cannot fill ${pattern}: teach it the new parameter`);
      return path;
    };
    // Every route of the router (a new one is checked without being listed here), plus errors and files.
    const routes = [
      ...new Set(
        server.app.routes.filter((route) => route.method !== 'ALL').map((route) => `${route.method} ${route.path}`),
      ),
    ];
    const extras = [
      'GET /api/docs/bad.id',
      'GET /api/docs/nope-nope/export?format=docx',
      'GET /nothing-here',
      'GET /assets/index-abc123.js',
      'GET /sw.js',
    ];
    // Deletes last, so the document is there for every other route.
    const ordered = [
      ...routes.filter((r) => !r.startsWith('DELETE')),
      ...extras,
      ...routes.filter((r) => r.startsWith('DELETE')),
    ];
    const seen = new Set<number>();
    for (const route of ordered) {
      const [method = 'GET', pattern = ''] = route.split(' ');
      const path = fill(pattern);
      const query = path.endsWith('/export') ? '?format=html' : '';
      const response = await fetch(`${url}${path}${query}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
        body: method === 'GET' || method === 'HEAD' ? undefined : '{"name":"n"}',
      });
      seen.add(response.status);
      const what = `${method} ${path}${query} → ${response.status}`;
      expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
      const csp = response.headers.get('content-security-policy');
      if (!isAppFile(path)) expect(csp, what).toMatch(API_CSP);
      else if (response.headers.get('content-type')?.startsWith('text/html'))
        expect(csp, what).toBe(APP_CONTENT_SECURITY_POLICY);
      else expect(csp, what).toBeNull();
      await response.arrayBuffer();
    }
    // Successes, client errors and the handshake probe's 426 were all among them.
    for (const status of [200, 201, 204, 400, 404, 426]) expect(seen, String(status)).toContain(status);
  });
});
