import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { connectClient, startTestServer, text, uniqueDocId, waitFor, waitForSynced } from './helpers.js';

describe('rooms', () => {
  it('twenty peers joining at the same moment load the document once', async () => {
    const { wsUrl, server } = await startTestServer();
    const docId = uniqueDocId();
    const loadsBefore = server.ctx.registry.loads;
    const clients = Array.from({ length: 20 }, () => connectClient(wsUrl, docId));
    await Promise.all(clients.map((c) => waitForSynced(c.provider)));
    expect(server.ctx.registry.loads - loadsBefore).toBe(1);
    expect(server.ctx.registry.peek(docId)?.peerCount).toBe(20);
  });

  it('compaction keeps the content identical and shortens the log', async () => {
    const { wsUrl, server, dataDir } = await startTestServer({ compactAfterUpdates: 20 });
    const docId = uniqueDocId();
    const writer = connectClient(wsUrl, docId);
    await waitForSynced(writer.provider);
    const ytext = writer.doc.getText('t');
    for (let i = 0; i < 137; i++) {
      ytext.insert(Math.floor(i / 2), String.fromCharCode(97 + (i % 26)));
      if (i % 7 === 0) ytext.delete(0, 1);
    }
    const expected = text(writer.doc);
    await waitFor(() => text(server.ctx.registry.peek(docId)?.doc ?? new Y.Doc()) === expected, 5000, 'server copy');
    await server.ctx.registry.peek(docId)?.settled();
    const stored = await server.ctx.store.load(docId);
    expect(stored?.snapshot).not.toBeNull();
    expect(stored?.updates.length).toBeLessThan(20);
    // A fresh server on the same files sees the same text.
    writer.provider.destroy();
    await server.stop();
    const again = await startTestServer({ dataDir });
    const reader = connectClient(again.wsUrl, docId);
    await waitForSynced(reader.provider);
    await waitFor(() => text(reader.doc) === expected, 5000, 'content after compaction');
    expect(text(reader.doc)).toBe(expected);
  });

  it('a document unloads after its last peer leaves, compacted, and reloads on the next join', async () => {
    const { wsUrl, server } = await startTestServer({ unloadDelayMs: 50 });
    const docId = uniqueDocId();
    const writer = connectClient(wsUrl, docId);
    await waitForSynced(writer.provider);
    writer.doc.getText('t').insert(0, 'kept');
    await waitFor(() => server.ctx.registry.peek(docId)?.doc.getText('t').toString() === 'kept', 5000);
    writer.provider.destroy();
    await waitFor(() => server.ctx.registry.peek(docId) === null, 5000, 'unload');
    const stored = await server.ctx.store.load(docId);
    expect(stored?.updates).toHaveLength(0);
    expect(stored?.snapshot).not.toBeNull();
    const reader = connectClient(wsUrl, docId);
    await waitFor(() => text(reader.doc) === 'kept', 5000, 'reload');
  });

  it('a peer that stops answering pings is dropped and its presence removed', async () => {
    const { port, wsUrl } = await startTestServer({ heartbeatMs: 200 });
    const docId = uniqueDocId();
    const watcher = connectClient(wsUrl, docId);
    await waitForSynced(watcher.provider);
    // A client with automatic pong replies turned off looks like a dead peer.
    const silent = new WebSocket(`ws://127.0.0.1:${port}/collab/${docId}`, { autoPong: false });
    const closed = new Promise<number>((resolve) => silent.once('close', (code) => resolve(code)));
    await new Promise((resolve) => silent.once('open', resolve));
    const ghost = new Y.Doc();
    const awareness = await import('y-protocols/awareness');
    const ghostAwareness = new awareness.Awareness(ghost);
    ghostAwareness.setLocalState({ user: { name: 'ghost' } });
    const { encodeAwareness } = await import('../../shared/protocol/encode.js');
    silent.send(encodeAwareness(awareness.encodeAwarenessUpdate(ghostAwareness, [ghost.clientID])));
    await waitFor(() => watcher.provider.awareness.getStates().has(ghost.clientID), 5000, 'ghost presence');
    expect(await closed).toBe(1006);
    await waitFor(() => !watcher.provider.awareness.getStates().has(ghost.clientID), 5000, 'presence removed');
    ghostAwareness.destroy();
  });
});

describe('server-side changes', () => {
  it('a change made by the server is stored, applied and relayed to every peer', async () => {
    const { wsUrl, server } = await startTestServer();
    const docId = uniqueDocId();
    const a = connectClient(wsUrl, docId);
    const b = connectClient(wsUrl, docId);
    await waitForSynced(a.provider);
    await waitForSynced(b.provider);
    const room = server.ctx.registry.peek(docId);
    const source = new Y.Doc();
    source.getText('t').insert(0, 'from the server');
    await room?.applyServerUpdate(Y.encodeStateAsUpdate(source), 'api');
    await waitFor(() => text(a.doc) === 'from the server' && text(b.doc) === 'from the server', 5000, 'relay');
    const stored = await server.ctx.store.load(docId);
    const check = new Y.Doc();
    for (const update of stored?.updates ?? []) Y.applyUpdate(check, update);
    expect(text(check)).toBe('from the server');
  });
});
