import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDocId } from '../../../shared/doc-id.js';
import type { DocStore, VersionMeta } from './doc-store.js';

/** An update that inserts `text` at the start of a fresh doc's text 't'. */
function updateOf(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

const textOf = (stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): string => {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
};

export interface DocStoreContractOptions {
  /**
   * The store can be shared by several server instances (PostgreSQL; memory when servers share it in
   * one process), so it must also pass the multi-instance cases. @default false
   */
  sharedByInstances?: boolean;
  /** The store keeps its data across close and reopen (SQLite, PostgreSQL; not memory). @default false */
  durable?: boolean;
}

/**
 * The behaviour every `DocStore` must have. Each backend's test file calls this with a factory that
 * returns a fresh, empty-enough store (ids are unique per test, so a shared database is fine).
 */
export function describeDocStoreContract(
  name: string,
  createStore: () => Promise<DocStore>,
  options: DocStoreContractOptions = {},
): void {
  describe(`DocStore contract: ${name}`, () => {
    let store: DocStore;
    beforeEach(async () => {
      store = await createStore();
    });
    afterEach(async () => {
      await store.close();
    });

    it('knows nothing of a document never written', async () => {
      const id = createDocId();
      expect(await store.load(id)).toBeNull();
      expect(await store.meta(id)).toBeNull();
      expect(await store.delete(id)).toBe(false);
    });

    it('creates an empty document once', async () => {
      const id = createDocId();
      expect(await store.create(id)).toBe(true);
      expect(await store.create(id)).toBe(false);
      expect(await store.load(id)).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
      expect((await store.meta(id))?.size).toBe(0);
    });

    it('appends updates for several documents in one call and loads them in order', async () => {
      const a = createDocId();
      const b = createDocId();
      const a1 = updateOf('a1');
      const seqs = await store.append([
        { docId: a, update: a1 },
        { docId: b, update: updateOf('b1') },
        { docId: a, update: updateOf('a2') },
      ]);
      expect(seqs).toHaveLength(3);
      expect(seqs[0]).toBeLessThan(seqs[1] as number);
      expect(seqs[1]).toBeLessThan(seqs[2] as number);
      const loadedA = await store.load(a);
      expect(loadedA?.updates).toHaveLength(2);
      expect(loadedA?.lastSeq).toBe(seqs[2]);
      expect(Buffer.from(loadedA?.updates[0] as Uint8Array)).toEqual(Buffer.from(a1));
      expect((await store.load(b))?.updates).toHaveLength(1);
    });

    it('tracks size and update time', async () => {
      const id = createDocId();
      const update = updateOf('hello');
      await store.append([{ docId: id, update }]);
      const first = await store.meta(id);
      expect(first?.size).toBe(update.length);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await store.append([{ docId: id, update: updateOf('world') }]);
      const second = await store.meta(id);
      expect(second?.size).toBeGreaterThan(update.length);
      expect(second?.updatedAt.getTime()).toBeGreaterThanOrEqual(first?.updatedAt.getTime() as number);
      expect(second?.createdAt.getTime()).toBe(first?.createdAt.getTime());
    });

    it('compaction replaces the covered log with a snapshot and keeps later updates', async () => {
      const id = createDocId();
      const doc = new Y.Doc();
      // Awaited, not slept on: a networked store takes longer than a local one.
      const appends: Promise<number[]>[] = [];
      doc.on('update', (update: Uint8Array) => appends.push(store.append([{ docId: id, update }])));
      doc.getText('t').insert(0, 'abc');
      doc.getText('t').insert(3, 'def');
      const seqs = (await Promise.all(appends.splice(0))).flat();
      const snapshot = Y.encodeStateAsUpdate(doc);
      await store.compact(id, snapshot, Math.max(...seqs));
      const later = new Y.Doc();
      Y.applyUpdate(later, snapshot);
      later.on('update', (update: Uint8Array) => appends.push(store.append([{ docId: id, update }])));
      later.getText('t').insert(6, 'ghi');
      await Promise.all(appends);
      const loaded = await store.load(id);
      expect(loaded?.snapshot).not.toBeNull();
      expect(loaded?.updates).toHaveLength(1);
      expect(loaded?.lastSeq).toBeGreaterThan(Math.max(...seqs));
      expect(textOf(loaded as NonNullable<typeof loaded>)).toBe('abcdefghi');
    });

    it('sequence numbers keep rising after compaction empties the log', async () => {
      const id = createDocId();
      const [first] = await store.append([{ docId: id, update: updateOf('x') }]);
      await store.compact(id, updateOf('x'), first as number);
      const [second] = await store.append([{ docId: id, update: updateOf('y') }]);
      expect(second).toBeGreaterThan(first as number);
      expect((await store.load(id))?.lastSeq).toBe(second);
    });

    it('lists documents by id, a page at a time', async () => {
      const prefix = `list${Date.now()}${Math.floor(Math.random() * 1e6)}`;
      const ids = [`${prefix}a`, `${prefix}b`, `${prefix}c`];
      for (const id of ids) await store.create(id);
      const seen: string[] = [];
      let after: string | undefined = `${prefix}`;
      for (let i = 0; i < 10 && after !== undefined; i++) {
        const page: Awaited<ReturnType<DocStore['list']>> = await store.list({ limit: 2, after });
        seen.push(...page.docs.map((d) => d.id).filter((id) => id.startsWith(prefix)));
        after = page.next;
        if (page.docs.some((d) => !d.id.startsWith(prefix))) break;
      }
      expect(seen).toEqual(ids);
    });

    it('deletes a document with its log and snapshot', async () => {
      const id = createDocId();
      const [seq] = await store.append([{ docId: id, update: updateOf('gone') }]);
      await store.compact(id, updateOf('gone'), seq as number);
      await store.append([{ docId: id, update: updateOf('more') }]);
      expect(await store.delete(id)).toBe(true);
      expect(await store.load(id)).toBeNull();
      expect(await store.meta(id)).toBeNull();
    });

    it('answers ping while open', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('saves versions and lists them newest first, a page at a time', async () => {
      const id = createDocId();
      const saved: VersionMeta[] = [];
      const datas = [0, 1, 2, 3, 4].map((i) => updateOf(`v${i}`));
      for (const [i, data] of datas.entries()) {
        saved.push(
          await store.saveVersion(id, {
            kind: i === 2 ? 'named' : 'auto',
            name: i === 2 ? 'Sent to review' : null,
            editors: i === 0 ? [] : ['Ada', `Editor ${i}`],
            data,
          }),
        );
      }
      expect(saved.every((v, i) => i === 0 || v.id > (saved[i - 1] as typeof v).id)).toBe(true);
      expect(saved[2]).toMatchObject({
        docId: id,
        kind: 'named',
        name: 'Sent to review',
        editors: ['Ada', 'Editor 2'],
      });
      expect(saved[0]?.size).toBe(datas[0]?.length);
      const seen: number[] = [];
      let before: number | undefined;
      for (let page = 0; page < 5; page++) {
        const result = await store.listVersions(id, { limit: 2, before });
        expect(result.versions.length).toBeLessThanOrEqual(2);
        seen.push(...result.versions.map((v) => v.id));
        before = result.next;
        if (before === undefined) break;
      }
      expect(seen).toEqual(saved.map((v) => v.id).reverse());
      const [newest] = (await store.listVersions(id, { limit: 1 })).versions;
      expect(newest).toEqual(saved[4]);
      expect(newest).not.toHaveProperty('data');
    });

    it('loads a version with its bytes and time; other documents cannot reach it', async () => {
      const id = createDocId();
      const data = updateOf('the text then');
      const createdAt = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
      const saved = await store.saveVersion(id, { kind: 'auto', name: null, editors: ['Grace'], data, createdAt });
      expect(saved.createdAt.getTime()).toBe(createdAt.getTime());
      const loaded = await store.loadVersion(id, saved.id);
      expect(Buffer.from(loaded?.data as Uint8Array)).toEqual(Buffer.from(data));
      expect({ ...loaded, data: undefined }).toEqual({ ...saved, data: undefined });
      expect(await store.loadVersion(createDocId(), saved.id)).toBeNull();
      expect(await store.loadVersion(id, saved.id + 1_000_000)).toBeNull();
      expect((await store.listVersions(createDocId(), { limit: 10 })).versions).toEqual([]);
    });

    it('compaction never removes a version', async () => {
      const id = createDocId();
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (update: Uint8Array) => updates.push(update));
      doc.getText('t').insert(0, 'first draft');
      let seqs = await store.append(updates.splice(0).map((update) => ({ docId: id, update })));
      const version = await store.saveVersion(id, {
        kind: 'auto',
        name: null,
        editors: ['Ada'],
        data: Y.encodeStateAsUpdate(doc),
      });
      doc.getText('t').delete(0, 5);
      doc.getText('t').insert(0, 'second');
      seqs = await store.append(updates.splice(0).map((update) => ({ docId: id, update })));
      await store.compact(id, Y.encodeStateAsUpdate(doc), Math.max(...seqs));
      await store.compact(id, Y.encodeStateAsUpdate(doc), Math.max(...seqs));
      const loaded = await store.loadVersion(id, version.id);
      expect(textOf({ snapshot: loaded?.data ?? null, updates: [] })).toBe('first draft');
      expect((await store.listVersions(id, { limit: 10 })).versions.map((v) => v.id)).toEqual([version.id]);
    });

    it('deletes chosen versions, and every version with the document', async () => {
      const id = createDocId();
      const versions: VersionMeta[] = [];
      for (const name of ['a', 'b', 'c']) {
        versions.push(await store.saveVersion(id, { kind: 'named', name, editors: [], data: updateOf(name) }));
      }
      const [a, b, c] = versions as [VersionMeta, VersionMeta, VersionMeta];
      expect(await store.deleteVersions(id, [a.id, c.id, c.id + 1_000_000])).toBe(2);
      expect(await store.deleteVersions(createDocId(), [b.id])).toBe(0);
      expect(await store.deleteVersions(id, [])).toBe(0);
      expect((await store.listVersions(id, { limit: 10 })).versions.map((v) => v.name)).toEqual(['b']);
      await store.append([{ docId: id, update: updateOf('doc') }]);
      expect(await store.delete(id)).toBe(true);
      expect(await store.loadVersion(id, b.id)).toBeNull();
      expect((await store.listVersions(id, { limit: 10 })).versions).toEqual([]);
    });

    if (options.durable) {
      it('versions survive close and reopen', async () => {
        const id = createDocId();
        const data = updateOf('kept across restarts');
        const saved = await store.saveVersion(id, { kind: 'named', name: 'Before restart', editors: ['Ada'], data });
        await store.close();
        store = await createStore();
        const loaded = await store.loadVersion(id, saved.id);
        expect(loaded).toMatchObject({ id: saved.id, kind: 'named', name: 'Before restart', editors: ['Ada'] });
        expect(Buffer.from(loaded?.data as Uint8Array)).toEqual(Buffer.from(data));
        // Ids keep rising after a reopen.
        const next = await store.saveVersion(id, { kind: 'auto', name: null, editors: [], data });
        expect(next.id).toBeGreaterThan(saved.id);
      });
    }

    if (options.sharedByInstances) {
      it("compaction keeps a stored update that the caller's snapshot lacks", async () => {
        const id = createDocId();
        // Two instances: each has applied only its own update when the first one compacts.
        const mine = new Y.Doc();
        mine.getText('t').insert(0, 'mine ');
        const theirs = new Y.Doc();
        theirs.getText('t').insert(0, 'theirs ');
        await store.append([{ docId: id, update: Y.encodeStateAsUpdate(mine) }]);
        const [theirSeq] = await store.append([{ docId: id, update: Y.encodeStateAsUpdate(theirs) }]);
        await store.compact(id, Y.encodeStateAsUpdate(mine), theirSeq as number);
        const loaded = await store.load(id);
        expect(loaded?.updates).toHaveLength(0);
        const merged = textOf(loaded as NonNullable<typeof loaded>);
        expect(merged).toContain('mine ');
        expect(merged).toContain('theirs ');
        expect(loaded?.lastSeq).toBe(theirSeq);
      });
    }
  });
}
