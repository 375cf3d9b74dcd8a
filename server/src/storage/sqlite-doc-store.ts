import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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

export interface SqliteDocStoreOptions {
  /** Directory of `quire.sqlite`; created if missing. `:memory:` keeps the database in memory. */
  dataDir: string;
  /** `full` fsyncs every commit (power-loss safe); `normal` is safe against process crashes. @default full */
  synchronous?: 'full' | 'normal';
}

const SCHEMA_VERSION = 2;

const MIGRATIONS: Record<number, string> = {
  1: `
    CREATE TABLE docs (
      id TEXT PRIMARY KEY,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      snapshot BLOB,
      snapshot_seq INTEGER NOT NULL DEFAULT 0,
      size INTEGER NOT NULL DEFAULT 0
    );
    -- AUTOINCREMENT keeps sequence numbers rising even after compaction empties the log.
    CREATE TABLE updates (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      doc_id TEXT NOT NULL,
      data BLOB NOT NULL
    );
    CREATE INDEX updates_by_doc ON updates (doc_id, seq);
  `,
  // Versions apart from the log and snapshot, so compaction cannot remove one.
  2: `
    CREATE TABLE versions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      doc_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('auto', 'named')),
      name TEXT,
      editors TEXT NOT NULL DEFAULT '[]',
      data BLOB NOT NULL
    );
    CREATE INDEX versions_by_doc ON versions (doc_id, id);
  `,
};

interface VersionRow {
  id: number;
  doc_id: string;
  created_at: number;
  kind: VersionKind;
  name: string | null;
  editors: string;
  size: number;
}

const toVersionMeta = (row: VersionRow): VersionMeta => ({
  id: row.id,
  docId: row.doc_id,
  kind: row.kind,
  name: row.name,
  editors: JSON.parse(row.editors) as string[],
  createdAt: new Date(row.created_at),
  size: row.size,
});

const VERSION_COLUMNS = 'id, doc_id, created_at, kind, name, editors, length(data) AS size';

interface DocRow {
  id: string;
  size: number;
  created_at: number;
  updated_at: number;
}

const toMeta = (row: DocRow): DocMeta => ({
  id: row.id,
  size: row.size,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

/** The default store: one SQLite file in WAL mode, written synchronously in group-committed transactions. */
export class SqliteDocStore implements DocStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(options: SqliteDocStoreOptions) {
    const file = options.dataDir === ':memory:' ? ':memory:' : join(options.dataDir, 'quire.sqlite');
    if (file !== ':memory:') mkdirSync(options.dataDir, { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    const db = this.db;
    this.statements = {
      create: db.prepare('INSERT OR IGNORE INTO docs (id, created_at, updated_at) VALUES (?, ?, ?)'),
      touch: db.prepare(
        `INSERT INTO docs (id, created_at, updated_at, size) VALUES (@id, @now, @now, @bytes)
         ON CONFLICT (id) DO UPDATE SET updated_at = @now, size = size + @bytes`,
      ),
      insertUpdate: db.prepare('INSERT INTO updates (doc_id, data) VALUES (?, ?)'),
      snapshot: db.prepare('SELECT snapshot, snapshot_seq FROM docs WHERE id = ?'),
      updates: db.prepare('SELECT seq, data FROM updates WHERE doc_id = ? ORDER BY seq'),
      compactDoc: db.prepare(
        `UPDATE docs SET snapshot = @snapshot, snapshot_seq = @seq,
           size = length(@snapshot) + coalesce((SELECT sum(length(data)) FROM updates WHERE doc_id = @id AND seq > @seq), 0)
         WHERE id = @id`,
      ),
      trimLog: db.prepare('DELETE FROM updates WHERE doc_id = ? AND seq <= ?'),
      meta: db.prepare('SELECT id, size, created_at, updated_at FROM docs WHERE id = ?'),
      list: db.prepare('SELECT id, size, created_at, updated_at FROM docs WHERE id > ? ORDER BY id LIMIT ?'),
      deleteDoc: db.prepare('DELETE FROM docs WHERE id = ?'),
      deleteUpdates: db.prepare('DELETE FROM updates WHERE doc_id = ?'),
      insertVersion: db.prepare(
        'INSERT INTO versions (doc_id, created_at, kind, name, editors, data) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      listVersions: db.prepare(
        `SELECT ${VERSION_COLUMNS} FROM versions WHERE doc_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
      ),
      loadVersion: db.prepare(`SELECT ${VERSION_COLUMNS}, data FROM versions WHERE doc_id = ? AND id = ?`),
      deleteVersion: db.prepare('DELETE FROM versions WHERE doc_id = ? AND id = ?'),
      deleteAllVersions: db.prepare('DELETE FROM versions WHERE doc_id = ?'),
      ping: db.prepare('SELECT 1'),
    };
  }

  private migrate(): void {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    for (let version = current + 1; version <= SCHEMA_VERSION; version++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[version] ?? '');
        this.db.pragma(`user_version = ${version}`);
      })();
    }
  }

  async create(docId: string): Promise<boolean> {
    const now = Date.now();
    return this.statements.create.run(docId, now, now).changes === 1;
  }

  async load(docId: string): Promise<StoredDoc | null> {
    const row = this.statements.snapshot.get(docId) as { snapshot: Buffer | null; snapshot_seq: number } | undefined;
    if (!row) return null;
    const rows = this.statements.updates.all(docId) as { seq: number; data: Buffer }[];
    const lastSeq = rows.length > 0 ? (rows[rows.length - 1]?.seq ?? 0) : row.snapshot_seq;
    return { snapshot: row.snapshot, updates: rows.map((r) => r.data), lastSeq };
  }

  private readonly appendAll = (items: readonly AppendItem[]): number[] => {
    const now = Date.now();
    const bytesByDoc = new Map<string, number>();
    const seqs = items.map(({ docId, update }) => {
      bytesByDoc.set(docId, (bytesByDoc.get(docId) ?? 0) + update.length);
      return Number(this.statements.insertUpdate.run(docId, update).lastInsertRowid);
    });
    for (const [id, bytes] of bytesByDoc) this.statements.touch.run({ id, now, bytes });
    return seqs;
  };

  async append(items: readonly AppendItem[]): Promise<number[]> {
    if (items.length === 0) return [];
    return this.db.transaction(this.appendAll)(items);
  }

  async compact(docId: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    this.db.transaction(() => {
      this.statements.trimLog.run(docId, upToSeq);
      this.statements.compactDoc.run({ id: docId, snapshot, seq: upToSeq });
    })();
  }

  async meta(docId: string): Promise<DocMeta | null> {
    const row = this.statements.meta.get(docId) as DocRow | undefined;
    return row ? toMeta(row) : null;
  }

  async list({ limit, after = '' }: { limit: number; after?: string }): Promise<DocPage> {
    const rows = this.statements.list.all(after, limit + 1) as DocRow[];
    const docs = rows.slice(0, limit).map(toMeta);
    const last = docs[docs.length - 1];
    return rows.length > limit && last ? { docs, next: last.id } : { docs };
  }

  async delete(docId: string): Promise<boolean> {
    return this.db.transaction(() => {
      this.statements.deleteUpdates.run(docId);
      this.statements.deleteAllVersions.run(docId);
      return this.statements.deleteDoc.run(docId).changes === 1;
    })();
  }

  async saveVersion(docId: string, version: NewVersion): Promise<VersionMeta> {
    const createdAt = version.createdAt ?? new Date();
    const editors = JSON.stringify(version.editors);
    const { lastInsertRowid } = this.statements.insertVersion.run(
      docId,
      createdAt.getTime(),
      version.kind,
      version.name,
      editors,
      version.data,
    );
    return toVersionMeta({
      id: Number(lastInsertRowid),
      doc_id: docId,
      created_at: createdAt.getTime(),
      kind: version.kind,
      name: version.name,
      editors,
      size: version.data.length,
    });
  }

  async listVersions(docId: string, { limit, before }: { limit: number; before?: number }): Promise<VersionPage> {
    const rows = this.statements.listVersions.all(docId, before ?? Number.MAX_SAFE_INTEGER, limit + 1) as VersionRow[];
    const versions = rows.slice(0, limit).map(toVersionMeta);
    const last = versions[versions.length - 1];
    return rows.length > limit && last ? { versions, next: last.id } : { versions };
  }

  async loadVersion(docId: string, versionId: number): Promise<StoredVersion | null> {
    const row = this.statements.loadVersion.get(docId, versionId) as (VersionRow & { data: Buffer }) | undefined;
    return row ? { ...toVersionMeta(row), data: row.data } : null;
  }

  async deleteVersions(docId: string, versionIds: readonly number[]): Promise<number> {
    if (versionIds.length === 0) return 0;
    return this.db.transaction(() => {
      let removed = 0;
      for (const id of versionIds) removed += this.statements.deleteVersion.run(docId, id).changes;
      return removed;
    })();
  }

  async ping(): Promise<void> {
    this.statements.ping.get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
