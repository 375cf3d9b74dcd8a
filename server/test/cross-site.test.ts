import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestServer, tempDir, uniqueDocId } from './helpers.js';
import { metricValue, openSocket, openTcp, rawRequest } from './security-helpers.js';

const ADMIN_TOKEN = 'operator-credential-for-tests-0123456789';

async function docCount(url: string): Promise<number> {
  const response = await fetch(`${url}/api/docs?limit=200`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  return ((await response.json()) as { docs: unknown[] }).docs.length;
}

describe('cross-site requests (open mode)', () => {
  it("a page on another site cannot create, name versions, restore or delete; the server's own pages can", async () => {
    const { url } = await startTestServer({ adminToken: ADMIN_TOKEN });
    const own = url; // http://127.0.0.1:<port>: the origin of the app the server serves
    const created = await fetch(`${url}/api/docs`, { method: 'POST', headers: { origin: own } });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const named = await fetch(`${url}/api/docs/${id}/versions`, {
      method: 'POST',
      headers: { origin: own, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'mine' }),
    });
    expect(named.status).toBe(201);
    const { id: versionId } = (await named.json()) as { id: number };

    // What a foreign page can send without a preflight: simple POSTs, text/plain bodies; and the rest.
    const attacks: [string, string, RequestInit][] = [
      ['create', '/api/docs', { method: 'POST' }],
      ['import', '/api/docs', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '# pwned' }],
      [
        'name a version',
        `/api/docs/${id}/versions`,
        { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"name":"pwned"}' },
      ],
      ['restore', `/api/docs/${id}/versions/${versionId}/restore`, { method: 'POST' }],
      ['delete a version', `/api/docs/${id}/versions/${versionId}`, { method: 'DELETE' }],
      ['delete', `/api/docs/${id}`, { method: 'DELETE' }],
    ];
    const before = await docCount(url);
    for (const origin of [
      'https://evil.example',
      'null',
      `${own}.evil.example`,
      'http://localhost:1',
      'http://127.0.0.2',
    ]) {
      for (const [what, path, init] of attacks) {
        const response = await fetch(`${url}${path}`, { ...init, headers: { ...init.headers, origin } });
        expect({ what, origin, status: response.status }).toEqual({ what, origin, status: 403 });
        expect(await response.json()).toMatchObject({ error: 'cross_site_request' });
      }
    }
    expect(await docCount(url)).toBe(before);
    const versions = (await (await fetch(`${url}/api/docs/${id}/versions`)).json()) as { versions: { name: string }[] };
    expect(versions.versions.map((v) => v.name)).toEqual(['mine']);
    // Reads stay open (a browser does not let other sites read the answers), and so do clients without an Origin.
    expect((await fetch(`${url}/api/docs/${id}`, { headers: { origin: 'https://evil.example' } })).status).toBe(200);
    expect((await fetch(`${url}/api/docs`, { method: 'POST' })).status).toBe(201);
    expect(await metricValue(url, 'quire_refusals_total', 'reason="cross_site_request"')).toBe(30);
  });

  it('the versions route takes JSON only, so a text/plain body is refused even from the same origin', async () => {
    const { url } = await startTestServer();
    const { id } = (await (await fetch(`${url}/api/docs`, { method: 'POST' })).json()) as { id: string };
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const response = await fetch(`${url}/api/docs/${id}/versions`, {
        method: 'POST',
        headers: type ? { 'content-type': type, origin: url } : { origin: url },
        body: '{"name":"sneaky"}',
      });
      expect({ type, status: response.status }).toEqual({ type, status: 415 });
      expect(await response.json()).toMatchObject({ error: 'unsupported_media_type' });
    }
    const json = await fetch(`${url}/api/docs/${id}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"name":"fine"}',
    });
    expect(json.status).toBe(201);
    expect(
      ((await (await fetch(`${url}/api/docs/${id}/versions`)).json()) as { versions: unknown[] }).versions,
    ).toHaveLength(1);
  });

  it('with QUIRE_ALLOWED_ORIGINS, exactly the listed origins may write', async () => {
    const { url } = await startTestServer({ allowedOrigins: ['https://app.example'] });
    const create = (origin: string) => fetch(`${url}/api/docs`, { method: 'POST', headers: { origin } });
    expect((await create('https://app.example')).status).toBe(201);
    expect((await create('https://evil.example')).status).toBe(403);
    // The server's own origin is not implied, as for WebSockets: list it if the server serves the app.
    const own = await create(url);
    expect(own.status).toBe(403);
    expect(((await own.json()) as { message: string }).message).toContain('QUIRE_ALLOWED_ORIGINS');
  });
});

describe('DNS rebinding', () => {
  it('a request that reaches 127.0.0.1 under a foreign name is refused everywhere but the monitoring endpoints', async () => {
    const clientDir = tempDir();
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Quire</title>');
    const { url, port, wsUrl } = await startTestServer({ clientDir });
    const { id } = (await (await fetch(`${url}/api/docs`, { method: 'POST' })).json()) as { id: string };
    const attacker = { host: `attacker.example:${port}` };
    for (const path of [`/api/docs/${id}`, `/api/docs/${id}/update`, `/api/docs/${id}/versions`, `/collab/${id}`]) {
      const response = await rawRequest(`${url}${path}`, { headers: attacker });
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
      expect(JSON.parse(response.body)).toMatchObject({ error: 'host_not_allowed' });
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.body).not.toContain(id.slice(4));
    }
    const write = await rawRequest(`${url}/api/docs/${id}`, { method: 'DELETE', headers: attacker });
    expect(write.status).toBe(403);
    expect((await fetch(`${url}/api/docs/${id}`)).status).toBe(200);
    // The WebSocket upgrade, and the web app: a browser gets a page that names the setting.
    expect((await openSocket(`${wsUrl}/${id}`, { headers: attacker })).status).toBe(403);
    const page = await rawRequest(`${url}/d/${id}`, { headers: { ...attacker, accept: 'text/html' } });
    expect(page.status).toBe(403);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('QUIRE_PUBLIC_HOSTS=attacker.example');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    // Monitoring probes use whatever name they know an instance by; these answers hold no ids.
    expect((await rawRequest(`${url}/healthz`, { headers: attacker })).status).toBe(200);
    // Hostile or missing names are refused without being echoed.
    const odd = await rawRequest(`${url}/api/docs/${id}`, { headers: { host: 'a<script>' } });
    // (Names that are not even a URL host stop at the adapter with 400; the rest at the guard with 403.)
    expect([400, 403]).toContain(odd.status);
    // HTTP/1.0 may leave the Host out altogether.
    const tcp = await openTcp(port);
    const answer = new Promise<string>((resolve) => {
      let text = '';
      tcp.on('data', (chunk) => {
        text += chunk.toString();
      });
      tcp.on('end', () => resolve(text));
    });
    tcp.write(`GET /api/docs/${id} HTTP/1.0\r\n\r\n`);
    expect(await answer).toMatch(/^HTTP\/1\.1 (400|403) /);
    expect(odd.body).not.toContain('<script>');
  });

  it('loopback names, IP addresses and configured public hosts pass, for REST, WebSockets and pages', async () => {
    const clientDir = tempDir();
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Quire</title>');
    const { url, port, wsUrl } = await startTestServer({ clientDir, publicHosts: ['docs.example', '*.team.example'] });
    const docId = uniqueDocId();
    const passing = [
      '127.0.0.1',
      'localhost',
      'LOCALHOST.',
      'app.localhost',
      '[::1]',
      '192.0.2.10',
      'docs.example',
      'a.team.example',
    ];
    for (const name of passing) {
      const host = `${name}:${port}`;
      expect({ host, status: (await rawRequest(`${url}/`, { headers: { host } })).status }).toEqual({
        host,
        status: 200,
      });
      expect((await openSocket(`${wsUrl}/${docId}`, { headers: { host } })).status, host).toBe(101);
    }
    for (const name of [
      'docs.example.evil',
      'team.example',
      'evil-docs.example',
      '127.0.0.1.nip.io',
      'localhost.evil',
    ]) {
      const host = `${name}:${port}`;
      expect({ host, status: (await rawRequest(`${url}/`, { headers: { host } })).status }).toEqual({
        host,
        status: 403,
      });
    }
    const same = await rawRequest(`${url}/api/docs`, {
      method: 'POST',
      headers: { host: `docs.example:${port}`, origin: `https://docs.example:${port}` },
    });
    expect(same.status).toBe(201);
  });
});
