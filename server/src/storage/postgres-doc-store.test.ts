import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDocId } from '../../../shared/doc-id.js';
import { describeDocStoreContract } from './doc-store.contract.js';
import { PostgresDocStore } from './postgres-doc-store.js';
import { migratePostgres, POSTGRES_MIGRATIONS } from './postgres-schema.js';

const url = process.env.QUIRE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema of its own per test run, dropped at the end: other runs on the same database are not touched. */
const schema = `quire_test_${process.pid}_${Date.now().toString(36)}`;
const admin = new pg.Pool({ connectionString: url, max: 2 });
afterAll(async () => {
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

describeDocStoreContract('postgres', async () => new PostgresDocStore({ connectionString: url, schema }), {
  sharedByInstances: true,
  durable: true,
});

const opened: PostgresDocStore[] = [];
const open = (overrides: { schema?: string } = {}): PostgresDocStore => {
  const store = new PostgresDocStore({ connectionString: url, schema, maxConnections: 4, ...overrides });
  opened.push(store);
  return store;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

const textOf = (stored: { snapshot: Uint8Array | null; updates: Uint8Array[] } | null): string => {
  const doc = new Y.Doc();
  if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
};

describe('PostgresDocStore', () => {
  it('migrates a fresh schema once even when three instances start at the same moment', async () => {
    const fresh = `${schema}_m`;
    try {
      const stores = [open({ schema: fresh }), open({ schema: fresh }), open({ schema: fresh })];
      await Promise.all(stores.map((store) => store.ping()));
      const { rows } = await admin.query(`SELECT version FROM "${fresh}".quire_migrations ORDER BY version`);
      expect(rows.map((row) => row.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
      // Idempotent: running it again applies nothing.
      expect(await migratePostgres(admin, fresh)).toEqual([]);
      const id = createDocId();
      await stores[0]?.append([{ docId: id, update: new Uint8Array([0, 0]) }]);
      expect((await stores[2]?.load(id))?.updates).toHaveLength(1);
    } finally {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      await admin.query(`DROP SCHEMA IF EXISTS "${fresh}" CASCADE`);
    }
  });

  it('a group commit is all or nothing', async () => {
    const store = open();
    const good = createDocId();
    // PostgreSQL text cannot hold NUL: the second row fails, so the first must not be stored either.
    await expect(
      store.append([
        { docId: good, update: new Uint8Array([0, 0]) },
        { docId: 'bad\u0000id', update: new Uint8Array([0, 0]) },
      ]),
    ).rejects.toThrow();
    expect(await store.load(good)).toBeNull();
  });

  it('a batch larger than one statement keeps its order and returns rising sequence numbers', async () => {
    const store = open();
    const id = createDocId();
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < 2500; i++) doc.getText('t').insert(i, String(i % 10));
    const seqs = await store.append(updates.map((update) => ({ docId: id, update })));
    expect(seqs).toHaveLength(2500);
    expect(seqs.every((seq, i) => i === 0 || seq > (seqs[i - 1] as number))).toBe(true);
    const loaded = await store.load(id);
    expect(textOf(loaded)).toBe(doc.getText('t').toString());
    expect((await store.meta(id))?.size).toBe(updates.reduce((sum, u) => sum + u.length, 0));
  });

  it('a log row that commits after a compaction covering its number is kept', async () => {
    const store = open();
    const id = createDocId();
    const late = new Y.Doc();
    late.getText('t').insert(0, 'late ');
    const early = new Y.Doc();
    early.getText('t').insert(0, 'early ');
    const client = await admin.connect();
    try {
      // Another instance's transaction takes a sequence number and has not committed yet.
      await client.query('BEGIN');
      await client.query(`INSERT INTO "${schema}".quire_updates (doc_id, data) VALUES ($1, $2)`, [
        id,
        Y.encodeStateAsUpdate(late),
      ]);
      const [seq] = await store.append([{ docId: id, update: Y.encodeStateAsUpdate(early) }]);
      await store.compact(id, Y.encodeStateAsUpdate(early), seq as number);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const loaded = await store.load(id);
    expect(textOf(loaded)).toContain('late ');
    expect(textOf(loaded)).toContain('early ');
  });

  it('two instances appending and compacting the same document at once lose nothing', async () => {
    const id = createDocId();
    const instances = [open(), open()].map((store, n) => ({ store, doc: new Y.Doc(), n, lastSeq: 0 }));
    const typed: string[] = [];
    const rounds = 40;
    await Promise.all(
      instances.map(async (instance) => {
        for (let round = 0; round < rounds; round++) {
          // Each instance's memory holds only its own edits: the other's never reach it.
          const before = Y.encodeStateVector(instance.doc);
          const token = `[${instance.n}:${round}]`;
          instance.doc.getText('t').insert(0, token);
          typed.push(token);
          const [seq] = await instance.store.append([
            { docId: id, update: Y.encodeStateAsUpdate(instance.doc, before) },
          ]);
          instance.lastSeq = Math.max(instance.lastSeq, seq as number);
          if (round % 3 === instance.n) {
            await instance.store.compact(id, Y.encodeStateAsUpdate(instance.doc), instance.lastSeq);
          }
        }
        await instance.store.compact(id, Y.encodeStateAsUpdate(instance.doc), instance.lastSeq);
      }),
    );
    const loaded = await instances[0]?.store.load(id);
    const content = textOf(loaded ?? null);
    const missing = typed.filter((token) => !content.includes(token));
    expect(missing).toEqual([]);
    expect(typed).toHaveLength(rounds * 2);
    expect(loaded?.updates.length).toBeLessThan(rounds);
  });
});
