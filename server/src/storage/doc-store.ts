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

/** `auto`: kept by the server after editing paused or the last editor left (thinned by retention); `named`: saved by a user (kept). */
export type VersionKind = 'auto' | 'named';

export interface NewVersion {
  kind: VersionKind;
  /** The user's name for a named version ("Sent to review"); a note or null for automatic ones. */
  name: string | null;
  /** Who edited since the previous version, as display names. */
  editors: string[];
  /** The whole document at that moment, encoded by the caller; the store keeps the bytes as they are. */
  data: Uint8Array;
  /** @default now */
  createdAt?: Date;
}

export interface VersionMeta {
  /** Rises with every saved version of any document; newer versions have larger ids. */
  id: number;
  docId: string;
  kind: VersionKind;
  name: string | null;
  editors: string[];
  createdAt: Date;
  /** Bytes of `data`. */
  size: number;
}

export interface StoredVersion extends VersionMeta {
  data: Uint8Array;
}

export interface VersionPage {
  /** Newest first. */
  versions: VersionMeta[];
  /** Pass as `before` to get the next (older) page; absent on the last page. */
  next?: number;
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
  /**
   * Saves a version of a document. Versions live apart from the log and snapshot: compaction never
   * touches them, only `deleteVersions` and `delete` remove them.
   */
  saveVersion(docId: string, version: NewVersion): Promise<VersionMeta>;
  /** A document's versions, newest first, `limit` at a time, older than the id `before`. */
  listVersions(docId: string, options: { limit: number; before?: number }): Promise<VersionPage>;
  /** One version with its data, or null if the document has no version with that id. */
  loadVersion(docId: string, versionId: number): Promise<StoredVersion | null>;
  /** Removes versions of a document (retention); returns how many were removed. */
  deleteVersions(docId: string, versionIds: readonly number[]): Promise<number>;
  /** Removes a document and all its data, versions included; false if there was none. */
  delete(docId: string): Promise<boolean>;
  /** Throws if the store cannot serve requests (for /healthz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
