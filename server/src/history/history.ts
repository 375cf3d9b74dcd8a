import * as Y from 'yjs';
import { type FormatPool, LOCAL_FORMAT_CLIENT } from '../formats/format-pool.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { DocStore, VersionKind, VersionMeta, VersionPage } from '../storage/doc-store.js';
import { ORIGIN, type Room } from '../sync/room.js';
import type { RoomRegistry } from '../sync/room-registry.js';
import { versionsToThin } from './retention.js';
import { RoomHistory } from './room-history.js';
import { ServerPeer } from './server-peer.js';
import { checkVersionCap, type VersionCap } from './version-cap.js';
import { decodeVersionData, encodeVersionData } from './version-data.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Versions read per query while thinning. */
const THIN_PAGE = 500;

export interface HistoryDeps {
  store: DocStore;
  /** Runs the restore diff off the event loop. */
  formats: FormatPool;
  /** Resolved lazily: the registry is built with this history's `watch`. */
  registry: () => RoomRegistry;
  logger: Logger;
  metrics: Metrics;
  /** Quiet time after the last edit before an automatic version is kept. */
  idleMs: number;
  /** Automatic versions older than this many days are thinned to one per day; 0 keeps all. */
  retentionDays: number;
  /** What one document may keep on request (named versions, restore backups); past it they are refused. */
  versionCap: VersionCap;
}

export interface ReadVersion {
  meta: VersionMeta;
  /** The whole document at that moment, as one Yjs update. */
  state: Uint8Array;
}

export interface Replaced {
  /** The automatic version kept of the document just before it was replaced (restore it to undo). */
  backup: VersionMeta;
}

/**
 * Versions of documents: automatic ones (through each room's `RoomHistory`), named ones, reading,
 * restoring and retention. Restores and content replacements are forward changes made through
 * `Room.applyServerUpdate`, so they are stored before anyone sees them and reach every editor live.
 */
export class History {
  private readonly watchers = new Map<string, RoomHistory>();
  /** Restores and replacements of one document run one at a time. */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** The UTC day each document was last thinned, so retention runs at most daily per document. */
  private readonly thinned = new Map<string, number>();

  constructor(private readonly deps: HistoryDeps) {}

  /** The edit watcher of a room being loaded (passed to the registry as `watchEdits`). */
  watch(room: Room): RoomHistory {
    const watcher = new RoomHistory(room, {
      idleMs: this.deps.idleMs,
      saveAuto: (docId, state, editors) =>
        this.save(docId, state, { kind: 'auto', name: null, editors }).then(
          () => undefined,
          (error: unknown) => this.reportFailure(docId, error, 'keeping an automatic version failed'),
        ),
      onDispose: () => {
        if (this.watchers.get(room.docId) === watcher) this.watchers.delete(room.docId);
      },
    });
    this.watchers.set(room.docId, watcher);
    return watcher;
  }

  list(docId: string, page: { limit: number; before?: number }): Promise<VersionPage> {
    return this.deps.store.listVersions(docId, page);
  }

  async read(docId: string, versionId: number): Promise<ReadVersion | null> {
    const stored = await this.deps.store.loadVersion(docId, versionId);
    if (!stored) return null;
    const { data, ...meta } = stored;
    return { meta, state: await decodeVersionData(data) };
  }

  /** The document now, as one Yjs update: from memory if it is loaded, else from storage; null if unknown. */
  async currentState(docId: string): Promise<Uint8Array | null> {
    const room = this.deps.registry().peek(docId);
    if (room) return Y.encodeStateAsUpdate(room.doc);
    const stored = await this.deps.store.load(docId);
    if (!stored) return null;
    const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
    return parts.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : Y.mergeUpdates(parts);
  }

  /**
   * Keeps the current state under a name; null if the document does not exist. Throws a
   * VersionCapError when the document keeps as many as it may.
   */
  saveNamed(docId: string, name: string): Promise<VersionMeta | null> {
    // Serialized with restores, so two requests at once cannot both take the last place under the cap.
    return this.serialized(docId, async () => {
      if (!(await this.deps.store.meta(docId))) return null;
      await checkVersionCap(this.deps.store, docId, this.deps.versionCap);
      const state = await this.currentState(docId);
      if (!state) return null;
      // The named version stands for the changes since the last one: no automatic one for the same edits.
      const editors = this.watchers.get(docId)?.takeEditors() ?? [];
      return this.save(docId, state, { kind: 'named', name, editors });
    });
  }

  /**
   * Makes the document's content and title those of a version, as a forward change: an automatic
   * version of the state before is kept first (restoring it undoes this). Null if there is no such
   * version or document. The backup counts against the cap, so this throws a VersionCapError too.
   */
  async restore(
    docId: string,
    versionId: number,
    client?: string,
  ): Promise<(Replaced & { restored: VersionMeta }) | null> {
    const version = await this.read(docId, versionId);
    if (!version || !(await this.deps.store.meta(docId))) return null;
    const backupName = `Before restoring ${versionLabel(version.meta)}`;
    const replaced = await this.serialized(docId, async () => {
      await checkVersionCap(this.deps.store, docId, this.deps.versionCap);
      return this.replaceNow(docId, version.state, backupName, client);
    });
    return { ...replaced, restored: version.meta };
  }

  /**
   * Replaces a document's content and title with those of `target` (a full Yjs update of another state).
   * The diff runs in the format pool for `client`; a busy pool refuses (`FormatBusyError`) before the
   * backup is kept.
   */
  replace(docId: string, target: Uint8Array, backupName: string, client = LOCAL_FORMAT_CLIENT): Promise<Replaced> {
    return this.serialized(docId, () => this.replaceNow(docId, target, backupName, client));
  }

  /** Removes one version of a document; false if it has no such version. */
  async deleteVersion(docId: string, versionId: number): Promise<boolean> {
    return (await this.deps.store.deleteVersions(docId, [versionId])) > 0;
  }

  private replaceNow(docId: string, target: Uint8Array, backupName: string, client = LOCAL_FORMAT_CLIENT) {
    return this.withRoom(docId, async (room): Promise<Replaced> => {
      // One snapshot for both the backup and the diff: edits arriving meanwhile are concurrent to the
      // restore and stay in the document, so nothing typed is ever lost.
      const current = Y.encodeStateAsUpdate(room.doc);
      const busy = this.deps.formats.check(client, current.byteLength + target.byteLength);
      if (busy) throw busy;
      const editors = this.watchers.get(docId)?.takeEditors() ?? [];
      const backup = await this.save(docId, current, { kind: 'auto', name: backupName, editors });
      const { update } = await this.deps.formats.run('replace', { current, target }, client);
      if (!isEmptyUpdate(update)) await room.applyServerUpdate(update, ORIGIN.server);
      return { backup };
    });
  }

  private async save(
    docId: string,
    state: Uint8Array,
    version: { kind: VersionKind; name: string | null; editors: string[] },
  ): Promise<VersionMeta> {
    const data = await encodeVersionData(state);
    const meta = await this.deps.store.saveVersion(docId, { ...version, data });
    if (version.kind === 'auto') {
      await this.thin(docId).catch((error: unknown) => this.reportFailure(docId, error, 'thinning versions failed'));
    }
    return meta;
  }

  /** Retention, at most once a day per document (after it keeps an automatic version). */
  private async thin(docId: string): Promise<void> {
    if (this.deps.retentionDays <= 0) return;
    const today = Math.floor(Date.now() / DAY_MS);
    if (this.thinned.get(docId) === today) return;
    if ([...this.thinned.values()].some((day) => day !== today)) this.thinned.clear();
    this.thinned.set(docId, today);
    const versions: VersionMeta[] = [];
    let before: number | undefined;
    do {
      const page = await this.deps.store.listVersions(docId, { limit: THIN_PAGE, before });
      versions.push(...page.versions);
      before = page.next;
    } while (before !== undefined);
    const doomed = versionsToThin(versions, new Date(), this.deps.retentionDays);
    if (doomed.length > 0) await this.deps.store.deleteVersions(docId, doomed);
  }

  /** Runs `fn` with the document loaded; a server-side peer keeps it from unloading meanwhile. */
  private async withRoom<T>(docId: string, fn: (room: Room) => Promise<T>): Promise<T> {
    const peer = new ServerPeer();
    const room = await this.deps.registry().join(docId, peer);
    try {
      return await fn(room);
    } finally {
      room.removePeer(peer);
    }
  }

  private serialized<T>(docId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(docId) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.queues.set(docId, tail);
    void tail.then(() => {
      if (this.queues.get(docId) === tail) this.queues.delete(docId);
    });
    return run;
  }

  private reportFailure(docId: string, error: unknown, message: string): void {
    this.deps.metrics.errors.inc({ kind: 'history' });
    this.deps.logger.error({ docId, err: error }, message);
  }
}

/** How a version is named in the backup made before restoring it. */
function versionLabel(meta: VersionMeta): string {
  return meta.name && meta.kind === 'named' ? `“${meta.name}”` : `the version of ${meta.createdAt.toISOString()}`;
}

/** An update with no structs and no deletions (nothing differed). */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
