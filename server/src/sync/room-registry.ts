import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { DocStore } from '../storage/doc-store.js';
import type { CommitQueue } from './commit-queue.js';
import type { Fanout } from './fanout.js';
import type { Peer } from './peer.js';
import { Room, type RoomEditWatcher, type RoomLimits } from './room.js';
import { RoomLink } from './room-link.js';

export interface RoomRegistryDeps {
  /** Per-document limits for every room. @default DEFAULT_LIMITS */
  limits?: Partial<RoomLimits>;
  store: DocStore;
  commits: CommitQueue;
  logger: Logger;
  metrics: Metrics;
  compactAfterUpdates: number;
  /** How long an empty room stays loaded, so a quick reconnect does not reload it. */
  unloadDelayMs: number;
  /** Fan-out to other instances; absent: rooms talk to nobody else. */
  fanout?: Fanout;
  /** Builds each room's edit watcher (automatic versions). */
  watchEdits?: (room: Room) => RoomEditWatcher;
}

interface Entry {
  /** Single flight: every joiner of a loading document awaits this one promise. */
  loading: Promise<Room>;
  room: Room | null;
  unloadTimer: NodeJS.Timeout | null;
  /** Set while the room flushes and compacts on its way out; joiners wait and load it anew. */
  unloading: Promise<void> | null;
  /** The room's line to other instances, subscribed before the load and dropped after the unload. */
  link: RoomLink | null;
}

/** Loads each document once, however many peers join at once, and unloads it after its last write settled. */
export class RoomRegistry {
  private readonly entries = new Map<string, Entry>();
  /** Counts loads, for tests and metrics. */
  loads = 0;

  constructor(private readonly deps: RoomRegistryDeps) {}

  get roomCount(): number {
    return this.entries.size;
  }

  get peerCount(): number {
    let count = 0;
    for (const entry of this.entries.values()) count += entry.room?.peerCount ?? 0;
    return count;
  }

  /** The loaded room of a document, if any (for metadata; never loads). */
  peek(docId: string): Room | null {
    return this.entries.get(docId)?.room ?? null;
  }

  /** Loads the document if needed and adds the peer to it. */
  async join(docId: string, peer: Peer): Promise<Room> {
    let entry = this.entries.get(docId);
    while (entry?.unloading) {
      await entry.unloading;
      entry = this.entries.get(docId);
    }
    if (!entry) entry = this.load(docId);
    if (entry.unloadTimer) {
      clearTimeout(entry.unloadTimer);
      entry.unloadTimer = null;
    }
    const room = await entry.loading;
    // The room may have been unloaded while this join waited on the load (a peer closed): start over.
    if (this.entries.get(docId) !== entry || entry.unloading) return this.join(docId, peer);
    room.addPeer(peer);
    return room;
  }

  private load(docId: string): Entry {
    const entry: Entry = {
      loading: Promise.resolve(null as unknown as Room),
      room: null,
      unloadTimer: null,
      unloading: null,
      link: this.createLink(docId),
    };
    entry.loading = (async () => {
      this.loads++;
      const { link } = entry;
      // Subscribed before loading: an update that becomes durable elsewhere after the load still arrives.
      if (link) await this.deps.fanout?.join(docId, link);
      try {
        const stored = await this.deps.store.load(docId);
        const room = new Room(docId, stored, {
          ...this.deps,
          fanout: link ?? undefined,
          onEmpty: () => this.scheduleUnload(docId),
        });
        entry.room = room;
        link?.attach(room);
        return room;
      } catch (error) {
        link?.detach();
        if (link) await this.deps.fanout?.leave(docId, link);
        throw error;
      }
    })();
    entry.loading.catch(() => {
      // A failed load is not cached: the next join tries again.
      if (this.entries.get(docId) === entry) this.entries.delete(docId);
      this.deps.metrics.rooms.set(this.entries.size);
    });
    this.entries.set(docId, entry);
    this.deps.metrics.rooms.set(this.entries.size);
    return entry;
  }

  private scheduleUnload(docId: string): void {
    const entry = this.entries.get(docId);
    if (!entry || entry.unloading) return;
    if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
    entry.unloadTimer = setTimeout(() => {
      entry.unloadTimer = null;
      if (entry.room && entry.room.peerCount === 0) void this.unload(docId, entry);
    }, this.deps.unloadDelayMs);
  }

  private unload(docId: string, entry: Entry): Promise<void> {
    if (entry.unloading) return entry.unloading;
    entry.unloading = (async () => {
      const room = entry.room;
      if (room) {
        try {
          await room.settled();
          await room.compact();
        } catch (error) {
          this.deps.logger.error({ docId, err: error }, 'flushing a document on unload failed');
        }
        entry.link?.detach();
        room.destroy();
      }
      if (entry.link) await this.deps.fanout?.leave(docId, entry.link);
      this.entries.delete(docId);
      this.deps.metrics.rooms.set(this.entries.size);
    })();
    return entry.unloading;
  }

  /** Closes every peer of a document (for example after it was deleted), on every instance, and unloads it. */
  async evict(docId: string, code: number, reason: string): Promise<void> {
    this.deps.fanout?.publishEvict(docId, code, reason);
    await this.evictHere(docId, code, reason);
  }

  private createLink(docId: string): RoomLink | null {
    const { fanout, store, logger, metrics } = this.deps;
    if (!fanout) return null;
    const onEvicted = (code: number, reason: string) => void this.evictHere(docId, code, reason);
    return new RoomLink(docId, { fanout, store, logger, metrics, onEvicted });
  }

  private async evictHere(docId: string, code: number, reason: string): Promise<void> {
    const entry = this.entries.get(docId);
    if (!entry) return;
    const room = await entry.loading.catch(() => null);
    room?.closeAll(code, reason);
    await this.unload(docId, entry);
  }

  /** Graceful shutdown: close every peer with `code`, then flush and unload every document. */
  async closeAll(code: number, reason: string): Promise<void> {
    const unloads: Promise<void>[] = [];
    for (const [docId, entry] of this.entries) {
      if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
      entry.room?.closeAll(code, reason);
      unloads.push(entry.loading.then(() => this.unload(docId, entry)).catch(() => undefined));
    }
    await Promise.all(unloads);
  }
}
