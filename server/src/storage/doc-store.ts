/** What a store holds for one document: an optional snapshot plus the updates appended after it. */
export interface StoredDoc {
  snapshot: Uint8Array | null;
  /** Updates after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** Sequence number of the newest stored update (0 when there is none). */
  lastSeq: number;
}

export interface DocMeta {
  id: string;
  /** Bytes stored for the document (snapshot plus log). */
  size: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface AppendItem {
  docId: string;
  update: Uint8Array;
}

export interface DocPage {
  docs: DocMeta[];
  /** Pass as `after` to get the next page; absent on the last page. */
  next?: string;
}

/**
 * Durable storage of Yjs documents: an append log per document plus a compacted snapshot.
 * Every implementation passes `doc-store.contract.ts`.
 */
export interface DocStore {
  /** Creates an empty document record; false if it exists already. */
  create(docId: string): Promise<boolean>;
  /** Everything stored for a document, or null if it was never written or created. */
  load(docId: string): Promise<StoredDoc | null>;
  /**
   * Appends updates, possibly for several documents, in one transaction (group commit): when the
   * promise resolves every item is durable, when it rejects none is. Returns each item's sequence number.
   */
  append(items: readonly AppendItem[]): Promise<number[]>;
  /** Replaces the log up to and including `upToSeq` with `snapshot` (which must contain it all). */
  compact(docId: string, snapshot: Uint8Array, upToSeq: number): Promise<void>;
  meta(docId: string): Promise<DocMeta | null>;
  /** Documents ordered by id, `limit` at a time, starting after the id `after`. */
  list(options: { limit: number; after?: string }): Promise<DocPage>;
  /** Removes a document and all its data; false if there was none. */
  delete(docId: string): Promise<boolean>;
  /** Throws if the store cannot serve requests (for /healthz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
