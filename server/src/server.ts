import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../shared/close-codes.js';
import { ROUTES } from '../../shared/routes.js';
import { createApp } from './app.js';
import { createAccess } from './auth/access.js';
import type { Config } from './config.js';
import { FormatPool } from './formats/format-pool.js';
import { History } from './history/history.js';
import { createRestWriteLimit } from './http/rest-write-limit.js';
import { ConnectionLimiter } from './limits/connection-limiter.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import { LocalPubSub } from './pubsub/local-pubsub.js';
import type { PubSub } from './pubsub/pubsub.js';
import { RedisPubSub } from './pubsub/redis-pubsub.js';
import type { ServerContext } from './server-context.js';
import type { DocStore } from './storage/doc-store.js';
import { MemoryDocStore } from './storage/memory-doc-store.js';
import { PostgresDocStore } from './storage/postgres-doc-store.js';
import { SqliteDocStore } from './storage/sqlite-doc-store.js';
import { CommitQueue } from './sync/commit-queue.js';
import { Fanout } from './sync/fanout.js';
import { RoomRegistry } from './sync/room-registry.js';
import { Heartbeat } from './ws/heartbeat.js';

export interface QuireServer {
  ctx: ServerContext;
  /** The Hono app (its `routes` list every path the server answers). */
  app: Hono;
  /** Listens on config.host:config.port (0 picks a free port); resolves with the bound address. */
  start(): Promise<{ port: number; url: string }>;
  /** Graceful shutdown: stop accepting, close peers with 1001, flush every document, close storage. */
  stop(): Promise<void>;
}

export function createStore(config: Config): DocStore {
  if (config.storage === 'memory') return new MemoryDocStore();
  if (config.storage === 'postgres') {
    if (!config.databaseUrl) throw new Error('postgres storage needs a database URL');
    return new PostgresDocStore({ connectionString: config.databaseUrl });
  }
  return new SqliteDocStore({ dataDir: config.dataDir, synchronous: config.sqliteSync });
}

/** Redis when configured; otherwise an in-process bus only this server hears. */
export function createPubSub(config: Config, logger: Logger): PubSub {
  if (config.redisUrl) return new RedisPubSub({ url: config.redisUrl, logger });
  return new LocalPubSub();
}

/**
 * Builds a whole server from one config; nothing is global, so tests can run several. Servers given
 * one store and connected pub/sub (Redis, or `LocalPubSub`s on one hub) share their documents.
 */
export function createQuireServer(config: Config, options: { store?: DocStore; pubsub?: PubSub } = {}): QuireServer {
  const logger = createLogger(config.logLevel);
  const metrics = createMetrics();
  const store = options.store ?? createStore(config);
  const fanout = new Fanout({
    pubsub: options.pubsub ?? createPubSub(config, logger.child({ area: 'pubsub' })),
    prefix: config.redisPrefix,
    instanceTimeoutMs: config.heartbeatMs,
    logger: logger.child({ area: 'pubsub' }),
    metrics,
  });
  // Not awaited: with Redis away the server still starts and serves its own peers.
  fanout.start().catch((error: unknown) => logger.error({ err: error }, 'starting the fan-out failed'));
  const commits = new CommitQueue(store, (size, seconds) => {
    metrics.persistSeconds.observe(seconds);
    metrics.persistBatchSize.observe(size);
  });
  const formats = new FormatPool({
    workers: config.formatWorkers,
    timeoutMs: config.formatTimeoutMs,
    maxHeapMb: config.formatMaxHeapMb,
    maxWaiting: config.formatQueueTasks,
    maxWaitingBytes: config.formatQueueBytes,
    maxPerClient: config.formatTasksPerClient,
    smallTaskBytes: config.formatSmallTaskBytes,
    observe: ({ waiting, waitingBytes, running }) => {
      metrics.formatTasks.set({ state: 'waiting' }, waiting);
      metrics.formatTasks.set({ state: 'running' }, running);
      metrics.formatWaitingBytes.set(waitingBytes);
    },
    refused: (reason) => metrics.refusals.inc({ reason: `format_${reason}` }),
  });
  const history: History = new History({
    store,
    formats,
    registry: () => registry,
    logger: logger.child({ area: 'history' }),
    metrics,
    idleMs: config.versionIdleMs,
    retentionDays: config.versionRetentionDays,
    versionCap: { count: config.maxNamedVersions, bytes: config.maxNamedVersionBytes },
  });
  const registry: RoomRegistry = new RoomRegistry({
    store,
    commits,
    logger: logger.child({ area: 'sync' }),
    metrics,
    compactAfterUpdates: config.compactAfterUpdates,
    unloadDelayMs: config.unloadDelayMs,
    fanout,
    limits: config,
    watchEdits: (room) => history.watch(room),
  });
  const access = createAccess(config);
  const limiter = new ConnectionLimiter(config);
  const ctx: ServerContext = {
    config,
    store,
    commits,
    registry,
    metrics,
    logger,
    fanout,
    access,
    limiter,
    formats,
    history,
  };
  const heartbeat = new Heartbeat(config.heartbeatMs);
  const writeLimit = createRestWriteLimit({
    perMinute: config.maxRestWritesPerMinute,
    trustProxy: config.trustProxy,
    metrics,
  });
  const app = createApp(ctx, heartbeat, writeLimit);
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes, perMessageDeflate: false });
  const httpServer = createAdaptorServer({ fetch: app.fetch, websocket: { server: wss }, ...listenerOptions(config) });
  httpServer.on('clientError', (_error, socket) => socket.destroy());
  refuseOtherUpgrades(httpServer);

  let stopping: Promise<void> | null = null;
  return {
    ctx,
    app,
    start: async () => {
      await warmUp(app);
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject);
          const { port } = httpServer.address() as AddressInfo;
          const host = config.host.includes(':') ? `[${config.host}]` : config.host;
          const scheme = config.tls ? 'https' : 'http';
          resolve({ port, url: `${scheme}://${host === '0.0.0.0' ? 'localhost' : host}:${port}` });
        });
      });
    },
    stop: () => {
      stopping ??= (async () => {
        heartbeat.stop();
        const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        await registry.closeAll(CLOSE_CODE.goingAway, 'server shutting down');
        await commits.drain();
        await fanout.stop();
        await closeSockets(wss);
        if ('closeAllConnections' in httpServer) httpServer.closeAllConnections();
        await closed;
        await formats.close();
        writeLimit.close();
        await store.close();
      })();
      return stopping;
    },
  };
}

/**
 * Serves one request and builds one document before any client comes: Hono compiles its router, Node
 * loads its fetch classes and Yjs its random source on first use (tens of milliseconds on a busy
 * machine), which would otherwise fall on the first client after every restart.
 */
async function warmUp(app: ReturnType<typeof createApp>): Promise<void> {
  await app.request(ROUTES.health);
  new Y.Doc().destroy();
}

/**
 * Plain HTTP or direct TLS, with the handshake timeout: a client must send its whole request (the
 * upgrade included) within `handshakeTimeoutMs`, checked every quarter of it (Node checks every 30 s).
 */
function listenerOptions(config: Config) {
  const timeouts = {
    headersTimeout: config.handshakeTimeoutMs,
    requestTimeout: Math.max(300_000, config.handshakeTimeoutMs),
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(config.handshakeTimeoutMs / 4))),
  };
  if (!config.tls) return { serverOptions: timeouts };
  const tls = { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) };
  return { createServer: createHttpsServer, serverOptions: { ...timeouts, ...tls } };
}

/**
 * Node hands every request with an `Upgrade` header to the upgrade listeners; the adapter takes only
 * `websocket` and leaves any other (`h2c`, `websocket, foo`) hanging with its socket forever. Those get
 * a 400. The adapter stays the only listener: it writes its refusals only when it is alone.
 */
function refuseOtherUpgrades(server: ReturnType<typeof createAdaptorServer>): void {
  const adapter = server.listeners('upgrade') as ((...args: unknown[]) => void)[];
  server.removeAllListeners('upgrade');
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (request.headers.upgrade?.toLowerCase() === 'websocket') {
      for (const listener of adapter) listener.call(server, request, socket, head);
      return;
    }
    socket.on('error', () => {
      // The client may be gone already; nothing to tell it.
    });
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
}

/** Lets close frames reach clients (up to a second) before cutting whatever is left. */
async function closeSockets(wss: WebSocketServer): Promise<void> {
  const open = [...wss.clients];
  const allClosed = Promise.all(
    open.map((socket) => {
      if (socket.readyState === socket.CLOSED) return undefined;
      if (socket.readyState === socket.OPEN) socket.close(CLOSE_CODE.goingAway, 'server shutting down');
      return new Promise((resolve) => socket.once('close', resolve));
    }),
  );
  await Promise.race([allClosed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  for (const socket of wss.clients) socket.terminate();
}
