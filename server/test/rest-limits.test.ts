import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../shared/limits.js';
import { startTestServer } from './helpers.js';
import { metricValue } from './security-helpers.js';

interface VersionJson {
  id: number;
  kind: string;
  name: string | null;
  size: number;
}

const nameVersion = (url: string, docId: string, name: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/docs/${docId}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ name }),
  });

async function importDoc(url: string, markdown: string): Promise<string> {
  const response = await fetch(`${url}/api/docs`, {
    method: 'POST',
    headers: { 'content-type': 'text/markdown' },
    body: markdown,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function allVersions(url: string, docId: string): Promise<VersionJson[]> {
  const response = await fetch(`${url}/api/docs/${docId}/versions?limit=200`);
  return ((await response.json()) as { versions: VersionJson[] }).versions;
}

describe('named versions are capped per document', () => {
  it('a burst of tiny "name a version" requests stores at most the cap, refused past it with 409', async () => {
    // The attack of issue 12: hundreds of 20-byte requests, each storing the whole document again.
    // Without an fsync per version: the point is what is kept, not how durably.
    const { url } = await startTestServer({ maxRestWritesPerMinute: 10_000, sqliteSync: 'normal' });
    const docId = await importDoc(url, `# Notes\n\n${'A paragraph of ordinary notes. '.repeat(200)}\n`);
    const attempts = DEFAULT_LIMITS.maxNamedVersions + 30;
    const responses = await Promise.all(Array.from({ length: attempts }, (_, i) => nameVersion(url, docId, `v${i}`)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(DEFAULT_LIMITS.maxNamedVersions);
    expect(statuses.filter((status) => status === 409)).toHaveLength(30);
    const refusal = (await responses[statuses.indexOf(409)]?.json()) as { error: string; message: string };
    expect(refusal).toMatchObject({ error: 'too_many_versions' });
    expect(refusal.message).toMatch(/DELETE .*versions.*QUIRE_MAX_NAMED_VERSIONS/);
    const kept = (await allVersions(url, docId)).filter((version) => version.kind === 'named');
    expect(kept).toHaveLength(DEFAULT_LIMITS.maxNamedVersions);
  }, 60_000);

  it('counts restore backups, refuses restores past the cap too, and deleting a version frees a place', async () => {
    const { url } = await startTestServer({ maxNamedVersions: 3 });
    const docId = await importDoc(url, '# Plan\n\nFirst words.\n');
    const first = (await (await nameVersion(url, docId, 'one')).json()) as VersionJson;
    expect((await nameVersion(url, docId, 'two')).status).toBe(201);
    const restored = await fetch(`${url}/api/docs/${docId}/versions/${first.id}/restore`, { method: 'POST' });
    expect(restored.status).toBe(200);
    // Two named versions and one restore backup: the cap of 3 is reached.
    expect((await nameVersion(url, docId, 'three')).status).toBe(409);
    const refusedRestore = await fetch(`${url}/api/docs/${docId}/versions/${first.id}/restore`, { method: 'POST' });
    expect(refusedRestore.status).toBe(409);
    expect(await refusedRestore.json()).toMatchObject({ error: 'too_many_versions' });
    expect(await allVersions(url, docId)).toHaveLength(3);

    expect((await fetch(`${url}/api/docs/${docId}/versions/${first.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${url}/api/docs/${docId}/versions/${first.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await fetch(`${url}/api/docs/${docId}/versions/${first.id}`)).status).toBe(404);
    expect((await nameVersion(url, docId, 'three')).status).toBe(201);
    // The document itself was never touched by any of it.
    expect(await (await fetch(`${url}/api/docs/${docId}/export?format=markdown`)).text()).toContain('First words.');
  });

  it('caps the stored bytes of named versions as well as their number', async () => {
    const { url } = await startTestServer({ maxNamedVersionBytes: 4096 });
    // Random text does not compress: each version stores a few kilobytes.
    const docId = await importDoc(url, `# Noise\n\n${randomBytes(3000).toString('base64')}\n`);
    const first = await nameVersion(url, docId, 'big');
    expect(first.status).toBe(201);
    expect(((await first.json()) as VersionJson).size).toBeGreaterThan(2048);
    expect((await nameVersion(url, docId, 'bigger')).status).toBe(201);
    const refused = await nameVersion(url, docId, 'too much');
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { message: string }).message).toContain('MiB of named versions');
  });
});

describe('REST writes are rate-limited per client address', () => {
  it('past the limit a write gets 429 with Retry-After, reads still work, and nothing more is stored', async () => {
    const { url } = await startTestServer({ maxRestWritesPerMinute: 5, maxNamedVersions: 1000 });
    const docId = await importDoc(url, '# One\n');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await nameVersion(url, docId, `v${i}`)).status);
    expect(statuses).toEqual([201, 201, 201, 201]);
    const limited = await nameVersion(url, docId, 'one too many');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await limited.json()).toMatchObject({ error: 'rate_limited', message: expect.stringContaining('retry') });
    expect((await fetch(`${url}/api/docs`, { method: 'POST' })).status).toBe(429);
    expect((await fetch(`${url}/api/docs/${docId}`, { method: 'DELETE' })).status).toBe(429);
    expect(await allVersions(url, docId)).toHaveLength(4);
    expect((await fetch(`${url}/api/docs/${docId}`)).status).toBe(200);
    expect(await metricValue(url, 'quire_refusals_total', 'reason="rest_rate_limited"')).toBe(3);
  });

  it('counts the address the proxy saw when QUIRE_TRUST_PROXY is set, and ignores X-Forwarded-For otherwise', async () => {
    const direct = await startTestServer({ maxRestWritesPerMinute: 2 });
    for (const hop of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) {
      await fetch(`${direct.url}/api/docs`, { method: 'POST', headers: { 'x-forwarded-for': hop } });
    }
    const spoofed = await fetch(`${direct.url}/api/docs`, {
      method: 'POST',
      headers: { 'x-forwarded-for': '192.0.2.9' },
    });
    expect(spoofed.status).toBe(429);

    const proxied = await startTestServer({ maxRestWritesPerMinute: 2, trustProxy: true });
    const create = (hop: string) =>
      fetch(`${proxied.url}/api/docs`, { method: 'POST', headers: { 'x-forwarded-for': `10.0.0.1, ${hop}` } });
    expect([(await create('192.0.2.1')).status, (await create('192.0.2.1')).status]).toEqual([201, 201]);
    expect((await create('192.0.2.1')).status).toBe(429);
    expect((await create('192.0.2.2')).status).toBe(201);
  });
});
