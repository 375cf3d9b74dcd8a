import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { decodeAwarenessUpdate } from '../../../shared/protocol/decode.js';
import { encodeAwarenessEntries, encodeSyncUpdate } from '../../../shared/protocol/encode.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { DocStore } from '../storage/doc-store.js';
import type { DocListener, Fanout } from './fanout.js';
import { ORIGIN, type Room, type RoomFanout } from './room.js';

export interface RoomLinkDeps {
  fanout: Fanout;
  store: DocStore;
  logger: Logger;
  metrics: Metrics;
  /** Another instance closed the document's peers (it was deleted): close them here too. */
  onEvicted: (code: number, reason: string) => void;
}

/** Messages that may arrive while the room loads; past this, they are dropped and storage is read instead. */
const MAX_EARLY_MESSAGES = 10_000;

/**
 * Connects one loaded room to the other instances that hold the same document: publishes its durable
 * updates and its peers' presence, applies theirs (origin `pubsub`, relayed to local peers, never
 * stored again), answers presence queries, and catches up from storage when pub/sub lost messages.
 */
export class RoomLink implements DocListener, RoomFanout {
  private room: Room | null = null;
  /** Work that arrived before the room was attached (it loads after subscribing); null once detached. */
  private early: (() => void)[] | null = [];
  private missedEarly = false;
  /** Presence client ids owned by peers of other instances, and which instance. */
  private readonly remoteOwners = new Map<number, string>();
  private catchingUp = false;
  private catchUpAgain = false;

  constructor(
    readonly docId: string,
    private readonly deps: RoomLinkDeps,
  ) {}

  attach(room: Room): void {
    this.room = room;
    const early = this.early ?? [];
    this.early = null;
    for (const work of early) work();
    if (this.missedEarly) this.catchUp();
  }

  /** The room unloads: later messages are ignored. */
  detach(): void {
    this.room = null;
    this.early = null;
  }

  // Called by the room.

  durableUpdate(update: Uint8Array): void {
    this.deps.fanout.publishUpdate(this.docId, update);
  }

  localAwareness(update: Uint8Array): void {
    this.deps.fanout.publishAwareness(this.docId, update);
  }

  /**
   * Is this presence entry owned by a peer of another instance? Stock clients echo every state they
   * receive, so a local peer sending it is ignored, unless its clock is newer: then it is the client
   * itself, moved here (for example after its instance died).
   */
  ownedElsewhere(clientId: number, clock: number): boolean {
    if (!this.remoteOwners.has(clientId) || !this.room) return false;
    const known = this.room.awareness.meta.get(clientId)?.clock ?? -1;
    if (clock <= known) return true;
    this.remoteOwners.delete(clientId);
    return false;
  }

  // Called by the fan-out, for messages of other instances.

  remoteUpdate(update: Uint8Array): void {
    this.whenAttached((room) => {
      try {
        Y.applyUpdate(room.doc, update, ORIGIN.pubsub);
      } catch (error) {
        this.deps.metrics.errors.inc({ kind: 'pubsub' });
        this.deps.logger.error({ docId: this.docId, err: error }, 'a fan-out update did not apply; reading storage');
        this.catchUp();
        return;
      }
      room.relay(encodeSyncUpdate(update));
    });
  }

  remoteAwareness(update: Uint8Array, from: string): void {
    this.whenAttached((room) => {
      const entries = decodeAwarenessUpdate(update).filter((entry) => {
        // A local peer's own entry is decided here, not by an echo from elsewhere.
        if (room.hasLocalOwner(entry.clientId)) return false;
        const owner = this.remoteOwners.get(entry.clientId);
        return owner === undefined || owner === from || entry.state !== 'null';
      });
      if (entries.length === 0) return;
      for (const entry of entries) {
        if (entry.state === 'null') this.remoteOwners.delete(entry.clientId);
        else if (entry.clock >= (room.awareness.meta.get(entry.clientId)?.clock ?? 0)) {
          this.remoteOwners.set(entry.clientId, from);
        }
      }
      // Origin `pubsub` is a string, so the room relays the change to every local peer.
      awarenessProtocol.applyAwarenessUpdate(room.awareness, encodeAwarenessEntries(entries), ORIGIN.pubsub);
    });
  }

  presenceWanted(): void {
    this.whenAttached((room) => {
      const ids = [...room.awareness.getStates().keys()].filter((id) => room.hasLocalOwner(id));
      if (ids.length > 0) this.localAwareness(awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids));
    });
  }

  instanceGone(instanceId: string): void {
    const room = this.room;
    if (!room) return;
    const ids: number[] = [];
    for (const [clientId, owner] of this.remoteOwners) {
      if (owner === instanceId) {
        ids.push(clientId);
        this.remoteOwners.delete(clientId);
      }
    }
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(room.awareness, ids, ORIGIN.pubsub);
  }

  evicted(code: number, reason: string): void {
    if (this.room) this.deps.onEvicted(code, reason);
  }

  /**
   * Loads the document from storage and applies it: Yjs skips what the room has, and only what was
   * missing is relayed to local peers. Coalesced: one load at a time, one more if asked meanwhile.
   */
  catchUp(): void {
    if (!this.room) {
      this.missedEarly = true;
      return;
    }
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return;
    }
    this.catchingUp = true;
    void (async () => {
      try {
        do {
          this.catchUpAgain = false;
          const stored = await this.deps.store.load(this.docId);
          const room = this.room;
          if (!stored || !room) return;
          const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
          if (parts.length > 0)
            this.applyMissing(room, parts.length === 1 ? (parts[0] as Uint8Array) : Y.mergeUpdates(parts));
        } while (this.catchUpAgain);
      } catch (error) {
        this.deps.metrics.errors.inc({ kind: 'pubsub' });
        this.deps.logger.error({ docId: this.docId, err: error }, 'catching up from storage failed');
      } finally {
        this.catchingUp = false;
      }
    })();
  }

  private applyMissing(room: Room, update: Uint8Array): void {
    let missing: Uint8Array | null = null;
    // Listening only for this one transaction: Yjs then encodes just what it integrated.
    const capture = (integrated: Uint8Array) => {
      missing = integrated;
    };
    room.doc.on('update', capture);
    try {
      Y.applyUpdate(room.doc, update, ORIGIN.storage);
    } finally {
      room.doc.off('update', capture);
    }
    if (missing) room.relay(encodeSyncUpdate(missing));
  }

  private whenAttached(work: (room: Room) => void): void {
    if (this.room) work(this.room);
    else if (this.early && this.early.length < MAX_EARLY_MESSAGES) this.early.push(() => this.safely(work));
    else if (this.early) this.missedEarly = true;
  }

  /** Buffered work runs inside the room's load: a bad message must not fail the load. */
  private safely(work: (room: Room) => void): void {
    if (!this.room) return;
    try {
      work(this.room);
    } catch (error) {
      this.deps.metrics.errors.inc({ kind: 'pubsub' });
      this.deps.logger.warn({ docId: this.docId, err: error }, 'ignored a fan-out message');
    }
  }
}
