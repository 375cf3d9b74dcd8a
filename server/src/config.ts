import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { DEFAULT_LIMITS } from '../../shared/limits.js';
import { FORMAT_QUEUE_DEFAULTS } from './formats/format-scheduler.js';

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

const httpUrl = z.string().refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
  message: 'must be an http(s) URL',
});

/** `https://a.example, http://localhost:5173` → normalized origins; anything with a path is refused. */
function parseOrigins(value: string, ctx: z.RefinementCtx): string[] {
  const origins: string[] = [];
  for (const part of value.split(',').map((item) => item.trim())) {
    if (part === '') continue;
    const url = URL.canParse(part) ? new URL(part) : null;
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== part.replace(/\/$/, '').toLowerCase()) {
      ctx.addIssue({ code: 'custom', message: `"${part}" is not an origin like https://app.example` });
      return z.NEVER;
    }
    origins.push(url.origin);
  }
  return origins;
}

/** A DNS name (`docs.example.com`), a `*.` wildcard for its subdomains, or `*` alone: any Host. */
const PUBLIC_HOST = /^(\*|(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)$/;

/** `docs.example.com, *.team.example` → lower-case names without a trailing dot; schemes and ports are refused. */
function parsePublicHosts(value: string, ctx: z.RefinementCtx): string[] {
  const hosts: string[] = [];
  for (const part of value.split(',').map((item) => item.trim().toLowerCase().replace(/\.$/, ''))) {
    if (part === '') continue;
    if (!PUBLIC_HOST.test(part)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${part}" is not a host name like docs.example.com (no scheme, no port)`,
      });
      return z.NEVER;
    }
    hosts.push(part);
  }
  return hosts;
}

/** Every setting, with its environment variable and default. Validated once, in `main.ts`. */
const configSchema = z.object({
  /** @default 1234 */
  PORT: int(1234, 0).pipe(z.number().max(65535)),
  /** @default 127.0.0.1 (set 0.0.0.0 to accept connections from other machines) */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** @default ./data */
  QUIRE_DATA_DIR: z.string().min(1).default('./data'),
  /** `sqlite` (default) keeps documents in QUIRE_DATA_DIR; `memory` keeps nothing across restarts. */
  QUIRE_STORAGE: z.enum(['sqlite', 'memory', 'postgres']).default('sqlite'),
  /** SQLite durability: `full` fsyncs each group commit (survives power loss), `normal` survives process crashes. */
  QUIRE_SQLITE_SYNC: z.enum(['full', 'normal']).default('full'),
  /** PostgreSQL storage (`postgres://user@host:5432/db`), shared by several instances; selects `postgres`. */
  QUIRE_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Redis pub/sub between instances (`redis://host:6379`); unset: the instance works alone. */
  QUIRE_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  /** Prefix of every Redis channel, so deployments can share one Redis. @default quire: */
  QUIRE_REDIS_PREFIX: z.string().min(1).default('quire:'),
  /** Updates in a document's log before it is compacted into one snapshot. @default 500 */
  QUIRE_COMPACT_AFTER_UPDATES: int(500, 1),
  /** Milliseconds between heartbeat pings; a peer that misses one pong is closed. @default 30000 */
  QUIRE_HEARTBEAT_MS: int(30_000, 100),
  /** Milliseconds a document stays loaded after its last peer left. @default 2000 */
  QUIRE_UNLOAD_DELAY_MS: int(2_000, 0),
  /** Largest WebSocket frame in bytes; larger ones are closed with 1009. @default 16 MiB */
  QUIRE_MAX_MESSAGE_BYTES: int(DEFAULT_LIMITS.maxMessageBytes, 1024),
  // Limits: the table with defaults and meaning is `shared/limits.ts` (and SECURITY.md).
  QUIRE_MAX_DOCUMENT_BYTES: int(DEFAULT_LIMITS.maxDocumentBytes, 1024),
  QUIRE_MAX_CONNECTIONS: int(DEFAULT_LIMITS.maxConnections, 1),
  QUIRE_MAX_CONNECTIONS_PER_IP: int(DEFAULT_LIMITS.maxConnectionsPerIp, 1),
  QUIRE_MAX_HANDSHAKES_PER_IP: int(DEFAULT_LIMITS.maxHandshakesPerIp, 1),
  QUIRE_MAX_MESSAGES_PER_SECOND: int(DEFAULT_LIMITS.maxMessagesPerSecond, 1),
  QUIRE_MAX_BYTES_PER_SECOND: int(DEFAULT_LIMITS.maxBytesPerSecond, 1024),
  QUIRE_MAX_AWARENESS_BYTES: int(DEFAULT_LIMITS.maxAwarenessBytes, 64),
  QUIRE_MAX_AWARENESS_CLIENTS: int(DEFAULT_LIMITS.maxAwarenessClients, 1),
  QUIRE_MAX_PENDING_BYTES: int(DEFAULT_LIMITS.maxPendingBytes, 0),
  QUIRE_MAX_BUFFERED_BYTES: int(DEFAULT_LIMITS.maxBufferedBytes, 1024),
  QUIRE_HANDSHAKE_TIMEOUT_MS: int(DEFAULT_LIMITS.handshakeTimeoutMs, 100),
  // REST limits (issue 12), also in `shared/limits.ts`.
  QUIRE_MAX_REST_WRITES_PER_MINUTE: int(DEFAULT_LIMITS.maxRestWritesPerMinute, 1),
  QUIRE_MAX_NAMED_VERSIONS: int(DEFAULT_LIMITS.maxNamedVersions, 1),
  QUIRE_MAX_NAMED_VERSION_BYTES: int(DEFAULT_LIMITS.maxNamedVersionBytes, 1024),
  /** Token mode with HS256: the shared secret (at least 32 characters). Unset: open mode. */
  QUIRE_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Token mode with a public key (PEM, SPKI; `\n` escapes allowed); RS*, PS*, ES* or EdDSA by key type. */
  QUIRE_AUTH_PUBLIC_KEY: z.string().includes('BEGIN PUBLIC KEY', { message: 'must be a PEM public key' }).optional(),
  /** Token mode with keys from a JWKS URL (fetched and cached; refreshed when a token names an unknown key). */
  QUIRE_AUTH_JWKS_URL: httpUrl.optional(),
  /** Required `iss` claim of tokens, if set. */
  QUIRE_AUTH_ISSUER: z.string().optional(),
  /** Required `aud` claim of tokens, if set. */
  QUIRE_AUTH_AUDIENCE: z.string().optional(),
  /** Comma-separated origins (`https://app.example`) allowed to open WebSockets; unset allows any. */
  QUIRE_ALLOWED_ORIGINS: z
    .string()
    .transform((value, ctx) => parseOrigins(value, ctx))
    .optional(),
  /** Host names (besides loopback names and IP addresses) this server answers to; `*`: any. Guards against DNS rebinding. */
  QUIRE_PUBLIC_HOSTS: z
    .string()
    .transform((value, ctx) => parsePublicHosts(value, ctx))
    .optional(),
  /** Operator credential (32+ characters, sent as `Authorization: Bearer`): lists documents in open mode. */
  QUIRE_ADMIN_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  /** `true` behind a reverse proxy: the client address is the last `X-Forwarded-For` entry. @default false */
  QUIRE_TRUST_PROXY: z.enum(['true', 'false', '1', '0']).default('false'),
  /** Key for read-only view ids (32+ characters); unset: generated once and kept in QUIRE_DATA_DIR. */
  QUIRE_VIEW_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Direct TLS: certificate chain file (PEM); needs QUIRE_TLS_KEY too. */
  QUIRE_TLS_CERT: z.string().optional(),
  /** Direct TLS: private key file (PEM). */
  QUIRE_TLS_KEY: z.string().optional(),
  /** Milliseconds without edits after which a document's changes are kept as an automatic version. @default 300000 */
  QUIRE_VERSION_IDLE_MS: int(300_000, 100),
  /** Automatic versions older than this many days are thinned to one per day (named ones are kept); 0 keeps all. @default 30 */
  QUIRE_VERSION_RETENTION_DAYS: int(30, 0),
  /** Largest Markdown or HTML body accepted by an import (`POST /api/docs`). @default 5 MiB */
  QUIRE_MAX_IMPORT_BYTES: int(5 * 1024 * 1024, 1024),
  // Format conversions (import, export, restore): decision 110.
  /** Worker threads for conversions of any size (one more runs small ones); 0: cores - 1, from 1 to 4. @default 0 */
  QUIRE_FORMAT_WORKERS: int(0, 0).pipe(z.number().max(64)),
  /** Milliseconds one conversion may run before it is stopped. @default 30000 */
  QUIRE_FORMAT_TIMEOUT_MS: int(30_000, 100),
  /** Heap of each conversion worker, in MB; a conversion that needs more fails alone. @default 512 */
  QUIRE_FORMAT_MAX_HEAP_MB: int(512, 16),
  /** Conversions waiting in all; more get 503 with Retry-After. @default 64 */
  QUIRE_FORMAT_QUEUE_TASKS: int(FORMAT_QUEUE_DEFAULTS.maxWaiting, 1),
  /** Input bytes of the waiting conversions; more get 503 with Retry-After. @default 64 MiB */
  QUIRE_FORMAT_QUEUE_BYTES: int(FORMAT_QUEUE_DEFAULTS.maxWaitingBytes, 1024),
  /** Conversions one client (address or token subject) may have waiting or running; more get 429. @default 4 */
  QUIRE_FORMAT_TASKS_PER_CLIENT: int(FORMAT_QUEUE_DEFAULTS.maxPerClient, 1),
  /** Conversions with at most this many input bytes may also run on the small-task worker. @default 128 KiB */
  QUIRE_FORMAT_SMALL_TASK_BYTES: int(FORMAT_QUEUE_DEFAULTS.smallTaskBytes, 0),
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
  storage: 'sqlite' | 'memory' | 'postgres';
  sqliteSync: 'full' | 'normal';
  /** Connection string of the PostgreSQL store (`storage: 'postgres'`). */
  databaseUrl: string | null;
  /** Redis for fan-out between instances; null: in-process only. */
  redisUrl: string | null;
  redisPrefix: string;
  compactAfterUpdates: number;
  heartbeatMs: number;
  unloadDelayMs: number;
  maxMessageBytes: number;
  /** The limits of `shared/limits.ts` (`maxMessageBytes` above is one of them). */
  maxDocumentBytes: number;
  maxConnections: number;
  maxConnectionsPerIp: number;
  maxHandshakesPerIp: number;
  maxMessagesPerSecond: number;
  maxBytesPerSecond: number;
  maxAwarenessBytes: number;
  maxAwarenessClients: number;
  maxPendingBytes: number;
  maxBufferedBytes: number;
  handshakeTimeoutMs: number;
  /** REST writes (POST, PUT, PATCH, DELETE under /api) per client address per minute. */
  maxRestWritesPerMinute: number;
  /** Named versions (and restore backups) per document, by count and by stored bytes. */
  maxNamedVersions: number;
  maxNamedVersionBytes: number;
  /** Token mode when any key source is set; null is open mode. */
  auth: AuthConfig | null;
  /** Origins allowed to open WebSockets; null allows any. */
  allowedOrigins: string[] | null;
  trustProxy: boolean;
  /**
   * Host names requests may name besides loopback names and IP addresses (DNS-rebinding guard); lower
   * case, `*.example.com` for subdomains, `*` for any.
   */
  publicHosts: string[];
  /** Operator credential for listing documents (any mode); null: open mode cannot list. */
  adminToken: string | null;
  /** Key for view ids; null: generated and kept in the data directory (or per process with memory storage). */
  viewSecret: string | null;
  /** Direct TLS with these PEM files; null serves plain HTTP. */
  tls: { certFile: string; keyFile: string } | null;
  versionIdleMs: number;
  versionRetentionDays: number;
  maxImportBytes: number;
  /** Conversion workers for tasks of any size (resolved: never 0). */
  formatWorkers: number;
  formatTimeoutMs: number;
  formatMaxHeapMb: number;
  formatQueueTasks: number;
  formatQueueBytes: number;
  formatTasksPerClient: number;
  formatSmallTaskBytes: number;
  clientDir: string;
  shutdownTimeoutMs: number;
  logLevel: EnvConfig['LOG_LEVEL'];
}

export interface AuthConfig {
  secret?: string;
  publicKey?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
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
  // A database URL selects PostgreSQL over the default (and over a copied `QUIRE_STORAGE=sqlite`).
  const storage = e.QUIRE_DATABASE_URL && e.QUIRE_STORAGE === 'sqlite' ? 'postgres' : e.QUIRE_STORAGE;
  if ((storage === 'postgres') !== Boolean(e.QUIRE_DATABASE_URL)) {
    throw new ConfigError(
      `Invalid configuration:\n  QUIRE_STORAGE=${storage} does not go with ${e.QUIRE_DATABASE_URL ? 'a' : 'no'} QUIRE_DATABASE_URL`,
    );
  }
  const keySources = [e.QUIRE_AUTH_SECRET, e.QUIRE_AUTH_PUBLIC_KEY, e.QUIRE_AUTH_JWKS_URL].filter(Boolean);
  if (keySources.length > 1) {
    throw new ConfigError(
      'Invalid configuration:\n  set only one of QUIRE_AUTH_SECRET, QUIRE_AUTH_PUBLIC_KEY, QUIRE_AUTH_JWKS_URL',
    );
  }
  if (Boolean(e.QUIRE_TLS_CERT) !== Boolean(e.QUIRE_TLS_KEY)) {
    throw new ConfigError('Invalid configuration:\n  QUIRE_TLS_CERT and QUIRE_TLS_KEY go together');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.QUIRE_DATA_DIR,
    storage,
    sqliteSync: e.QUIRE_SQLITE_SYNC,
    databaseUrl: e.QUIRE_DATABASE_URL ?? null,
    redisUrl: e.QUIRE_REDIS_URL ?? null,
    redisPrefix: e.QUIRE_REDIS_PREFIX,
    compactAfterUpdates: e.QUIRE_COMPACT_AFTER_UPDATES,
    heartbeatMs: e.QUIRE_HEARTBEAT_MS,
    unloadDelayMs: e.QUIRE_UNLOAD_DELAY_MS,
    maxMessageBytes: e.QUIRE_MAX_MESSAGE_BYTES,
    maxDocumentBytes: e.QUIRE_MAX_DOCUMENT_BYTES,
    maxConnections: e.QUIRE_MAX_CONNECTIONS,
    maxConnectionsPerIp: e.QUIRE_MAX_CONNECTIONS_PER_IP,
    maxHandshakesPerIp: e.QUIRE_MAX_HANDSHAKES_PER_IP,
    maxMessagesPerSecond: e.QUIRE_MAX_MESSAGES_PER_SECOND,
    maxBytesPerSecond: e.QUIRE_MAX_BYTES_PER_SECOND,
    maxAwarenessBytes: e.QUIRE_MAX_AWARENESS_BYTES,
    maxAwarenessClients: e.QUIRE_MAX_AWARENESS_CLIENTS,
    maxPendingBytes: e.QUIRE_MAX_PENDING_BYTES,
    maxBufferedBytes: e.QUIRE_MAX_BUFFERED_BYTES,
    handshakeTimeoutMs: e.QUIRE_HANDSHAKE_TIMEOUT_MS,
    maxRestWritesPerMinute: e.QUIRE_MAX_REST_WRITES_PER_MINUTE,
    maxNamedVersions: e.QUIRE_MAX_NAMED_VERSIONS,
    maxNamedVersionBytes: e.QUIRE_MAX_NAMED_VERSION_BYTES,
    auth:
      keySources.length === 0
        ? null
        : {
            secret: e.QUIRE_AUTH_SECRET,
            publicKey: e.QUIRE_AUTH_PUBLIC_KEY?.replace(/\\n/g, '\n'),
            jwksUrl: e.QUIRE_AUTH_JWKS_URL,
            issuer: e.QUIRE_AUTH_ISSUER,
            audience: e.QUIRE_AUTH_AUDIENCE,
          },
    allowedOrigins: e.QUIRE_ALLOWED_ORIGINS ?? null,
    trustProxy: e.QUIRE_TRUST_PROXY === 'true' || e.QUIRE_TRUST_PROXY === '1',
    publicHosts: e.QUIRE_PUBLIC_HOSTS ?? [],
    adminToken: e.QUIRE_ADMIN_TOKEN ?? null,
    viewSecret: e.QUIRE_VIEW_SECRET ?? null,
    tls: e.QUIRE_TLS_CERT && e.QUIRE_TLS_KEY ? { certFile: e.QUIRE_TLS_CERT, keyFile: e.QUIRE_TLS_KEY } : null,
    versionIdleMs: e.QUIRE_VERSION_IDLE_MS,
    versionRetentionDays: e.QUIRE_VERSION_RETENTION_DAYS,
    maxImportBytes: e.QUIRE_MAX_IMPORT_BYTES,
    formatWorkers: e.QUIRE_FORMAT_WORKERS || defaultFormatWorkers(),
    formatTimeoutMs: e.QUIRE_FORMAT_TIMEOUT_MS,
    formatMaxHeapMb: e.QUIRE_FORMAT_MAX_HEAP_MB,
    formatQueueTasks: e.QUIRE_FORMAT_QUEUE_TASKS,
    formatQueueBytes: e.QUIRE_FORMAT_QUEUE_BYTES,
    formatTasksPerClient: e.QUIRE_FORMAT_TASKS_PER_CLIENT,
    formatSmallTaskBytes: e.QUIRE_FORMAT_SMALL_TASK_BYTES,
    clientDir: e.QUIRE_CLIENT_DIR,
    shutdownTimeoutMs: e.QUIRE_SHUTDOWN_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
  };
}

/**
 * Conversion workers when not configured: one per core but one (the event loop keeps a core), at
 * least 1 and at most 4 (each may use `QUIRE_FORMAT_MAX_HEAP_MB`).
 */
export const defaultFormatWorkers = (): number => Math.max(1, Math.min(4, availableParallelism() - 1));

/** Defaults for tests and embedding: loadConfig of an empty environment, then overrides. */
export const configWith = (overrides: Partial<Config> = {}): Config => ({ ...loadConfig({}), ...overrides });
