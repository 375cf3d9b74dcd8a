import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { configWith } from '../../server/src/config.js';
import { createQuireServer } from '../../server/src/server.js';
import type { AppendItem } from '../../server/src/storage/doc-store.js';
import { MemoryDocStore } from '../../server/src/storage/memory-doc-store.js';
import { connectClient, onCleanup, startTestServer, tempDir, uniqueDocId, waitFor } from '../../server/test/helpers.js';
import { mintToken, TEST_SECRET } from '../../server/test/security-helpers.js';
import { titleText } from '../../shared/doc-fields.js';
import { CollabSession, type CollabSessionOptions } from '../src/editor/collab-session.js';
import { PRESENCE_COLORS } from '../src/editor/presence.js';

/** A real session against a real server, with Node's `ws` as the WebSocket and no IndexedDB. */
function openSession(serverUrl: string, room: string, options: Partial<CollabSessionOptions> = {}) {
  const session = new CollabSession({
    room,
    serverUrl,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    persistence: false,
    crossTab: false,
    backoff: { baseMs: 40, maxMs: 160 },
    random: () => 1,
    ...options,
  });
  onCleanup(() => session.destroy());
  session.start();
  return session;
}

const saved = (session: CollabSession, timeoutMs = 5000) =>
  waitFor(() => session.state.save === 'saved', timeoutMs, 'saved');

/** A memory store whose appends wait until `release()`: "durable" happens when the test says so. */
class GatedStore extends MemoryDocStore {
  private gate: Promise<void> | null = null;
  private open: (() => void) | null = null;
  appends = 0;

  hold(): void {
    this.gate = new Promise((resolve) => {
      this.open = resolve;
    });
  }

  release(): void {
    this.open?.();
    this.gate = null;
  }

  override async append(items: readonly AppendItem[]): Promise<number[]> {
    this.appends++;
    if (this.gate) await this.gate;
    return super.append(items);
  }
}

describe('collab session against a real server', () => {
  it('says Saved only once the server has stored the edit, and fires "saved" then', async () => {
    const store = new GatedStore();
    const server = createQuireServer(configWith({ port: 0, logLevel: 'silent', clientDir: '' }), { store });
    const { url } = await server.start();
    onCleanup(() => server.stop());
    const session = openSession(url, uniqueDocId());
    await saved(session);
    expect(session.state.connection).toBe('connected');

    let savedEvents = 0;
    session.addEventListener('saved', () => savedEvents++);
    store.hold();
    const appendsBefore = store.appends;
    titleText(session.doc).insert(0, 'Durable title');
    expect(session.state.save).toBe('saving');
    // The server has the update in hand but has not stored it: still not saved.
    await waitFor(() => store.appends > appendsBefore, 5000, 'the append to start');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(session.state.save).toBe('saving');
    expect(savedEvents).toBe(0);
    store.release();
    await saved(session);
    expect(savedEvents).toBe(1);
  });

  it('goes offline when the server stops, keeps edits, and merges them when it is back', async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir });
    const docId = uniqueDocId();
    const session = openSession(first.url, docId);
    titleText(session.doc).insert(0, 'Before');
    await saved(session);

    await first.server.stop();
    await waitFor(() => session.state.save === 'offline', 5000, 'offline');
    expect(['reconnecting', 'offline']).toContain(session.state.connection);
    expect(session.state.retryAt).not.toBeNull();
    titleText(session.doc).insert(6, ' and during the outage');

    // Same port and data directory: the server came back.
    const second = await startTestServer({ dataDir, port: first.port });
    await saved(session, 10_000);
    const reader = connectClient(second.wsUrl, docId, { doc: new Y.Doc() });
    await waitFor(() => titleText(reader.doc).toString() === 'Before and during the outage', 5000, 'merged title');
  });

  it('stops for good on a permanent close code and says why', async () => {
    const { url } = await startTestServer();
    const docId = uniqueDocId();
    const session = openSession(url, docId);
    titleText(session.doc).insert(0, 'to be deleted');
    await saved(session);
    const refusals: unknown[] = [];
    session.addEventListener('refused', (event) => refusals.push((event as CustomEvent).detail));
    const statusEvents: string[] = [];
    session.addEventListener('change', () => statusEvents.push(session.state.connection));

    expect((await fetch(`${url}/api/docs/${docId}`, { method: 'DELETE' })).status).toBe(204);
    await waitFor(() => session.state.connection === 'refused', 5000, 'refused');
    expect(refusals).toEqual([{ code: 4410, message: 'This document was deleted.' }]);
    expect(session.state.save).toBe('offline');
    // Several backoff periods later, no new attempt was made.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(statusEvents.filter((state) => state === 'reconnecting' || state === 'connecting')).toEqual([]);
    expect(session.provider.ws).toBeNull();
    // Automatic triggers (network back, tab visible) do not undo a refusal; a person asking does.
    session.retryNow();
    expect(session.state.connection).toBe('refused');
    session.retryNow(true);
    expect(session.state.connection).not.toBe('refused');
    expect(session.state.refusal).toBeNull();
  });

  it('a retry before the local copy loaded does not leave a live connection showing "reconnecting"', async () => {
    const { url } = await startTestServer();
    // An IndexedDB that never opens: the session waits out persistenceTimeoutMs, as with a slow disk.
    vi.stubGlobal('indexedDB', { open: () => ({}) });
    onCleanup(() => {
      vi.unstubAllGlobals();
    });
    const session = openSession(url, uniqueDocId(), { persistence: true, persistenceTimeoutMs: 300 });
    // What `pageshow` does on every page load: connect now, before the local copy is in.
    session.retryNow();
    await waitFor(() => session.state.connection === 'connected', 5000, 'connected');
    // Past the end of the local-copy wait, which used to start a second connect over the live one.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(session.state.connection).toBe('connected');
    await waitFor(() => session.state.save === 'saved', 5000, 'saved');
  });

  it('learns why a handshake was refused by asking over HTTP, and stops', async () => {
    const { url } = await startTestServer();
    const badId = openSession(url, 'x'.repeat(129));
    await waitFor(() => badId.state.connection === 'refused', 5000, 'refused bad id');
    expect(badId.state.refusal).toEqual({
      code: 4400,
      message: 'Document ids are 1-128 characters of A-Z a-z 0-9 _ -.',
    });
    const unknownView = openSession(url, 'v'.repeat(30), { viewLink: true });
    await waitFor(() => unknownView.state.connection === 'refused', 5000, 'refused view');
    expect(unknownView.state.refusal?.code).toBe(4404);
  });

  it('keeps trying with growing delays while the server is unreachable, and connects once it is up', async () => {
    const probe = await startTestServer();
    const port = probe.port;
    await probe.server.stop();
    const session = openSession(`http://127.0.0.1:${port}`, uniqueDocId());
    const delays: number[] = [];
    session.addEventListener('change', () => {
      const { retryAt } = session.state;
      if (retryAt !== null) delays.push(retryAt - Date.now());
    });
    await waitFor(() => delays.length >= 4, 5000, 'four retries');
    // random() = 1 gives the ceiling: 40, 80, 160, then capped at 160 (± scheduling slack).
    expect(delays.slice(0, 4).map((delay) => Math.round(delay / 40) * 40)).toEqual([40, 80, 160, 160]);
    expect(session.state.save).toBe('offline');
    await startTestServer({ port });
    await saved(session, 5000);
  });

  it('asks for a fresh token before every connection', async () => {
    const first = await startTestServer();
    const dataDir = first.dataDir;
    const tokens: string[] = [];
    const session = openSession(first.url, uniqueDocId(), {
      getToken: async () => {
        tokens.push(`t${tokens.length + 1}`);
        return tokens[tokens.length - 1] as string;
      },
    });
    await saved(session);
    expect(session.provider.protocols).toEqual(['quire', 'quire.token.t1']);
    expect(session.provider.url).not.toContain('token');
    await first.server.stop();
    await startTestServer({ dataDir, port: first.port });
    await saved(session, 10_000);
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    expect(session.provider.protocols).toEqual(['quire', `quire.token.${tokens[tokens.length - 1]}`]);
  });

  it('opens a document on a token-mode server, and is told why when its token is refused', async () => {
    const { url } = await startTestServer({ auth: { secret: TEST_SECRET } });
    const docId = uniqueDocId();
    const token = await mintToken({ docs: [docId], scope: 'write' });
    const allowed = openSession(url, docId, { token });
    titleText(allowed.doc).insert(0, 'signed in');
    await saved(allowed);

    const other = await mintToken({ docs: ['some-other-doc'], scope: 'write' });
    const forbidden = openSession(url, docId, { token: other });
    await waitFor(() => forbidden.state.connection === 'refused', 5000, 'refused token');
    expect(forbidden.state.refusal?.code).toBe(4403);
    const anonymous = openSession(url, docId);
    await waitFor(() => anonymous.state.connection === 'refused', 5000, 'refused without token');
    expect(anonymous.state.refusal?.code).toBe(4401);
  });

  it('publishes who is editing and moves a later arrival off a colour already in use', async () => {
    const { url } = await startTestServer();
    const docId = uniqueDocId();
    const ada = openSession(url, docId);
    const bob = openSession(url, docId);
    const red = PRESENCE_COLORS[0];
    ada.setUser({ id: 'ada', name: 'Ada', color: red });
    bob.setUser({ id: 'bob', name: 'Bob', color: red });
    await waitFor(() => ada.presence.length === 2 && bob.presence.length === 2, 5000, 'both present');
    await waitFor(() => new Set(ada.presence.map((user) => user.color)).size === 2, 5000, 'distinct colours');
    const [earlier, later] = ada.doc.clientID < bob.doc.clientID ? [ada, bob] : [bob, ada];
    expect(earlier.presence.find((user) => user.isSelf)?.color).toBe(red);
    expect(later.presence.find((user) => user.isSelf)?.color).not.toBe(red);
    expect(bob.presence.map((user) => user.name)).toEqual(['Bob', 'Ada']);
  });
});
