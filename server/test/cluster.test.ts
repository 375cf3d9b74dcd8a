import { randomBytes } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../shared/close-codes.js';
import { type Config, configWith } from '../src/config.js';
import { LocalPubSub, LocalPubSubHub } from '../src/pubsub/local-pubsub.js';
import { createQuireServer, type QuireServer } from '../src/server.js';
import { MemoryDocStore } from '../src/storage/memory-doc-store.js';
import { PostgresDocStore } from '../src/storage/postgres-doc-store.js';
import { spawnServer } from './child-server.js';
import { connectClient, onCleanup, text, uniqueDocId, waitFor, waitForSynced } from './helpers.js';
import { freePort, startRedisServer } from './redis-server.js';
import { startTcpProxy } from './tcp-proxy.js';

const databaseUrl = process.env.QUIRE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const sharedRedisUrl = process.env.QUIRE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Instances expire a silent peer instance after 3/4 of this; short, so crash tests stay quick. */
const HEARTBEAT_MS = 1500;

/** Channels of their own per test, so test runs of other engineers on the same Redis never cross. */
const uniquePrefix = () => `quire-test:${process.pid}:${randomBytes(4).toString('hex')}:`;

interface Instance {
  server: QuireServer;
  port: number;
  url: string;
  wsUrl: string;
}

/** One Quire instance in this process, on PostgreSQL and Redis like a production node. */
async function startInstance(redisUrl: string, prefix: string, overrides: Partial<Config> = {}): Promise<Instance> {
  const config = configWith({
    port: 0,
    logLevel: (process.env.LOG_LEVEL as Config['logLevel']) ?? 'silent',
    clientDir: '',
    storage: 'postgres',
    databaseUrl,
    redisUrl,
    redisPrefix: prefix,
    heartbeatMs: HEARTBEAT_MS,
    unloadDelayMs: 200,
    ...overrides,
  });
  const store = new PostgresDocStore({ connectionString: databaseUrl, maxConnections: 4 });
  const server = createQuireServer(config, { store });
  const { port, url } = await server.start();
  onCleanup(() => server.stop());
  await waitFor(() => server.ctx.fanout.connected, 5000, 'pub/sub connected');
  return { server, port, url, wsUrl: `ws://127.0.0.1:${port}/collab` };
}

const health = async (instance: { url: string }) => (await fetch(`${instance.url}/healthz`)).json();

describe('several instances on PostgreSQL and Redis', () => {
  it('clients on different instances converge, while both compact, and a late joiner on a third gets everything', async () => {
    const prefix = uniquePrefix();
    const a = await startInstance(sharedRedisUrl, prefix, { compactAfterUpdates: 7 });
    const b = await startInstance(sharedRedisUrl, prefix, { compactAfterUpdates: 5 });
    const docId = uniqueDocId();
    const onA = connectClient(a.wsUrl, docId);
    const onB = connectClient(b.wsUrl, docId);
    await waitForSynced(onA.provider);
    await waitForSynced(onB.provider);
    for (let i = 0; i < 60; i++) {
      onA.doc.getText('t').insert(0, `a${i};`);
      onB.doc.getText('t').insert(0, `b${i};`);
      if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const complete = (doc: Y.Doc) => {
      const content = text(doc);
      return (
        Array.from({ length: 60 }, (_, i) => `a${i};`).every((token) => content.includes(token)) &&
        Array.from({ length: 60 }, (_, i) => `b${i};`).every((token) => content.includes(token))
      );
    };
    await waitFor(() => complete(onA.doc) && complete(onB.doc), 10_000, 'convergence across instances');
    expect(text(onA.doc)).toBe(text(onB.doc));

    const c = await startInstance(sharedRedisUrl, prefix);
    const late = connectClient(c.wsUrl, docId, { doc: new Y.Doc() });
    await waitFor(() => text(late.doc) === text(onA.doc), 10_000, 'late joiner on a third instance');
    // Storage holds the same document, however the two instances' compactions interleaved.
    await Promise.all([a, b].map((instance) => instance.server.ctx.registry.peek(docId)?.settled()));
    const stored = await a.server.ctx.store.load(docId);
    const fromStorage = new Y.Doc();
    for (const part of [stored?.snapshot, ...(stored?.updates ?? [])]) if (part) Y.applyUpdate(fromStorage, part);
    expect(text(fromStorage)).toBe(text(onA.doc));
    expect(stored?.snapshot).not.toBeNull();
  });

  it('presence crosses instances, reaches later joiners, and disappears when its owner leaves', async () => {
    const prefix = uniquePrefix();
    const a = await startInstance(sharedRedisUrl, prefix);
    const b = await startInstance(sharedRedisUrl, prefix);
    const docId = uniqueDocId();
    const ada = connectClient(a.wsUrl, docId);
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    await waitForSynced(ada.provider);
    const adaId = ada.doc.clientID;
    // Joins after Ada's state was sent: B asks the other instances for presence when it opens the document.
    const bob = connectClient(b.wsUrl, docId);
    await waitFor(() => bob.provider.awareness.getStates().get(adaId)?.user?.name === 'Ada', 5000, 'presence on B');
    bob.provider.awareness.setLocalStateField('user', { name: 'Bob' });
    await waitFor(
      () => ada.provider.awareness.getStates().get(bob.doc.clientID)?.user?.name === 'Bob',
      5000,
      'presence back on A',
    );
    // Bob's client echoes Ada's entry to B; B must not take it as Bob's (it would vanish when Bob leaves).
    expect(b.server.ctx.registry.peek(docId)?.hasLocalOwner(adaId)).toBe(false);
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada Lovelace' });
    await waitFor(
      () => bob.provider.awareness.getStates().get(adaId)?.user?.name === 'Ada Lovelace',
      5000,
      'presence change on B',
    );
    ada.provider.disconnect();
    await waitFor(() => !bob.provider.awareness.getStates().has(adaId), 5000, 'presence gone on B');
    expect(bob.provider.awareness.getStates().has(bob.doc.clientID)).toBe(true);
  });

  it('SIGKILL of an instance while its clients type: they reconnect to another and every acknowledged edit is there', async () => {
    const prefix = uniquePrefix();
    const env = {
      QUIRE_DATABASE_URL: databaseUrl,
      QUIRE_REDIS_URL: sharedRedisUrl,
      QUIRE_REDIS_PREFIX: prefix,
      QUIRE_HEARTBEAT_MS: String(HEARTBEAT_MS),
      QUIRE_COMPACT_AFTER_UPDATES: '20',
    };
    const doomed = await spawnServer(env, 40_000);
    const survivor = await startInstance(sharedRedisUrl, prefix, { compactAfterUpdates: 20 });
    const balancer = await startTcpProxy(doomed.port);
    const docId = uniqueDocId();

    // The writer counts the sync messages it sends per connection, to know which edits an ack covers.
    let typed = 0;
    let durable = 0;
    class CountingSocket extends WebSocket {
      /** For the n-th counted message on this connection: how many edits had been typed when it left. */
      readonly typedAtMessage: number[] = [];
      override send(data: Uint8Array, ...rest: unknown[]): void {
        // Sync step 2 or update (message type 0, sync type 1 or 2): the messages acks count.
        if (data[0] === 0 && (data[1] === 1 || data[1] === 2)) this.typedAtMessage.push(typed);
        (super.send as (...args: unknown[]) => void)(data, ...rest);
      }
    }
    const writerDoc = new Y.Doc();
    const writer = {
      provider: new WebsocketProvider(`ws://127.0.0.1:${balancer.port}/collab`, docId, writerDoc, {
        WebSocketPolyfill: CountingSocket as unknown as typeof globalThis.WebSocket,
        params: { ack: '1' },
        disableBc: true,
      }),
    };
    onCleanup(() => writer.provider.destroy());
    writer.provider.messageHandlers[100] = (_encoder, decoder, provider) => {
      const count = decoding.readVarUint(decoder);
      const covered = (provider.ws as unknown as CountingSocket).typedAtMessage[count - 1] ?? 0;
      durable = Math.max(durable, covered);
    };
    // Presence on the doomed instance, from a client that cannot follow to the survivor.
    const stranded = connectClient(doomed.wsUrl, docId);
    stranded.provider.awareness.setLocalStateField('user', { name: 'stranded' });
    const watcher = connectClient(survivor.wsUrl, docId);
    await waitForSynced(writer.provider);
    await waitForSynced(watcher.provider);
    const strandedId = stranded.doc.clientID;
    await waitFor(() => watcher.provider.awareness.getStates().has(strandedId), 5000, 'presence across');

    const token = (i: number) => `w${i};`;
    let typing = true;
    const typist = (async () => {
      while (typing) {
        // Type only while synced, so the connection's first counted message is its SyncStep2.
        if (writer.provider.synced) {
          // Counted first: the insert sends its update synchronously, and that message covers this edit.
          typed++;
          writerDoc.getText('t').insert(text(writerDoc).length, token(typed - 1));
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await waitFor(() => durable >= 40, 10_000, 'acknowledged edits before the crash');
    // While the writer cannot reach anyone, the rest must already hold what it was told is durable.
    balancer.setTarget(await freePort());
    doomed.process.kill('SIGKILL');
    expect(await doomed.exited).toBe('SIGKILL');
    const durableAtCrash = durable;
    const acknowledged = Array.from({ length: durableAtCrash }, (_, i) => token(i));
    const stored = await survivor.server.ctx.store.load(docId);
    const fromStorage = new Y.Doc();
    for (const part of [stored?.snapshot, ...(stored?.updates ?? [])]) if (part) Y.applyUpdate(fromStorage, part);
    expect(acknowledged.filter((t) => !text(fromStorage).includes(t))).toEqual([]);
    // The survivor's own clients get them without the writer's help: from pub/sub, or from storage once
    // the dead instance is declared gone (it may have stored an update it never published).
    await waitFor(
      () => acknowledged.every((t) => text(watcher.doc).includes(t)),
      10_000,
      'acknowledged edits on the surviving instance',
    );
    // The stranded client's presence goes within the heartbeat time of its dead instance.
    await waitFor(
      () => !watcher.provider.awareness.getStates().has(strandedId),
      HEARTBEAT_MS * 3,
      'stale presence gone',
    );
    balancer.setTarget(survivor.port);

    // The writer reconnected through the balancer to the survivor and keeps typing.
    const typedAtCrash = typed;
    await waitFor(() => typed >= typedAtCrash + 20 && durable >= typedAtCrash + 20, 15_000, 'typing after failover');
    typing = false;
    await typist;
    await waitFor(() => durable === typed, 10_000, 'every edit acknowledged');
    await waitFor(() => text(watcher.doc) === text(writerDoc), 10_000, 'watcher converged');
    const reader = connectClient(survivor.wsUrl, docId, { doc: new Y.Doc() });
    await waitFor(() => text(reader.doc) === text(writerDoc), 10_000, 'a fresh reader');
    const missing = Array.from({ length: typed }, (_, i) => token(i)).filter((t) => !text(reader.doc).includes(t));
    expect(missing).toEqual([]);
  }, 60_000);

  it('Redis cut mid-session: each instance keeps serving its own peers, reports degraded, and they converge after', async () => {
    const redis = await startRedisServer();
    const prefix = uniquePrefix();
    const a = await startInstance(redis.url, prefix);
    const b = await startInstance(redis.url, prefix);
    const docId = uniqueDocId();
    const onA = connectClient(a.wsUrl, docId);
    const alsoOnA = connectClient(a.wsUrl, docId);
    const onB = connectClient(b.wsUrl, docId);
    await Promise.all([onA, alsoOnA, onB].map((client) => waitForSynced(client.provider)));
    onA.doc.getText('t').insert(0, 'before;');
    await waitFor(() => text(onB.doc) === 'before;', 5000, 'fan-out before the cut');

    await redis.kill();
    await waitFor(() => !a.server.ctx.fanout.connected && !b.server.ctx.fanout.connected, 5000, 'Redis gone');
    expect(await health(a)).toMatchObject({ status: 'degraded', storage: 'ok', pubsub: 'unreachable' });
    for (let i = 0; i < 10; i++) {
      onA.doc.getText('t').insert(0, `a${i};`);
      onB.doc.getText('t').insert(0, `b${i};`);
    }
    // Local peers are still served while Redis is away.
    await waitFor(() => text(alsoOnA.doc) === text(onA.doc) && text(onA.doc).includes('a9;'), 5000, 'local relay');

    await redis.start();
    await waitFor(() => a.server.ctx.fanout.connected && b.server.ctx.fanout.connected, 10_000, 'Redis back');
    await waitFor(
      () => text(onA.doc) === text(onB.doc) && text(onA.doc).includes('b9;') && text(onB.doc).includes('a9;'),
      10_000,
      'convergence after Redis returned',
    );
    expect(text(alsoOnA.doc)).toBe(text(onB.doc));
    // Each lost the other's heartbeats during the outage; they hear them again within a beat.
    await waitFor(() => b.server.ctx.fanout.otherInstances === 1, 5000, 'heartbeats again');
    expect(await health(b)).toMatchObject({ status: 'ok', pubsub: 'ok', instances: 2 });
    // And fan-out works again for new edits.
    onB.doc.getText('t').insert(0, 'after;');
    await waitFor(() => text(onA.doc).startsWith('after;'), 5000, 'fan-out after the outage');
  });

  it('servers in one process sharing a store and an in-process bus behave as one cluster', async () => {
    const store = new MemoryDocStore();
    const hub = new LocalPubSubHub();
    const servers = [0, 1].map(() =>
      createQuireServer(configWith({ port: 0, logLevel: 'silent', clientDir: '', heartbeatMs: HEARTBEAT_MS }), {
        store,
        pubsub: new LocalPubSub(hub),
      }),
    );
    const urls: string[] = [];
    for (const server of servers) {
      const { port } = await server.start();
      onCleanup(() => server.stop());
      urls.push(`ws://127.0.0.1:${port}/collab`);
    }
    const docId = uniqueDocId();
    const one = connectClient(urls[0] as string, docId);
    const two = connectClient(urls[1] as string, docId);
    await waitForSynced(one.provider);
    await waitForSynced(two.provider);
    one.doc.getText('t').insert(0, 'one;');
    two.doc.getText('t').insert(0, 'two;');
    await waitFor(() => text(one.doc).length === 8 && text(one.doc) === text(two.doc), 5000, 'in-process fan-out');
  });

  it('deleting a document on one instance closes its editors on every instance', async () => {
    const prefix = uniquePrefix();
    const a = await startInstance(sharedRedisUrl, prefix);
    const b = await startInstance(sharedRedisUrl, prefix);
    const docId = uniqueDocId();
    const onA = connectClient(a.wsUrl, docId);
    const onB = connectClient(b.wsUrl, docId);
    await waitForSynced(onA.provider);
    await waitForSynced(onB.provider);
    onA.doc.getText('t').insert(0, 'doomed');
    await waitFor(() => text(onB.doc) === 'doomed', 5000, 'fan-out');
    const closes: number[] = [];
    onB.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    const response = await fetch(`${a.url}/api/docs/${docId}`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    await waitFor(() => closes.length > 0, 5000, 'editor on B closed');
    expect(closes[0]).toBe(CLOSE_CODE.documentDeleted);
  });
});
