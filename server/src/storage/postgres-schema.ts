import type pg from 'pg';

/**
 * The PostgreSQL schema as numbered migrations. A migration runs once, in order, inside the
 * transaction that records it in `quire_migrations`; never edit one that shipped, add the next.
 * `{s}` is replaced by the quoted schema name.
 */
export const POSTGRES_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'docs and update log',
    sql: `
      CREATE TABLE {s}.quire_docs (
        -- "C" collation: ids sort by bytes, as in SQLite and in JavaScript, so list cursors agree.
        id text COLLATE "C" PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        snapshot bytea,
        snapshot_seq bigint NOT NULL DEFAULT 0,
        size bigint NOT NULL DEFAULT 0
      );
      -- An identity never reuses a value, so sequence numbers keep rising after compaction empties the log.
      CREATE TABLE {s}.quire_updates (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        doc_id text COLLATE "C" NOT NULL,
        data bytea NOT NULL
      );
      CREATE INDEX quire_updates_by_doc ON {s}.quire_updates (doc_id, seq);
    `,
  },
  {
    version: 2,
    name: 'versions',
    sql: `
      -- Apart from the log and snapshot, so compaction cannot remove a version.
      CREATE TABLE {s}.quire_versions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        doc_id text COLLATE "C" NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        kind text NOT NULL CHECK (kind IN ('auto', 'named')),
        name text,
        editors jsonb NOT NULL DEFAULT '[]',
        data bytea NOT NULL
      );
      CREATE INDEX quire_versions_by_doc ON {s}.quire_versions (doc_id, id);
    `,
  },
];

/** Quotes a schema name that `isSchemaName` accepted. */
export const quoteSchema = (schema: string): string => `"${schema}"`;

export const isSchemaName = (schema: string): boolean => /^[a-z_][a-z0-9_]{0,62}$/.test(schema);

/**
 * Brings the schema up to date. Safe when several instances start at once: the whole run holds a
 * transaction-scoped advisory lock, so the second instance waits, then finds nothing left to do.
 * Returns the versions it applied.
 */
export async function migratePostgres(pool: pg.Pool, schema: string): Promise<number[]> {
  const s = quoteSchema(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`quire:migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.quire_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${s}.quire_migrations`);
    const done = new Set(rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of POSTGRES_MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql.replaceAll('{s}', s));
      await client.query(`INSERT INTO ${s}.quire_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      // The connection may be gone; the original error is the one worth reporting.
    });
    throw error;
  } finally {
    client.release();
  }
}
