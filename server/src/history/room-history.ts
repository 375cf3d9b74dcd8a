import * as Y from 'yjs';
import type { Peer } from '../sync/peer.js';
import type { Room, RoomEditWatcher } from '../sync/room.js';

/** How an editor without a name (no presence name, no token subject) appears in a version. */
export const ANONYMOUS_EDITOR = 'Anonymous';

export interface RoomHistoryDeps {
  /** Quiet time after the last edit before an automatic version is kept. */
  idleMs: number;
  /** Stores an automatic version of `state` (a full Yjs update); failures are the callee's to report. */
  saveAuto: (docId: string, state: Uint8Array, editors: string[]) => Promise<void>;
  /** Called once the room is destroyed. */
  onDispose?: () => void;
}

/**
 * Automatic versions of one loaded document: after a stretch of editing goes quiet and when the last
 * editor leaves, if anything changed since the last version. Remembers who edited meanwhile. Per
 * transaction it checks two collections Yjs already filled, notes the peer and re-arms one timer;
 * encoding happens once per version.
 */
export class RoomHistory implements RoomEditWatcher {
  /** Peers that edited since the last version, with the name they had when first seen editing. */
  private readonly editors = new Map<Peer, string | null>();
  /** Names of editors since the last version who have left already. */
  private readonly departed: string[] = [];
  private changed = false;
  private timer: NodeJS.Timeout | null = null;
  /** Saves run one after another, in order. */
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly room: Room,
    private readonly deps: RoomHistoryDeps,
  ) {
    room.doc.on('afterTransaction', this.observe);
  }

  /** Whether the document changed since the last version. */
  get hasChanges(): boolean {
    return this.changed;
  }

  /**
   * Runs for every transaction, so it stays O(1). Only changes a peer made count (the room applies them
   * with the peer as origin); an update that changed nothing (a connecting client's empty sync step 2,
   * a resend) is no edit.
   */
  private readonly observe = (transaction: Y.Transaction): void => {
    const { origin } = transaction;
    if (typeof origin !== 'object' || origin === null || !changedAnything(transaction)) return;
    this.edited(origin as Peer);
  };

  private edited(peer: Peer): void {
    this.changed = true;
    if (!this.editors.has(peer)) this.editors.set(peer, this.nameOf(peer));
    if (this.timer) this.timer.refresh();
    else {
      this.timer = setTimeout(() => this.saveNow(), this.deps.idleMs);
      this.timer.unref();
    }
  }

  leaving(peer: Peer): void {
    if (!this.editors.has(peer)) return;
    this.departed.push(this.nameOf(peer) ?? this.editors.get(peer) ?? ANONYMOUS_EDITOR);
    this.editors.delete(peer);
  }

  emptied(): void {
    this.saveNow();
  }

  /** Saves what is owed (changes not yet in a version) and waits for every save started so far. */
  settled(): Promise<void> {
    this.saveNow();
    return this.saving;
  }

  dispose(): void {
    this.room.doc.off('afterTransaction', this.observe);
    this.clearTimer();
    this.deps.onDispose?.();
  }

  /**
   * Who edited since the last version, and starts a new stretch: used when a version is kept by other
   * means (a named version, the backup before a restore), which then stands for these changes.
   */
  takeEditors(): string[] {
    const names = [
      ...this.departed,
      ...[...this.editors].map(([peer, firstName]) => this.nameOf(peer) ?? firstName ?? ANONYMOUS_EDITOR),
    ];
    this.departed.length = 0;
    this.editors.clear();
    this.changed = false;
    this.clearTimer();
    return [...new Set(names)];
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private saveNow(): void {
    if (!this.changed) return;
    const editors = this.takeEditors();
    const state = Y.encodeStateAsUpdate(this.room.doc);
    this.saving = this.saving
      .then(() => this.deps.saveAuto(this.room.docId, state, editors))
      .catch(() => {
        // saveAuto reports its own failures; the chain must stay usable for the next version.
      });
  }

  /** The presence name, with the token subject when tokens are on (the subject is the verified part). */
  private nameOf(peer: Peer): string | null {
    const name = this.room.peerName(peer);
    const subject = peer.subject ?? null;
    if (subject && name && name !== subject) return `${name} (${subject})`;
    return subject ?? name;
  }
}

/** O(1): Yjs records the types a transaction changed and what it deleted; a no-op update has neither. */
function changedAnything({ changed, deleteSet }: Y.Transaction): boolean {
  return changed.size > 0 || deleteSet.clients.size > 0;
}
