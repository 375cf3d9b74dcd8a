import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { startTestServer, tempDir } from './helpers.js';

const INDEX = '<!doctype html><title>Quire</title><script type="module" src="/assets/index-abc123.js"></script>';
const ASSET = `console.log(${JSON.stringify('x'.repeat(2000))});`;
const EMBED = `export class QuireEditor {} // ${'y'.repeat(2000)}`;

/** A directory shaped like `npm run build` output, with precompressed copies. */
function fakeBuild(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'embed'));
  const write = (path: string, text: string, compressed = false) => {
    writeFileSync(join(dir, path), text);
    if (compressed) {
      writeFileSync(join(dir, `${path}.br`), brotliCompressSync(text));
      writeFileSync(join(dir, `${path}.gz`), gzipSync(text));
    }
  };
  write('index.html', INDEX, true);
  write('assets/index-abc123.js', ASSET, true);
  write('embed/quire-editor.js', EMBED, true);
  write('embed/quire-editor.js.map', '{"version":3}');
  write('sw.js', 'self.addEventListener("fetch", () => {});');
  write('favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

describe('serving the built client', () => {
  it('serves the app page for /, /d/<id> and /r/<viewId>, revalidated, with a strict CSP', async () => {
    const { url } = await startTestServer({ clientDir: fakeBuild() });
    for (const path of ['/', '/d/abc', '/d/abc/', '/d/not%20valid', '/r/some-view-id-of-22-chars', '/index.html']) {
      const response = await fetch(`${url}${path}`, { headers: { 'accept-encoding': 'identity' } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toBe(INDEX);
    }
  });

  it('answers a revalidation with 304 and a rebuilt page with the new content', async () => {
    const clientDir = fakeBuild();
    const { url } = await startTestServer({ clientDir });
    const first = await fetch(`${url}/d/abc`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await fetch(`${url}/d/abc`, { headers: { 'if-none-match': etag as string } });
    expect(again.status).toBe(304);
    writeFileSync(join(clientDir, 'index.html'), `${INDEX}<!-- rebuilt -->`);
    const rebuilt = await fetch(`${url}/d/abc`, {
      headers: { 'if-none-match': etag as string, 'accept-encoding': 'identity' },
    });
    expect(rebuilt.status).toBe(200);
    expect(await rebuilt.text()).toContain('rebuilt');
  });

  it('caches hashed assets for a year and sends the precompressed copy', async () => {
    const { port } = await startTestServer({ clientDir: fakeBuild() });
    // node's fetch would decompress silently; read the raw bytes over http instead.
    const { request } = await import('node:http');
    const raw = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      request({ port, path: '/assets/index-abc123.js', headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
    expect(raw.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(raw.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(raw.body).toString()).toBe(ASSET);
  });

  it('serves the embed script as a module any origin may load', async () => {
    const { url } = await startTestServer({ clientDir: fakeBuild() });
    const response = await fetch(`${url}/embed/quire-editor.js`, { headers: { origin: 'https://elsewhere.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(EMBED);
    const revalidated = await fetch(`${url}/embed/quire-editor.js`, {
      headers: { 'if-none-match': response.headers.get('etag') as string },
    });
    expect(revalidated.status).toBe(304);
    const map = await fetch(`${url}/embed/quire-editor.js.map`);
    expect(map.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('revalidates the service worker and other unhashed files, and 404s what is not there', async () => {
    const { url } = await startTestServer({ clientDir: fakeBuild() });
    const worker = await fetch(`${url}/sw.js`);
    expect(worker.status).toBe(200);
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${url}/favicon.svg`)).headers.get('content-type')).toContain('image/svg+xml');
    const missing = await fetch(`${url}/nope.js`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found' });
    expect((await fetch(`${url}/assets/../../etc/passwd`)).status).toBe(404);
  });

  it('says how to build the client when it is missing', async () => {
    const { url } = await startTestServer({ clientDir: tempDir() });
    const page = await fetch(`${url}/d/abc`);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run build');
    expect((await fetch(`${url}/embed/quire-editor.js`)).status).toBe(404);
  });

  it('lets pages on other origins read why a handshake would be refused', async () => {
    const { url } = await startTestServer();
    const refused = await fetch(`${url}/collab/not%20valid`, { headers: { origin: 'https://elsewhere.example' } });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    expect(await refused.json()).toMatchObject({ error: 'invalid_doc_id' });
    const passing = await fetch(`${url}/collab/abc`);
    expect(passing.status).toBe(426);
    expect(passing.headers.get('access-control-allow-origin')).toBe('*');
  });
});
