import type { Access } from './auth/access.js';
import type { Config } from './config.js';
import type { FormatPool } from './formats/format-pool.js';
import type { History } from './history/history.js';
import type { ConnectionLimiter } from './limits/connection-limiter.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { DocStore } from './storage/doc-store.js';
import type { CommitQueue } from './sync/commit-queue.js';
import type { Fanout } from './sync/fanout.js';
import type { RoomRegistry } from './sync/room-registry.js';

/** What the routes share; built once by `createQuireServer`. */
export interface ServerContext {
  config: Config;
  store: DocStore;
  commits: CommitQueue;
  registry: RoomRegistry;
  metrics: Metrics;
  logger: Logger;
  /** Fan-out to other instances (Redis, or in-process when the server runs alone). */
  fanout: Fanout;
  /** Open or token mode, and read-only view ids. */
  access: Access;
  /** Connection caps and handshake rate, checked before upgrades. */
  limiter: ConnectionLimiter;
  /** Markdown, HTML, JSON and text with the editor's schema, converted in a worker thread. */
  formats: FormatPool;
  /** Versions: automatic, named, restore, retention. */
  history: History;
}
