import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { serverNodeArgs } from '../../scripts/build-server.mjs';
import type { WireProtocol } from '../load/frames.js';

/** How to start one target and what it can do. */
export interface TargetSpec {
  name: string;
  /** One line for tables: what it is and how it stores. */
  label: string;
  protocol: WireProtocol;
  /** Answers `?ack=1` with durable acks (Quire). */
  durableAcks: boolean;
  /** Keeps documents across a restart (so the cold-load scenario applies). */
  persistent: boolean;
  /** Lives in `bench/peers` (installed on demand). */
  peer: boolean;
  /** Node arguments and environment, given a port and an empty data directory. */
  launch(port: number, dataDir: string): { args: string[]; env: Record<string, string> };
  /** What the target stored for one document (snapshot and log parts), read from its database file. */
  readStored?(dataDir: string, docId: string): Uint8Array[];
}

/** What `npm start` runs, as it runs it; `npm run build:server` writes the bundle. */
export const QUIRE_ARGS = serverNodeArgs();

const quire = (name: string, label: string, env: Record<string, string>): TargetSpec => ({
  name,
  label,
  protocol: 'yws',
  durableAcks: true,
  persistent: env.QUIRE_STORAGE === 'sqlite',
  peer: false,
  launch: (port, dataDir) => ({
    // The bundle `npm start` runs (built by runBench), not the sources through tsx.
    args: QUIRE_ARGS,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      QUIRE_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      QUIRE_CLIENT_DIR: '',
      // The per-address and per-connection abuse limits would stop a load generator on loopback long
      // before capacity; the peers have none. The checks still run, only their thresholds are lifted.
      QUIRE_MAX_CONNECTIONS: '1000000',
      QUIRE_MAX_CONNECTIONS_PER_IP: '1000000',
      QUIRE_MAX_HANDSHAKES_PER_IP: '1000000',
      QUIRE_MAX_MESSAGES_PER_SECOND: '1000000000',
      QUIRE_MAX_BYTES_PER_SECOND: '1000000000000',
      ...env,
    },
  }),
  readStored: (dataDir, docId) =>
    readSqlite(
      join(dataDir, 'quire.sqlite'),
      `SELECT snapshot AS data, 0 AS seq FROM docs WHERE id = @id AND snapshot IS NOT NULL
       UNION ALL SELECT data, seq FROM updates WHERE doc_id = @id ORDER BY seq`,
      docId,
    ),
});

const hocuspocus = (name: string, label: string, sqlite: boolean): TargetSpec => ({
  name,
  label,
  protocol: 'hocuspocus',
  durableAcks: false,
  persistent: sqlite,
  peer: true,
  launch: (port, dataDir) => ({
    args: ['bench/peers/hocuspocus-server.mjs'],
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      ...(sqlite ? { HOCUSPOCUS_SQLITE: join(dataDir, 'hocuspocus.sqlite') } : {}),
    },
  }),
  readStored: (dataDir, docId) =>
    readSqlite(join(dataDir, 'hocuspocus.sqlite'), 'SELECT data FROM documents WHERE name = @id', docId),
});

/** Every target, in the order tables list them. The relay is the floor every ratio divides by. */
export const TARGETS: readonly TargetSpec[] = [
  {
    name: 'relay',
    label: 'raw `ws` relay (floor: forwards bytes, no document, no storage)',
    protocol: 'relay',
    durableAcks: false,
    persistent: false,
    peer: false,
    launch: (port) => ({
      args: ['--import', 'tsx', 'bench/targets/relay.ts'],
      env: { PORT: String(port), HOST: '127.0.0.1' },
    }),
  },
  quire('quire-sqlite', 'Quire, SQLite, fsync per group commit (default, durable)', {
    QUIRE_STORAGE: 'sqlite',
    QUIRE_SQLITE_SYNC: 'full',
  }),
  quire('quire-sqlite-normal', 'Quire, SQLite `synchronous=NORMAL` (crash-safe, not power-loss-safe)', {
    QUIRE_STORAGE: 'sqlite',
    QUIRE_SQLITE_SYNC: 'normal',
  }),
  quire('quire-memory', 'Quire, in memory', { QUIRE_STORAGE: 'memory' }),
  {
    name: 'y-websocket-server',
    label: '`@y/websocket-server` 0.1.1 (reference server, memory)',
    protocol: 'yws',
    durableAcks: false,
    persistent: false,
    peer: true,
    launch: (port) => ({
      args: ['bench/peers/node_modules/@y/websocket-server/src/server.js'],
      env: { PORT: String(port), HOST: '127.0.0.1' },
    }),
  },
  hocuspocus('hocuspocus', '`@hocuspocus/server` 3.4.4 (memory)', false),
  hocuspocus('hocuspocus-sqlite', '`@hocuspocus/server` 3.4.4 + `extension-sqlite` (debounced, 2 s)', true),
];

export const FLOOR = 'relay';

export function targetByName(name: string): TargetSpec {
  const target = TARGETS.find((t) => t.name === name);
  if (!target) throw new Error(`unknown target "${name}"; known: ${TARGETS.map((t) => t.name).join(', ')}`);
  return target;
}

/** The `data` column of every row the query returns; nothing if the file does not exist yet. */
function readSqlite(file: string, sql: string, id: string): Uint8Array[] {
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(sql).all({ id }) as { data: Buffer }[]).map((row) => row.data);
  } finally {
    db.close();
  }
}
