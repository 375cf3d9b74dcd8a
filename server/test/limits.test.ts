import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../shared/close-codes.js';
import {
  encodeAck,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncUpdate,
} from '../../shared/protocol/encode.js';
import { spawnServer } from './child-server.js';
import { connectClient, startTestServer, tempDir, text, uniqueDocId, waitFor, waitForSynced } from './helpers.js';
import { openRawSocket } from './raw-socket.js';
import { metricValue, mintToken, openSocket, openTcp, TEST_SECRET } from './security-helpers.js';

const presence = (clientId: number, clock: number, state: unknown) =>
  encodeAwareness(encodeAwarenessEntries([{ clientId, clock, state: JSON.stringify(state) }]));

/** A stock client that typed `content`, to show that other peers are unaffected by a refusal. */
async function bystanders(wsUrl: string, docId: string) {
  const writer = connectClient(wsUrl, docId);
  const reader = connectClient(wsUrl, docId);
  await waitForSynced(writer.provider);
  await waitForSynced(reader.provider);
  let n = 0;
  return {
    /** Types one more character and waits until the other bystander has it. */
    async stillSyncing() {
      writer.doc.getText('t').insert(0, String(n++ % 10));
      const expected = text(writer.doc);
      await waitFor(() => text(reader.doc) === expected, 5000, 'bystanders keep syncing');
      expect(writer.provider.wsconnected && reader.provider.wsconnected).toBe(true);
    },
  };
}

describe('limits', () => {
  it('connections per address: one more gets 429 before the upgrade, another address still gets in', async () => {
    const { wsUrl, url, server } = await startTestServer({ maxConnectionsPerIp: 3, trustProxy: true });
    const docId = uniqueDocId();
    const open = [];
    for (let i = 0; i < 3; i++) open.push(await openSocket(`${wsUrl}/${docId}`));
    expect(open.map((s) => s.status)).toEqual([101, 101, 101]);
    expect((await openSocket(`${wsUrl}/${docId}`)).status).toBe(429);
    const why = await fetch(`${url}/collab/${docId}`);
    expect(why.status).toBe(429);
    expect(await why.json()).toMatchObject({ error: 'too_many_connections' });
    const elsewhere = await openSocket(`${wsUrl}/${docId}`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(elsewhere.status).toBe(101);
    // Closing one frees its slot.
    open[0]?.socket?.close();
    await waitFor(() => server.ctx.limiter.openConnections === 3, 5000, 'slot released');
    expect((await openSocket(`${wsUrl}/${docId}`)).status).toBe(101);
    // The open peers were never disturbed.
    for (const s of open.slice(1)) expect(s.socket?.readyState).toBe(s.socket?.OPEN);
  });

  it('connections per address hold under a burst of simultaneous handshakes (token checks in between)', async () => {
    const { wsUrl } = await startTestServer({ maxConnectionsPerIp: 2, auth: { secret: TEST_SECRET } });
    const docId = uniqueDocId();
    const token = await mintToken({ docs: [docId], scope: 'write' });
    const results = await Promise.all(Array.from({ length: 12 }, () => openSocket(`${wsUrl}/${docId}?token=${token}`)));
    expect(results.filter((r) => r.status === 101).length).toBe(2);
    expect(results.filter((r) => r.status === 429).length).toBe(10);
  });

  it('connections in total: one more gets 503 before the upgrade', async () => {
    const { wsUrl } = await startTestServer({ maxConnections: 2 });
    const docId = uniqueDocId();
    const first = await openSocket(`${wsUrl}/${docId}`);
    const second = await openSocket(`${wsUrl}/${docId}`);
    expect([first.status, second.status]).toEqual([101, 101]);
    expect((await openSocket(`${wsUrl}/${docId}`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(503);
    expect(first.socket?.readyState).toBe(first.socket?.OPEN);
  });

  it('handshakes per address per second: a burst gets 429, the next second is admitted again', async () => {
    const perSecond = 5;
    const { wsUrl, url } = await startTestServer({ maxHandshakesPerIp: perSecond });
    const docId = uniqueDocId();
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 20 }, () => openSocket(`${wsUrl}/${docId}`)));
    const windows = Math.floor(Date.now() / 1000) - Math.floor(started / 1000) + 1;
    for (const result of results) result.socket?.terminate();
    const statuses = results.map((result) => result.status);
    // The allowance is per wall-clock second: at most `perSecond` in each second the burst touched.
    expect(statuses.filter((s) => s === 101).length).toBeLessThanOrEqual(perSecond * windows);
    expect(statuses).toContain(429);
    expect(await metricValue(url, 'quire_refusals_total', 'reason="too_many_handshakes"')).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await openSocket(`${wsUrl}/${docId}`)).status).toBe(101);
  });

  it('messages per second: a flood closes its sender with 4029, others keep syncing', async () => {
    const { wsUrl, url } = await startTestServer({ maxMessagesPerSecond: 50 });
    const docId = uniqueDocId();
    const others = await bystanders(wsUrl, docId);
    const flood = await openRawSocket(`${wsUrl}/${docId}`);
    // Acknowledgements echoed back cost the server nothing but the count.
    for (let i = 0; i < 200; i++) flood.socket.send(encodeAck(1));
    expect((await flood.closed).code).toBe(CLOSE_CODE.rateLimited);
    expect(await metricValue(url, 'quire_refusals_total', 'reason="rate_limited"')).toBe(1);
    await others.stillSyncing();
  });

  it('messages per second: a stock client that echoes the presence of a busy room is not taken for a flood', async () => {
    const { wsUrl, url } = await startTestServer({ maxMessagesPerSecond: 20 });
    const docId = uniqueDocId();
    const watcher = connectClient(wsUrl, docId);
    await waitForSynced(watcher.provider);
    const closes: number[] = [];
    watcher.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
    // Three people move their carets 15 times a second each: 45 changes a second reach the watcher, and
    // y-websocket's provider sends each one back.
    const movers = await Promise.all([1, 2, 3].map(() => openRawSocket(`${wsUrl}/${docId}`)));
    for (let clock = 1; clock <= 30; clock++) {
      for (const [i, mover] of movers.entries()) mover.socket.send(presence(5000 + i, clock, { caret: clock }));
      await new Promise((resolve) => setTimeout(resolve, 66));
    }
    await waitFor(
      () => watcher.provider.awareness.getStates().get(5002)?.caret === 30,
      5000,
      'the watcher saw every move',
    );
    expect(closes).toEqual([]);
    expect(watcher.provider.wsconnected).toBe(true);
    expect(await metricValue(url, 'quire_refusals_total', 'reason="rate_limited"')).toBe(0);
  });

  it('whole-state requests: more than ten a connection in ten seconds close it with 4029', async () => {
    const { wsUrl, url } = await startTestServer();
    const docId = uniqueDocId();
    const others = await bystanders(wsUrl, docId);
    const greedy = await openRawSocket(`${wsUrl}/${docId}`);
    for (let i = 0; i < 6; i++) greedy.socket.send(encodeSyncStep1(new Uint8Array([0])));
    for (let i = 0; i < 6; i++) greedy.socket.send(encodeQueryAwareness());
    expect((await greedy.closed).code).toBe(CLOSE_CODE.rateLimited);
    expect(await metricValue(url, 'quire_refusals_total', 'reason="too_many_sync_requests"')).toBe(1);
    // The first six were answered: each SyncStep1 got its SyncStep2 (sync 0, step 2 is 1).
    expect(greedy.frames.filter((f) => f[0] === 0 && f[1] === 1).length).toBe(6);
    await others.stillSyncing();
  });

  it('bytes per second: a flood closes its sender with 4029, others keep syncing', async () => {
    const { wsUrl } = await startTestServer({ maxBytesPerSecond: 64 * 1024, maxAwarenessBytes: 60_000 });
    const docId = uniqueDocId();
    const others = await bystanders(wsUrl, docId);
    const flood = await openRawSocket(`${wsUrl}/${docId}`);
    for (let clock = 1; clock <= 4; clock++) flood.socket.send(presence(4242, clock, { pad: 'x'.repeat(30_000) }));
    expect((await flood.closed).code).toBe(CLOSE_CODE.rateLimited);
    await others.stillSyncing();
  });

  it.each([
    ['a state over the size cap', presence(7001, 1, { name: 'x'.repeat(2000) })],
    ['a state that is not a JSON object', presence(7002, 1, ['an', 'array'])],
    [
      'a state that is not JSON',
      encodeAwareness(encodeAwarenessEntries([{ clientId: 7003, clock: 1, state: '{oops' }])),
    ],
    [
      'more client ids than one connection may introduce',
      encodeAwareness(
        encodeAwarenessEntries(Array.from({ length: 9 }, (_, i) => ({ clientId: 8000 + i, clock: 1, state: '{}' }))),
      ),
    ],
  ])('presence: %s closes its sender with 4400 and changes no one else', async (_name, frame) => {
    const { wsUrl } = await startTestServer({ maxAwarenessBytes: 1024 });
    const docId = uniqueDocId();
    const alice = connectClient(wsUrl, docId);
    alice.provider.awareness.setLocalState({ user: 'alice' });
    const observer = connectClient(wsUrl, docId);
    const seen = () => [...observer.provider.awareness.getStates().keys()].filter((id) => id !== observer.doc.clientID);
    await waitFor(() => seen().length === 1, 5000, 'alice visible');
    const bad = await openRawSocket(`${wsUrl}/${docId}`);
    bad.socket.send(frame);
    expect((await bad.closed).code).toBe(CLOSE_CODE.protocolError);
    alice.provider.awareness.setLocalState({ user: 'alice', typing: true });
    await waitFor(
      () => observer.provider.awareness.getStates().get(alice.doc.clientID)?.typing === true,
      5000,
      'alice still updates',
    );
    expect(seen()).toEqual([alice.doc.clientID]);
  });

  it('presence of one client cannot be forged or removed by another connection', async () => {
    const { wsUrl } = await startTestServer();
    const docId = uniqueDocId();
    const alice = connectClient(wsUrl, docId);
    alice.provider.awareness.setLocalState({ user: 'alice' });
    const observer = connectClient(wsUrl, docId);
    const aliceId = alice.doc.clientID;
    await waitFor(() => observer.provider.awareness.getStates().has(aliceId), 5000, 'alice visible');
    const mallory = await openRawSocket(`${wsUrl}/${docId}`);
    const clock = (alice.provider.awareness.meta.get(aliceId)?.clock ?? 0) + 10;
    mallory.socket.send(presence(aliceId, clock, { user: 'mallory' }));
    mallory.socket.send(
      encodeAwareness(encodeAwarenessEntries([{ clientId: aliceId, clock: clock + 1, state: 'null' }])),
    );
    // Mallory's own presence goes through, so her earlier frames were processed, not lost.
    mallory.socket.send(presence(99, 1, { user: 'mallory' }));
    await waitFor(() => observer.provider.awareness.getStates().has(99), 5000, 'mallory own presence');
    expect(observer.provider.awareness.getStates().get(aliceId)).toEqual({ user: 'alice' });
    expect(mallory.socket.readyState).toBe(mallory.socket.OPEN);
  });

  it('presence with clock 0 (which Yjs never stores) does not crash the server when its sender leaves', async () => {
    const server = await spawnServer({ QUIRE_DATA_DIR: tempDir() });
    const docId = uniqueDocId();
    const observer = connectClient(server.wsUrl, docId);
    await waitForSynced(observer.provider);
    const raw = await openRawSocket(`${server.wsUrl}/${docId}`);
    raw.socket.send(presence(6100, 0, { user: 'clock zero' }));
    raw.socket.send(presence(6101, 1, { user: 'clock one' }));
    await waitFor(() => observer.provider.awareness.getStates().has(6101), 5000, 'second presence shown');
    raw.socket.close();
    await waitFor(() => !observer.provider.awareness.getStates().has(6101), 5000, 'presence removed on leave');
    expect(server.process.exitCode).toBeNull();
    const late = connectClient(server.wsUrl, docId);
    await waitForSynced(late.provider);
    expect(observer.provider.wsconnected).toBe(true);
  });

  it('presence echoed back after its owner left is neither a claim nor a refusal', async () => {
    const { wsUrl } = await startTestServer({ maxAwarenessClients: 8 });
    const docId = uniqueDocId();
    const observer = connectClient(wsUrl, docId);
    await waitForSynced(observer.provider);
    const visitors = Array.from({ length: 10 }, (_, i) => ({
      clientId: 7000 + i,
      clock: 1,
      state: '{"user":"visitor"}',
    }));
    for (const visitor of visitors) {
      const raw = await openRawSocket(`${wsUrl}/${docId}`);
      raw.socket.send(encodeAwareness(encodeAwarenessEntries([visitor])));
      await waitFor(() => observer.provider.awareness.getStates().has(visitor.clientId), 5000, 'visitor shown');
      raw.socket.close();
      await waitFor(() => !observer.provider.awareness.getStates().has(visitor.clientId), 5000, 'visitor gone');
    }
    // What a stock client does when it times out or relays states: it sends everyone's, old clocks included.
    const echo = await openRawSocket(`${wsUrl}/${docId}`);
    echo.socket.send(encodeAwareness(encodeAwarenessEntries(visitors)));
    echo.socket.send(presence(9999, 1, { user: 'echo' }));
    await waitFor(() => observer.provider.awareness.getStates().has(9999), 5000, 'echo own presence');
    expect(echo.socket.readyState).toBe(echo.socket.OPEN);
    expect(visitors.some((v) => observer.provider.awareness.getStates().has(v.clientId))).toBe(false);
  });

  it('document size: an update past the maximum closes its sender with 4413 and is not stored', async () => {
    const { wsUrl, url } = await startTestServer({ maxDocumentBytes: 4096 });
    const docId = uniqueDocId();
    const others = await bystanders(wsUrl, docId);
    const big = connectClient(wsUrl, docId);
    const closes: number[] = [];
    big.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    await waitForSynced(big.provider);
    big.doc.getText('big').insert(0, 'a'.repeat(2500));
    const fresh = () => connectClient(wsUrl, docId, { doc: new Y.Doc() });
    const first = fresh();
    await waitFor(() => first.doc.getText('big').length === 2500, 5000, 'first part stored');
    big.doc.getText('big').insert(0, 'b'.repeat(2500));
    await waitFor(() => closes.includes(CLOSE_CODE.documentTooLarge), 5000, 'close 4413');
    big.provider.destroy();
    const second = fresh();
    await waitForSynced(second.provider);
    expect(second.doc.getText('big').toString()).toBe('a'.repeat(2500));
    expect(await metricValue(url, 'quire_refusals_total', 'reason="document_too_large"')).toBe(1);
    await others.stillSyncing();
  });

  it('pending updates: within the cap they wait for their dependency, past it they are dropped and refused', async () => {
    const { wsUrl } = await startTestServer({ maxPendingBytes: 2048 });
    const docId = uniqueDocId();
    const others = await bystanders(wsUrl, docId);
    // An author whose first update never reaches the server: everything after it waits on it.
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on('update', (update: Uint8Array) => updates.push(update));
    author.getText('p').insert(0, 'first ');
    author.getText('p').insert(6, 'small ');
    author.getText('p').insert(12, 'z'.repeat(3000));
    const [first, small, large] = updates as [Uint8Array, Uint8Array, Uint8Array];
    const sender = await openRawSocket(`${wsUrl}/${docId}`);
    sender.socket.send(encodeSyncUpdate(small));
    sender.socket.send(encodeSyncUpdate(first));
    const reader = connectClient(wsUrl, docId, { doc: new Y.Doc() });
    await waitFor(() => reader.doc.getText('p').toString() === 'first small ', 5000, 'pending applied once unblocked');

    const other = new Y.Doc();
    const otherUpdates: Uint8Array[] = [];
    other.on('update', (update: Uint8Array) => otherUpdates.push(update));
    other.getText('q').insert(0, 'never sent');
    other.getText('q').insert(0, 'y'.repeat(3000));
    const overflow = await openRawSocket(`${wsUrl}/${docId}`);
    overflow.socket.send(encodeSyncUpdate(otherUpdates[1] as Uint8Array));
    expect((await overflow.closed).code).toBe(CLOSE_CODE.protocolError);
    expect(large.length).toBeGreaterThan(2048);
    const late = connectClient(wsUrl, docId, { doc: new Y.Doc() });
    await waitForSynced(late.provider);
    expect(late.doc.getText('q').toString()).toBe('');
    expect(late.doc.store.pendingStructs).toBeNull();
    expect(sender.socket.readyState).toBe(sender.socket.OPEN);
    await others.stillSyncing();
  });

  it('handshake timeout: a client that does not finish its request in time is disconnected', async () => {
    const { port, wsUrl } = await startTestServer({ handshakeTimeoutMs: 300 });
    const slow = await openTcp(port);
    const silent = await openTcp(port);
    slow.write(`GET /collab/${uniqueDocId()} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n`);
    // Both are closed by the server (the test's timeout would catch a server that waits forever).
    await Promise.all([
      new Promise((resolve) => slow.once('close', resolve)),
      new Promise((resolve) => silent.once('close', resolve)),
    ]);
    const client = connectClient(wsUrl, uniqueDocId());
    await waitForSynced(client.provider);
  });
});
