import { createRequire } from 'node:module';
import type pg from 'pg';
import type {
  AppendItem,
  DocMeta,
  DocPage,
  DocStore,
  NewVersion,
  StoredDoc,
  StoredVersion,
  VersionKind,
  VersionMeta,
  VersionPage,
} from './doc-store.js';
import { mergeIntoSnapshot } from './merge-snapshot.js';
import { isSchemaName, migratePostgres, quoteSchema } from './postgres-schema.js';

export interface PostgresDocStoreOptions {
  /** `postgres://user:password@host:port/database` */
  connectionString: string;
  /** Schema holding Quire's tables; created if missing. @default public */
  schema?: string;
  /** Most connections this store opens. @default 10 */
  maxConnections?: number;
}

/** Loaded on first use: a server on SQLite does not pay for the client library at start. */
const loadPg = (): typeof pg => createRequire(import.meta.url)('pg');

/** Rows per INSERT statement: PostgreSQL takes at most 65535 parameters, two per row here. */
const ROWS_PER_STATEMENT = 1000;
/** Deadlocks are retried (a batch is one statement, so a retry is the whole batch or nothing). */
const DEADLOCK_RETRIES = 3;
const DEADLOCK = '40P01';

interface DocRow {
  id: string;
  size: string;
  created_at: Date;
  updated_at: Date;
}

const toMeta = (row: DocRow): DocMeta => ({
  id: row.id,
  size: Number(row.size),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

interface VersionRow {
  id: string;
  doc_id: string;
  created_at: Date;
  kind: VersionKind;
  name: string | null;
  editors: string[];
  size: number;
}

const toVersionMeta = (row: VersionRow): VersionMeta => ({
  id: Number(row.id),
  docId: row.doc_id,
  kind: row.kind,
  name: row.name,
  editors: row.editors,
  createdAt: row.created_at,
  size: Number(row.size),
});

const VERSION_COLUMNS = 'id, doc_id, created_at, kind, name, editors, octet_length(data) AS size';

/**
 * Documents in PostgreSQL, for several Quire instances sharing one database. Every instance may
 * append to and compact the same document at once:
 * - `append` is one statement (a multi-row INSERT … RETURNING plus the metadata upsert), so a
 *   group commit costs one round trip and is all or nothing;
 * - `compact` builds the snapshot from what is *stored* (old snapshot + log rows up to `upToSeq`,
 *   plus the caller's snapshot) and deletes exactly the rows it merged, so an instance whose memory
 *   lacks another instance's updates cannot drop them. See docs/decisions/030.
 */
export class PostgresDocStore implements DocStore {
  private readonly pool: pg.Pool;
  private readonly s: string;
  private readonly schema: string;
  /** Migration on start; every call waits for it, so construction stays synchronous. */
  private readonly ready: Promise<void>;
  private closing: Promise<void> | null = null;

  constructor(options: PostgresDocStoreOptions) {
    this.schema = options.schema ?? 'public';
    if (!isSchemaName(this.schema)) throw new Error(`invalid PostgreSQL schema name: ${this.schema}`);
    this.s = quoteSchema(this.schema);
    this.pool = new (loadPg().Pool)({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: 5000,
    });
    // An idle connection that dies (server restart) is reported here; without a listener it would crash the process.
    this.pool.on('error', () => {});
    this.ready = migratePostgres(this.pool, this.schema).then(() => undefined);
    // Callers see the failure through their own call; this keeps it from being unhandled meanwhile.
    this.ready.catch(() => {});
  }

  async create(docId: string): Promise<boolean> {
    await this.ready;
    const result = await this.pool.query(`INSERT INTO ${this.s}.quire_docs (id) VALUES ($1) ON CONFLICT DO NOTHING`, [
      docId,
    ]);
    return result.rowCount === 1;
  }

  /** One statement, so it sees one consistent state even while another instance compacts. */
  async load(docId: string): Promise<StoredDoc | null> {
    await this.ready;
    const { rows } = await this.pool.query<{ part: number; seq: string; data: Buffer | null }>(
      `SELECT 0 AS part, snapshot_seq AS seq, snapshot AS data FROM ${this.s}.quire_docs WHERE id = $1
       UNION ALL
       SELECT 1 AS part, seq, data FROM ${this.s}.quire_updates WHERE doc_id = $1
       ORDER BY part, seq`,
      [docId],
    );
    const head = rows[0];
    if (head?.part !== 0) return null;
    let lastSeq = Number(head.seq);
    const updates: Uint8Array[] = [];
    for (let i = 1; i < rows.length; i++) {
      const row = rows[i] as (typeof rows)[number];
      updates.push(row.data as Buffer);
      // A row can commit after a compaction that covered higher numbers; it is still part of the document.
      lastSeq = Math.max(lastSeq, Number(row.seq));
    }
    return { snapshot: head.data, updates, lastSeq };
  }

  async append(items: readonly AppendItem[]): Promise<number[]> {
    if (items.length === 0) return [];
    await this.ready;
    for (let attempt = 1; ; attempt++) {
      try {
        if (items.length <= ROWS_PER_STATEMENT) return await this.appendStatement(this.pool, items);
        return await this.transaction(async (client) => {
          const seqs: number[] = [];
          for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) {
            seqs.push(...(await this.appendStatement(client, items.slice(i, i + ROWS_PER_STATEMENT))));
          }
          return seqs;
        });
      } catch (error) {
        if (attempt > DEADLOCK_RETRIES || (error as { code?: string }).code !== DEADLOCK) throw error;
      }
    }
  }

  /**
   * Inserts the rows and bumps each document's size and update time in one statement. Metadata rows
   * are locked in id order, so two instances appending to the same documents cannot deadlock.
   */
  private async appendStatement(db: pg.Pool | pg.PoolClient, items: readonly AppendItem[]): Promise<number[]> {
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (const { docId, update } of items) {
      values.push(docId, update);
      tuples.push(`($${values.length - 1}, $${values.length})`);
    }
    const { rows } = await db.query<{ seq: string }>(
      `WITH ins AS (
         INSERT INTO ${this.s}.quire_updates (doc_id, data) VALUES ${tuples.join(', ')}
         RETURNING seq, doc_id, octet_length(data) AS bytes
       ), touched AS (
         INSERT INTO ${this.s}.quire_docs AS d (id, size)
         SELECT doc_id, sum(bytes) FROM ins GROUP BY doc_id ORDER BY doc_id
         ON CONFLICT (id) DO UPDATE SET updated_at = now(), size = d.size + excluded.size
       )
       SELECT seq FROM ins ORDER BY seq`,
      values,
    );
    // Identity values are drawn in VALUES order, so the ascending seqs map onto the items in order.
    return rows.map((row) => Number(row.seq));
  }

  async compact(docId: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    await this.ready;
    await this.transaction(async (client) => {
      // Serializes compactions of one document across instances; appends do not take this lock.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`quire:compact:${this.schema}:${docId}`]);
      const head = await client.query<{ snapshot: Buffer | null }>(
        `SELECT snapshot FROM ${this.s}.quire_docs WHERE id = $1`,
        [docId],
      );
      const current = head.rows[0];
      if (!current) return;
      const { rows } = await client.query<{ seq: string; data: Buffer }>(
        `SELECT seq, data FROM ${this.s}.quire_updates WHERE doc_id = $1 AND seq <= $2 ORDER BY seq`,
        [docId, upToSeq],
      );
      const merged = mergeIntoSnapshot([current.snapshot, ...rows.map((row) => row.data), snapshot]);
      const removedBytes = rows.reduce((sum, row) => sum + row.data.length, 0);
      const delta = merged.length - (current.snapshot?.length ?? 0) - removedBytes;
      await client.query(
        `UPDATE ${this.s}.quire_docs
           SET snapshot = $2, snapshot_seq = greatest(snapshot_seq, $3), size = size + $4
         WHERE id = $1`,
        [docId, merged, upToSeq, delta],
      );
      // Exactly the rows merged above: a row that commits late with a lower number is kept, not lost.
      await client.query(`DELETE FROM ${this.s}.quire_updates WHERE doc_id = $1 AND seq = ANY($2::bigint[])`, [
        docId,
        rows.map((row) => row.seq),
      ]);
    });
  }

  async meta(docId: string): Promise<DocMeta | null> {
    await this.ready;
    const { rows } = await this.pool.query<DocRow>(
      `SELECT id, size, created_at, updated_at FROM ${this.s}.quire_docs WHERE id = $1`,
      [docId],
    );
    return rows[0] ? toMeta(rows[0]) : null;
  }

  async list({ limit, after = '' }: { limit: number; after?: string }): Promise<DocPage> {
    await this.ready;
    const { rows } = await this.pool.query<DocRow>(
      `SELECT id, size, created_at, updated_at FROM ${this.s}.quire_docs WHERE id > $1 ORDER BY id LIMIT $2`,
      [after, limit + 1],
    );
    const docs = rows.slice(0, limit).map(toMeta);
    const last = docs[docs.length - 1];
    return rows.length > limit && last ? { docs, next: last.id } : { docs };
  }

  async delete(docId: string): Promise<boolean> {
    await this.ready;
    const { rows } = await this.pool.query<{ deleted: string }>(
      `WITH gone AS (DELETE FROM ${this.s}.quire_docs WHERE id = $1 RETURNING 1),
            log AS (DELETE FROM ${this.s}.quire_updates WHERE doc_id = $1),
            versions AS (DELETE FROM ${this.s}.quire_versions WHERE doc_id = $1)
       SELECT count(*) AS deleted FROM gone`,
      [docId],
    );
    return Number(rows[0]?.deleted) === 1;
  }

  async saveVersion(docId: string, version: NewVersion): Promise<VersionMeta> {
    await this.ready;
    const { rows } = await this.pool.query<VersionRow>(
      `INSERT INTO ${this.s}.quire_versions (doc_id, created_at, kind, name, editors, data)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6)
       RETURNING ${VERSION_COLUMNS}`,
      [
        docId,
        version.createdAt ?? new Date(),
        version.kind,
        version.name,
        JSON.stringify(version.editors),
        version.data,
      ],
    );
    return toVersionMeta(rows[0] as VersionRow);
  }

  async listVersions(docId: string, { limit, before }: { limit: number; before?: number }): Promise<VersionPage> {
    await this.ready;
    const { rows } = await this.pool.query<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM ${this.s}.quire_versions
       WHERE doc_id = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
      [docId, before ?? null, limit + 1],
    );
    const versions = rows.slice(0, limit).map(toVersionMeta);
    const last = versions[versions.length - 1];
    return rows.length > limit && last ? { versions, next: last.id } : { versions };
  }

  async loadVersion(docId: string, versionId: number): Promise<StoredVersion | null> {
    await this.ready;
    const { rows } = await this.pool.query<VersionRow & { data: Buffer }>(
      `SELECT ${VERSION_COLUMNS}, data FROM ${this.s}.quire_versions WHERE doc_id = $1 AND id = $2`,
      [docId, versionId],
    );
    const row = rows[0];
    return row ? { ...toVersionMeta(row), data: row.data } : null;
  }

  async deleteVersions(docId: string, versionIds: readonly number[]): Promise<number> {
    if (versionIds.length === 0) return 0;
    await this.ready;
    const result = await this.pool.query(
      `DELETE FROM ${this.s}.quire_versions WHERE doc_id = $1 AND id = ANY($2::bigint[])`,
      [docId, versionIds],
    );
    return result.rowCount ?? 0;
  }

  async ping(): Promise<void> {
    await this.ready;
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closing = this.ready.catch(() => undefined).then(() => this.pool.end());
    return this.closing;
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        // A broken connection rolls back by itself; report the original error.
      });
      throw error;
    } finally {
      client.release();
    }
  }
}
