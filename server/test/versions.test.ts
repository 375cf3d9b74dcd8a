import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { REST_LIMITS, type RestoreJson, type VersionJson, type VersionPageJson } from '../../shared/rest-api.js';
import type { Config } from '../src/config.js';
import { encodeVersionData } from '../src/history/version-data.js';
import { editTo, markdownOf, markdownOfState } from './doc-content.js';
import { connectClient, startTestServer, tempDir, uniqueDocId, waitFor, waitForSynced } from './helpers.js';
import { mintToken, TEST_SECRET } from './security-helpers.js';

const databaseUrl = process.env.QUIRE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function listVersions(url: string, docId: string, query = ''): Promise<VersionJson[]> {
  const response = await fetch(`${url}/api/docs/${docId}/versions${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as VersionPageJson).versions;
}

async function waitForVersions(url: string, docId: string, count: number, timeoutMs = 5000): Promise<VersionJson[]> {
  let versions: VersionJson[] = [];
  await waitFor(
    async () => {
      versions = await listVersions(url, docId);
      return versions.length >= count;
    },
    timeoutMs,
    `${count} version(s)`,
  );
  return versions;
}

const post = (url: string, body?: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** A connected editor with a presence name, synced. */
async function editor(wsUrl: string, docId: string, name: string) {
  const client = connectClient(wsUrl, docId);
  client.provider.awareness.setLocalStateField('user', { name });
  await waitForSynced(client.provider);
  return client;
}

describe('automatic versions', () => {
  it('keeps one when editing goes quiet, with everyone who edited since the last one', async () => {
    // Long enough that Grace's edit, made after she sees Ada's, falls in the same quiet stretch on a loaded machine.
    const { url, wsUrl } = await startTestServer({ versionIdleMs: 1500 });
    const docId = uniqueDocId();
    const ada = await editor(wsUrl, docId, 'Ada');
    const grace = await editor(wsUrl, docId, 'Grace');
    editTo(ada.doc, '# Plan\n\nFirst line by Ada.\n');
    await waitFor(() => markdownOf(grace.doc).includes('First line'), 5000, 'sync to Grace');
    editTo(grace.doc, '# Plan\n\nFirst line by Ada.\n\nSecond line by Grace.\n');
    const [first] = await waitForVersions(url, docId, 1, 10_000);
    expect(first).toMatchObject({ kind: 'auto', name: null });
    expect([...(first?.editors ?? [])].sort()).toEqual(['Ada', 'Grace']);
    const state = new Uint8Array(
      await (await fetch(`${url}/api/docs/${docId}/versions/${first?.id}/update`)).arrayBuffer(),
    );
    expect(markdownOfState(state)).toBe('# Plan\n\nFirst line by Ada.\n\nSecond line by Grace.\n');

    // Quiet again without edits: no second version. Then Grace alone edits: the next one names only her.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await listVersions(url, docId)).toHaveLength(1);
    editTo(grace.doc, '# Plan\n\nFirst line by Ada.\n\nSecond line by Grace, revised.\n');
    const [second] = await waitForVersions(url, docId, 2, 10_000); // newest first
    expect(second?.editors).toEqual(['Grace']);
    expect(second?.id).toBeGreaterThan(first?.id as number);
  });

  it('keeps one when the last editor leaves, and none when nothing changed', async () => {
    const { url, wsUrl } = await startTestServer({ versionIdleMs: 60_000 });
    const docId = uniqueDocId();
    const reader = await editor(wsUrl, docId, 'Reader');
    reader.provider.destroy();
    const writer = await editor(wsUrl, docId, 'Writer');
    editTo(writer.doc, 'Written, then left.\n');
    await waitFor(async () => (await fetch(`${url}/api/docs/${docId}`)).status === 200, 5000, 'stored');
    expect(await listVersions(url, docId)).toHaveLength(0);
    writer.provider.destroy();
    const [version] = await waitForVersions(url, docId, 1);
    expect(version).toMatchObject({ kind: 'auto', editors: ['Writer'] });
    // A visitor who only reads and leaves adds nothing.
    const visitor = await editor(wsUrl, docId, 'Visitor');
    visitor.provider.destroy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await listVersions(url, docId)).toHaveLength(1);
  });

  it('with access tokens, names editors by presence name and token subject', async () => {
    const { url, wsUrl } = await startTestServer({ versionIdleMs: 200, auth: { secret: TEST_SECRET } });
    const docId = uniqueDocId();
    const token = await mintToken({ docs: [docId], scope: 'write', sub: 'ada@example.com' });
    const ada = connectClient(wsUrl, docId, { params: { token } });
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    await waitForSynced(ada.provider);
    editTo(ada.doc, 'Signed work.\n');
    const admin = await mintToken({ docs: ['*'], scope: 'read' });
    await waitFor(
      async () => {
        const response = await fetch(`${url}/api/docs/${docId}/versions`, {
          headers: { authorization: `Bearer ${admin}` },
        });
        const { versions } = (await response.json()) as { versions: VersionJson[] };
        return versions[0]?.editors.join() === 'Ada (ada@example.com)';
      },
      5000,
      'a version naming Ada with her subject',
    );
  });

  it('keeps changes owed at shutdown, naming editors who had no presence as Anonymous', async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir, versionIdleMs: 60_000 });
    const docId = uniqueDocId();
    const client = connectClient(first.wsUrl, docId);
    await waitForSynced(client.provider);
    editTo(client.doc, 'Typed just before a restart.\n');
    await waitFor(async () => (await fetch(`${first.url}/api/docs/${docId}`)).status === 200, 5000, 'stored');
    // Still connected: the graceful shutdown flushes the version owed.
    await first.server.stop();
    const second = await startTestServer({ dataDir });
    const [version] = await listVersions(second.url, docId);
    expect(version).toMatchObject({ kind: 'auto', editors: ['Anonymous'] });
  });
});

describe('named versions and reading versions', () => {
  it('saves the current state under a name and lists versions newest first, a page at a time', async () => {
    const { url, wsUrl } = await startTestServer({ versionIdleMs: 60_000 });
    const docId = uniqueDocId();
    const ada = await editor(wsUrl, docId, 'Ada');
    const ids: number[] = [];
    for (const [i, name] of ['Draft', 'Sent to review', 'Final'].entries()) {
      editTo(ada.doc, `Text ${i}\n`);
      await waitFor(async () => markdownOfState(await currentState(url, docId)) === `Text ${i}\n`, 5000, 'stored');
      const response = await post(`${url}/api/docs/${docId}/versions`, { name: `  ${name} ` });
      expect(response.status).toBe(201);
      const saved = (await response.json()) as VersionJson;
      expect(saved).toMatchObject({ kind: 'named', name, editors: ['Ada'] });
      ids.push(saved.id);
    }
    const page1 = (await (await fetch(`${url}/api/docs/${docId}/versions?limit=2`)).json()) as VersionPageJson;
    expect(page1.versions.map((v) => v.name)).toEqual(['Final', 'Sent to review']);
    const page2 = (await (
      await fetch(`${url}/api/docs/${docId}/versions?limit=2&before=${page1.next}`)
    ).json()) as VersionPageJson;
    expect(page2).toEqual({ versions: [expect.objectContaining({ name: 'Draft' })], next: null });

    // Read back as metadata, Yjs update, Markdown and HTML.
    const reviewId = ids[1] as number;
    expect(await (await fetch(`${url}/api/docs/${docId}/versions/${reviewId}`)).json()).toMatchObject({
      id: reviewId,
      name: 'Sent to review',
    });
    const update = new Uint8Array(
      await (await fetch(`${url}/api/docs/${docId}/versions/${reviewId}/update`)).arrayBuffer(),
    );
    const old = new Y.Doc();
    Y.applyUpdate(old, update);
    expect(markdownOf(old)).toBe('Text 1\n');
    const md = await fetch(`${url}/api/docs/${docId}/versions/${reviewId}/export?format=markdown`);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await md.text()).toBe('Text 1\n');
    const html = await (await fetch(`${url}/api/docs/${docId}/versions/${reviewId}/export?format=html`)).text();
    expect(html).toContain('<body><p>Text 1</p></body>');
  });

  it('a named version stands for the edits before it: no automatic one follows for them', async () => {
    const { url, wsUrl } = await startTestServer({ versionIdleMs: 60_000 });
    const docId = uniqueDocId();
    const ada = await editor(wsUrl, docId, 'Ada');
    editTo(ada.doc, 'Done.\n');
    await waitFor(async () => markdownOfState(await currentState(url, docId)) === 'Done.\n', 5000, 'stored');
    expect((await post(`${url}/api/docs/${docId}/versions`, { name: 'Done' })).status).toBe(201);
    ada.provider.destroy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await listVersions(url, docId)).map((v) => v.kind)).toEqual(['named']);
  });

  it('answers bad requests with clear errors', async () => {
    const { url } = await startTestServer();
    const { id } = (await (await post(`${url}/api/docs`)).json()) as { id: string };
    const cases: [string, string, unknown, number, string][] = [
      ['GET', `/api/docs/${id}/versions?limit=0`, undefined, 400, 'invalid_limit'],
      ['GET', `/api/docs/${id}/versions?before=abc`, undefined, 400, 'invalid_cursor'],
      ['GET', `/api/docs/${uniqueDocId()}/versions`, undefined, 404, 'not_found'],
      ['GET', `/api/docs/${id}/versions/0`, undefined, 400, 'invalid_version_id'],
      ['GET', `/api/docs/${id}/versions/1x/update`, undefined, 400, 'invalid_version_id'],
      ['GET', `/api/docs/${id}/versions/999999`, undefined, 404, 'not_found'],
      ['GET', `/api/docs/${id}/versions/999999/export?format=markdown`, undefined, 404, 'not_found'],
      ['GET', `/api/docs/${id}/versions/1/export?format=pdf`, undefined, 400, 'invalid_format'],
      ['POST', `/api/docs/${id}/versions/999999/restore`, undefined, 404, 'not_found'],
      ['POST', `/api/docs/${id}/versions`, { name: '   ' }, 400, 'invalid_name'],
      [
        'POST',
        `/api/docs/${id}/versions`,
        { name: 'x'.repeat(REST_LIMITS.maxVersionNameLength + 1) },
        400,
        'invalid_name',
      ],
      ['POST', `/api/docs/${id}/versions`, { title: 'no name' }, 400, 'invalid_name'],
      ['POST', `/api/docs/${uniqueDocId()}/versions`, { name: 'ghost' }, 404, 'not_found'],
    ];
    for (const [method, path, body, status, error] of cases) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect({ path, status: response.status }).toEqual({ path, status });
      expect(await response.json()).toMatchObject({ error, message: expect.any(String) });
    }
    const notJson = await fetch(`${url}/api/docs/${id}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: 'invalid_json' });
  });
});

describe('restore', () => {
  it('is a forward change every connected editor sees live; the state before is kept and restoring it undoes', async () => {
    const { url, wsUrl } = await startTestServer({ versionIdleMs: 60_000 });
    const docId = uniqueDocId();
    const ada = await editor(wsUrl, docId, 'Ada');
    const grace = await editor(wsUrl, docId, 'Grace');
    editTo(ada.doc, '# Report\n\nThe first draft.\n', 'Report');
    await waitFor(() => markdownOf(grace.doc) === '# Report\n\nThe first draft.\n', 5000, 'first draft at Grace');
    const sent = (await (
      await post(`${url}/api/docs/${docId}/versions`, { name: 'Sent to review' })
    ).json()) as VersionJson;
    editTo(grace.doc, '# Report\n\nRewritten by Grace.\n\n- [ ] check numbers\n', 'Report v2');
    await waitFor(() => markdownOf(ada.doc).includes('Rewritten'), 5000, 'rewrite at Ada');

    const response = await post(`${url}/api/docs/${docId}/versions/${sent.id}/restore`);
    expect(response.status).toBe(200);
    const { restored, backup } = (await response.json()) as RestoreJson;
    expect(restored.id).toBe(sent.id);
    expect(backup).toMatchObject({ kind: 'auto', name: 'Before restoring “Sent to review”', editors: ['Grace'] });
    for (const client of [ada, grace]) {
      await waitFor(() => markdownOf(client.doc) === '# Report\n\nThe first draft.\n', 5000, 'restored content');
      expect(client.doc.getText('title').toString()).toBe('Report');
    }
    // Stored before it was relayed: the server's own copy agrees.
    expect(markdownOfState(await currentState(url, docId))).toBe('# Report\n\nThe first draft.\n');

    // Undo: restore the backup.
    expect((await post(`${url}/api/docs/${docId}/versions/${backup.id}/restore`)).status).toBe(200);
    await waitFor(() => markdownOf(ada.doc).includes('check numbers'), 5000, 'undone at Ada');
    expect(markdownOf(ada.doc)).toBe('# Report\n\nRewritten by Grace.\n\n- [ ] check numbers\n');
    expect(ada.doc.getText('title').toString()).toBe('Report v2');
    const names = (await listVersions(url, docId)).map((v) => v.name);
    expect(names).toEqual([
      expect.stringMatching(/^Before restoring the version of /),
      'Before restoring “Sent to review”',
      'Sent to review',
    ]);
  });

  it('changes only what differs: an offline edit in an untouched paragraph survives the restore', async () => {
    const { url, wsUrl } = await startTestServer({ versionIdleMs: 60_000 });
    const docId = uniqueDocId();
    const ada = await editor(wsUrl, docId, 'Ada');
    editTo(ada.doc, 'Intro stays.\n\nMiddle v1.\n');
    await waitFor(async () => markdownOfState(await currentState(url, docId)) === 'Intro stays.\n\nMiddle v1.\n');
    const v1 = (await (await post(`${url}/api/docs/${docId}/versions`, { name: 'v1' })).json()) as VersionJson;
    editTo(ada.doc, 'Intro stays.\n\nMiddle v2.\n');
    await waitFor(async () => markdownOfState(await currentState(url, docId)) === 'Intro stays.\n\nMiddle v2.\n');
    // Ada goes offline and adds to the intro; meanwhile the document is restored to v1.
    ada.provider.disconnect();
    editTo(ada.doc, 'Intro stays, with more.\n\nMiddle v2.\n');
    expect((await post(`${url}/api/docs/${docId}/versions/${v1.id}/restore`)).status).toBe(200);
    ada.provider.connect();
    const grace = await editor(wsUrl, docId, 'Grace');
    const expected = 'Intro stays, with more.\n\nMiddle v1.\n';
    await waitFor(() => markdownOf(ada.doc) === expected && markdownOf(grace.doc) === expected, 5000, 'converged');
  });

  it('restores a document nobody has open, and the restored content is what the next editor loads', async () => {
    const { url, wsUrl } = await startTestServer({ versionIdleMs: 60_000, unloadDelayMs: 0 });
    const docId = uniqueDocId();
    const ada = await editor(wsUrl, docId, 'Ada');
    editTo(ada.doc, 'Old text.\n');
    await waitFor(async () => markdownOfState(await currentState(url, docId)) === 'Old text.\n');
    const old = (await (await post(`${url}/api/docs/${docId}/versions`, { name: 'old' })).json()) as VersionJson;
    editTo(ada.doc, 'New text.\n');
    ada.provider.destroy();
    await waitForVersions(url, docId, 2);
    expect((await post(`${url}/api/docs/${docId}/versions/${old.id}/restore`)).status).toBe(200);
    const later = await editor(wsUrl, docId, 'Later');
    expect(markdownOf(later.doc)).toBe('Old text.\n');
  });
});

describe.each([
  ['SQLite', {}],
  ['PostgreSQL', { storage: 'postgres', databaseUrl }],
] as [string, Partial<Config>][])('versions on %s', (_name, storage) => {
  it('survive compaction and a restart', async () => {
    const dataDir = tempDir();
    const config: Partial<Config> = { ...storage, dataDir, versionIdleMs: 60_000, compactAfterUpdates: 3 };
    const first = await startTestServer(config);
    const docId = uniqueDocId();
    const ada = await editor(first.wsUrl, docId, 'Ada');
    editTo(ada.doc, 'Kept as a version.\n');
    await waitFor(async () => markdownOfState(await currentState(first.url, docId)) === 'Kept as a version.\n');
    const kept = (await (
      await post(`${first.url}/api/docs/${docId}/versions`, { name: 'kept' })
    ).json()) as VersionJson;
    // Many more updates: the log is compacted into snapshots several times.
    for (let i = 0; i < 12; i++) editTo(ada.doc, `Changed ${i}.\n`);
    await waitFor(async () => markdownOfState(await currentState(first.url, docId)) === 'Changed 11.\n');
    // Compaction runs after the updates are stored, so wait for its snapshot rather than expect it at once.
    await waitFor(
      async () => (await first.server.ctx.store.load(docId))?.snapshot != null,
      10_000,
      'a compacted snapshot',
    );
    ada.provider.destroy();
    await first.server.stop();

    const second = await startTestServer(config);
    const versions = await listVersions(second.url, docId);
    expect(versions.map((v) => v.name)).toContain('kept');
    const md = await (await fetch(`${second.url}/api/docs/${docId}/versions/${kept.id}/export?format=markdown`)).text();
    expect(md).toBe('Kept as a version.\n');
    expect((await post(`${second.url}/api/docs/${docId}/versions/${kept.id}/restore`)).status).toBe(200);
    expect(markdownOfState(await currentState(second.url, docId))).toBe('Kept as a version.\n');
  });
});

describe('retention', () => {
  it('thins automatic versions older than the retention to the last of each day and keeps named ones', async () => {
    const { url, wsUrl, server } = await startTestServer({ versionIdleMs: 200, versionRetentionDays: 2 });
    const docId = uniqueDocId();
    const { store } = server.ctx;
    // Seeded before any edit: an edit starts the idle timer, and a version made mid-seeding would run retention early.
    const data = await encodeVersionData(Y.encodeStateAsUpdate(new Y.Doc()));
    const day = 24 * 60 * 60 * 1000;
    const at = (daysAgo: number, hour: number) => {
      const d = new Date(Date.now() - daysAgo * day);
      d.setUTCHours(hour, 0, 0, 0);
      return d;
    };
    const seeded = [
      { kind: 'auto', name: 'old morning', createdAt: at(10, 8) },
      { kind: 'auto', name: 'old noon', createdAt: at(10, 12) },
      { kind: 'named', name: 'old named', createdAt: at(10, 9) },
      { kind: 'auto', name: 'old evening', createdAt: at(10, 20) },
      { kind: 'auto', name: 'other day', createdAt: at(5, 10) },
      { kind: 'auto', name: 'recent a', createdAt: new Date(Date.now() - day / 2) },
      { kind: 'auto', name: 'recent b', createdAt: new Date(Date.now() - day / 3) },
    ] as const;
    for (const v of seeded) await store.saveVersion(docId, { ...v, editors: [], data });
    // The next automatic version triggers retention.
    const ada = await editor(wsUrl, docId, 'Ada');
    editTo(ada.doc, 'Later.\n');
    await waitFor(async () => (await listVersions(url, docId)).some((v) => v.name === null), 5000, 'automatic version');
    await waitFor(async () => (await listVersions(url, docId)).length === 6, 5000, 'thinning');
    const names = (await listVersions(url, docId)).map((v) => v.name).sort();
    expect(names).toEqual(['old evening', 'old named', 'other day', 'recent a', 'recent b', null].sort());
  });
});

async function currentState(url: string, docId: string): Promise<Uint8Array> {
  const response = await fetch(`${url}/api/docs/${docId}/update`);
  return new Uint8Array(await response.arrayBuffer());
}
