import { z } from 'zod';
import { DEFAULT_LIMITS } from '../../shared/limits.js';

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

/** Every setting, with its environment variable and default. Validated once, in `main.ts`. */
const configSchema = z.object({
  /** @default 1234 */
  PORT: int(1234, 0).pipe(z.number().max(65535)),
  /** @default 127.0.0.1 (set 0.0.0.0 to accept connections from other machines) */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** @default ./data */
  QUIRE_DATA_DIR: z.string().min(1).default('./data'),
  /** `sqlite` (default) keeps documents in QUIRE_DATA_DIR; `memory` keeps nothing across restarts. */
  QUIRE_STORAGE: z.enum(['sqlite', 'memory']).default('sqlite'),
  /** SQLite durability: `full` fsyncs each group commit (survives power loss), `normal` survives process crashes. */
  QUIRE_SQLITE_SYNC: z.enum(['full', 'normal']).default('full'),
  /** Updates in a document's log before it is compacted into one snapshot. @default 500 */
  QUIRE_COMPACT_AFTER_UPDATES: int(500, 1),
  /** Milliseconds between heartbeat pings; a peer that misses one pong is closed. @default 30000 */
  QUIRE_HEARTBEAT_MS: int(30_000, 100),
  /** Milliseconds a document stays loaded after its last peer left. @default 2000 */
  QUIRE_UNLOAD_DELAY_MS: int(2_000, 0),
  /** Largest WebSocket frame in bytes; larger ones are closed with 1009. @default 16 MiB */
  QUIRE_MAX_MESSAGE_BYTES: int(DEFAULT_LIMITS.maxMessageBytes, 1024),
  /** Directory of the built client to serve; empty disables it. @default dist/client */
  QUIRE_CLIENT_DIR: z.string().default('dist/client'),
  /** Milliseconds to flush and close peers on SIGTERM before exiting anyway. @default 10000 */
  QUIRE_SHUTDOWN_TIMEOUT_MS: int(10_000, 0),
  /** pino level: fatal, error, warn, info, debug, trace or silent. @default info */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type EnvConfig = z.output<typeof configSchema>;

/** The server's configuration, in the names the code uses. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  storage: 'sqlite' | 'memory';
  sqliteSync: 'full' | 'normal';
  compactAfterUpdates: number;
  heartbeatMs: number;
  unloadDelayMs: number;
  maxMessageBytes: number;
  clientDir: string;
  shutdownTimeoutMs: number;
  logLevel: EnvConfig['LOG_LEVEL'];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment; a bad value throws a ConfigError naming the variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.QUIRE_DATA_DIR,
    storage: e.QUIRE_STORAGE,
    sqliteSync: e.QUIRE_SQLITE_SYNC,
    compactAfterUpdates: e.QUIRE_COMPACT_AFTER_UPDATES,
    heartbeatMs: e.QUIRE_HEARTBEAT_MS,
    unloadDelayMs: e.QUIRE_UNLOAD_DELAY_MS,
    maxMessageBytes: e.QUIRE_MAX_MESSAGE_BYTES,
    clientDir: e.QUIRE_CLIENT_DIR,
    shutdownTimeoutMs: e.QUIRE_SHUTDOWN_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
  };
}

/** Defaults for tests and embedding: loadConfig of an empty environment, then overrides. */
export const configWith = (overrides: Partial<Config> = {}): Config => ({ ...loadConfig({}), ...overrides });
