import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configWith } from '../../server/src/config.js';
import { createQuireServer, type QuireServer } from '../../server/src/server.js';
import { onCleanup, waitFor } from '../../server/test/helpers.js';
import { importFile, saveVersion } from '../src/history/history-api.js';
import { VersionPreviewController } from '../src/history/version-preview-controller.js';
import { VersionsController } from '../src/history/versions-controller.js';
import { ControllerHost } from './controller-host.js';

const file = (name: string, text: string) => ({ name, type: 'text/markdown', text: async () => text });

/** A host with the two history controllers on `url`, following `state.docId`. */
function historyHost(url: string, options: { refreshMs?: number; pageSize?: number } = {}) {
  const state: { docId: string | null } = { docId: null };
  const host = new ControllerHost();
  const versions = new VersionsController(host, { docId: () => state.docId, server: () => url, ...options });
  const preview = new VersionPreviewController(host, {
    docId: () => state.docId,
    server: () => url,
    editor: () => null,
  });
  host.connect();
  onCleanup(() => host.disconnect());
  const open = (docId: string) => {
    state.docId = docId;
    host.update();
  };
  return { host, versions, preview, open };
}

describe('history controllers against a real server', () => {
  // One server for the file (its format worker takes seconds to start); every case has documents of its own.
  const dataDir = mkdtempSync(join(tmpdir(), 'quire-test-'));
  let server: QuireServer;
  let url = '';
  beforeAll(async () => {
    server = createQuireServer(configWith({ port: 0, dataDir, logLevel: 'silent', clientDir: '' }));
    url = (await server.start()).url;
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  it('list the newest page of a document, page back, and keep older pages over a refresh', async () => {
    const { id } = await importFile(url, file('Notes.md', 'One.\n'));
    for (const name of ['A', 'B', 'C']) await saveVersion(url, id, name);
    const { versions, open } = historyHost(url, { pageSize: 2 });
    open(id);
    expect(versions.loading).toBe(true);
    await waitFor(() => versions.versions.length === 2, 5000, 'the first page');
    expect(versions.loading).toBe(false);
    expect(versions.versions.map((v) => v.name)).toEqual(['C', 'B']);
    expect(versions.next).not.toBeNull();

    await versions.loadOlder();
    expect(versions.versions.map((v) => v.name)).toEqual(['C', 'B', 'A']);
    await versions.refresh();
    // Nothing new: the page loaded before stays, and so does the cursor past it.
    expect(versions.versions.map((v) => v.name)).toEqual(['C', 'B', 'A']);
  });

  it('save and restore, saying what they did, and report a refusal in the server’s words', async () => {
    const { id } = await importFile(url, file('Plan.md', '# Plan\n'));
    const { versions, open } = historyHost(url);
    open(id);
    expect(await versions.save('First draft')).toBe(true);
    expect(versions.notice).toBe('Saved “First draft”.');
    expect(versions.busy).toBeNull();
    expect(versions.versions.map((v) => v.name)).toContain('First draft');

    const first = versions.versions.find((v) => v.name === 'First draft');
    if (!first) throw new Error('the saved version is not listed');
    const restored = await versions.restore(first);
    expect(restored?.backup.name).toBe('Before restoring “First draft”');
    expect(versions.notice).toBe(
      'Restored “First draft”. The text before is kept as “Before restoring “First draft””: restore that to undo.',
    );
    await waitFor(() => versions.versions.some((v) => v.id === restored?.backup.id), 5000, 'the backup listed');

    expect(await versions.restore({ ...first, id: first.id + 1000 })).toBeNull();
    expect(versions.error).toBe('No such version.');
  });

  it('drop a late answer for a document the host has left', async () => {
    const a = await importFile(url, file('A.md', 'A\n'));
    const b = await importFile(url, file('B.md', 'B\n'));
    await saveVersion(url, a.id, 'of A');
    await saveVersion(url, b.id, 'of B');
    const { versions, open } = historyHost(url);
    open(a.id);
    open(b.id);
    await waitFor(() => versions.versions.length > 0, 5000, 'a list');
    // A's request finished too; give it every chance to land.
    await versions.refresh();
    expect(versions.versions.map((v) => v.name)).toEqual(['of B']);
  });

  it('look for new versions on a timer only while the host is on the page', async () => {
    const { id } = await importFile(url, file('T.md', 'T\n'));
    const { host, versions, open } = historyHost(url, { refreshMs: 50 });
    open(id);
    await waitFor(() => !versions.loading, 5000, 'the first list');
    await saveVersion(url, id, 'made elsewhere');
    await waitFor(() => versions.versions.some((v) => v.name === 'made elsewhere'), 5000, 'the timer to find it');

    host.disconnect();
    await saveVersion(url, id, 'while away');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(versions.versions.some((v) => v.name === 'while away')).toBe(false);
  });

  it('show one version at a time, closing it on a second click, and only the latest choice', async () => {
    const { id } = await importFile(url, file('Doc.md', '# Doc\n\nText.\n'));
    const one = await saveVersion(url, id, 'one');
    const two = await saveVersion(url, id, 'two');
    const { preview, open } = historyHost(url);
    open(id);

    const first = preview.toggle(one);
    expect(preview.loading).toBe(true);
    const second = preview.toggle(two);
    expect(await first).toBe(false);
    expect(await second).toBe(true);
    expect(preview.selected?.name).toBe('two');
    expect(preview.preview?.title).toBe('Doc');
    expect(preview.preview?.doc.firstChild?.type.name).toBe('heading');
    expect(preview.loading).toBe(false);

    expect(await preview.toggle(two)).toBe(false);
    expect(preview.selected).toBeNull();
    expect(preview.preview).toBeNull();
  });
});
