import type {
  AppendItem,
  DocMeta,
  DocPage,
  DocStore,
  NewVersion,
  StoredDoc,
  StoredVersion,
  VersionMeta,
  VersionPage,
} from './doc-store.js';
import { mergeIntoSnapshot } from './merge-snapshot.js';

interface MemoryDoc {
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  log: { seq: number; update: Uint8Array }[];
  createdAt: Date;
  updatedAt: Date;
}

const sizeOf = (doc: MemoryDoc): number =>
  (doc.snapshot?.length ?? 0) + doc.log.reduce((sum, entry) => sum + entry.update.length, 0);

const withoutData = ({ data: _data, ...meta }: StoredVersion): VersionMeta => ({ ...meta, editors: [...meta.editors] });

/** Keeps everything in process memory: for tests and throwaway servers (`QUIRE_STORAGE=memory`). */
export class MemoryDocStore implements DocStore {
  private readonly docs = new Map<string, MemoryDoc>();
  private seq = 0;
  /** Versions per document, oldest first; apart from `docs` so compaction cannot reach them. */
  private readonly versions = new Map<string, StoredVersion[]>();
  private versionSeq = 0;

  private ensure(docId: string): MemoryDoc {
    let doc = this.docs.get(docId);
    if (!doc) {
      const now = new Date();
      doc = { snapshot: null, snapshotSeq: 0, log: [], createdAt: now, updatedAt: now };
      this.docs.set(docId, doc);
    }
    return doc;
  }

  async create(docId: string): Promise<boolean> {
    if (this.docs.has(docId)) return false;
    this.ensure(docId);
    return true;
  }

  async load(docId: string): Promise<StoredDoc | null> {
    const doc = this.docs.get(docId);
    if (!doc) return null;
    const last = doc.log[doc.log.length - 1];
    return {
      snapshot: doc.snapshot,
      updates: doc.log.map((entry) => entry.update),
      lastSeq: last ? last.seq : doc.snapshotSeq,
    };
  }

  async append(items: readonly AppendItem[]): Promise<number[]> {
    const now = new Date();
    return items.map(({ docId, update }) => {
      const doc = this.ensure(docId);
      const seq = ++this.seq;
      // Copy: the caller's bytes may be a view into a reused network buffer.
      doc.log.push({ seq, update: update.slice() });
      doc.updatedAt = now;
      return seq;
    });
  }

  /** Merges what it holds with `snapshot`: servers sharing one store in a process may compact with stale copies. */
  async compact(docId: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    const doc = this.docs.get(docId);
    if (!doc) return;
    const covered = doc.log.filter((entry) => entry.seq <= upToSeq).map((entry) => entry.update);
    doc.snapshot = mergeIntoSnapshot([doc.snapshot, ...covered, snapshot]);
    doc.snapshotSeq = Math.max(doc.snapshotSeq, upToSeq);
    doc.log = doc.log.filter((entry) => entry.seq > upToSeq);
  }

  async meta(docId: string): Promise<DocMeta | null> {
    const doc = this.docs.get(docId);
    return doc ? { id: docId, size: sizeOf(doc), createdAt: doc.createdAt, updatedAt: doc.updatedAt } : null;
  }

  async list({ limit, after = '' }: { limit: number; after?: string }): Promise<DocPage> {
    const ids = [...this.docs.keys()].filter((id) => id > after).sort();
    const page = ids.slice(0, limit);
    const docs = (await Promise.all(page.map((id) => this.meta(id)))).filter((m): m is DocMeta => m !== null);
    const last = page[page.length - 1];
    return ids.length > limit && last ? { docs, next: last } : { docs };
  }

  async delete(docId: string): Promise<boolean> {
    this.versions.delete(docId);
    return this.docs.delete(docId);
  }

  async saveVersion(docId: string, version: NewVersion): Promise<VersionMeta> {
    const stored: StoredVersion = {
      id: ++this.versionSeq,
      docId,
      kind: version.kind,
      name: version.name,
      editors: [...version.editors],
      createdAt: version.createdAt ?? new Date(),
      size: version.data.length,
      data: version.data.slice(),
    };
    const list = this.versions.get(docId) ?? [];
    list.push(stored);
    this.versions.set(docId, list);
    return withoutData(stored);
  }

  async listVersions(docId: string, { limit, before }: { limit: number; before?: number }): Promise<VersionPage> {
    const older = (this.versions.get(docId) ?? []).filter((v) => before === undefined || v.id < before).reverse();
    const versions = older.slice(0, limit).map(withoutData);
    const last = versions[versions.length - 1];
    return older.length > limit && last ? { versions, next: last.id } : { versions };
  }

  async loadVersion(docId: string, versionId: number): Promise<StoredVersion | null> {
    const found = this.versions.get(docId)?.find((v) => v.id === versionId);
    return found ? { ...withoutData(found), data: found.data } : null;
  }

  async deleteVersions(docId: string, versionIds: readonly number[]): Promise<number> {
    const list = this.versions.get(docId);
    if (!list) return 0;
    const doomed = new Set(versionIds);
    const kept = list.filter((v) => !doomed.has(v.id));
    this.versions.set(docId, kept);
    return list.length - kept.length;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
