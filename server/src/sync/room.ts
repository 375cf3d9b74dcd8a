import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../../shared/close-codes.js';
import { DEFAULT_LIMITS } from '../../../shared/limits.js';
import { type DecodedMessage, decodeAwarenessUpdate, decodeMessage } from '../../../shared/protocol/decode.js';
import {
  encodeAck,
  encodeAwareness,
  encodeAwarenessEntries,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
} from '../../../shared/protocol/encode.js';
import { ProtocolError } from '../../../shared/protocol/protocol-error.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { DocStore, StoredDoc } from '../storage/doc-store.js';
import type { CommitQueue } from './commit-queue.js';
import type { Peer } from './peer.js';

/** Longest a document loaded from a snapshot may wait to be built when no message needs it sooner. */
const DEFERRED_BUILD_MS = 200;

/** Longest peer name passed on to versions' editor lists. */
const MAX_PEER_NAME_LENGTH = 100;

/** Where a change to the room's document or awareness came from (every apply names one). */
export const ORIGIN = {
  storage: 'storage',
  server: 'server',
  /** Durable already: applied and relayed, never stored again. */
  pubsub: 'pubsub',
} as const;

interface PeerState {
  /** Awareness client ids this peer introduced; only it may change or remove them. */
  awarenessIds: Set<number>;
  /** Updates received from this peer on this connection. */
  received: number;
  /** Highest received count that is durable and not yet acknowledged. */
  ackDue: number;
  /** Whole-state requests (SyncStep1, query-awareness) in the current window, and when it started. */
  fullRequests: number;
  fullRequestsSince: number;
}

/**
 * Whole-state requests a connection may make per window. Each costs an encoding of the whole document
 * (or of everyone's presence) for a few bytes sent: a stock client makes one per connection.
 */
const MAX_FULL_REQUESTS = 10;
const FULL_REQUEST_WINDOW_MS = 10_000;

/** An update that is stored and not yet applied, with what relaying and acknowledging it needs. */
interface DurableUpdate {
  peer: Peer;
  state: PeerState;
  update: Uint8Array;
  relayFrame: Uint8Array;
  /** Its number among the updates its peer sent (for the durable ack). */
  ticket: number;
  seq: number;
}

/** The per-document limits of `shared/limits.ts` a room enforces. */
export interface RoomLimits {
  maxDocumentBytes: number;
  maxPendingBytes: number;
  maxAwarenessBytes: number;
  maxAwarenessClients: number;
}

/** The room's line to other instances holding the same document (`RoomLink`). */
export interface RoomFanout {
  /** An update is durable: tell the other instances. */
  durableUpdate(update: Uint8Array): void;
  /** A local peer's presence changed (or it left). */
  localAwareness(update: Uint8Array): void;
  /** The presence entry belongs to a peer of another instance (a local peer only echoes it). */
  ownedElsewhere(clientId: number, clock: number): boolean;
}

export interface RoomDeps {
  /** @default the values of DEFAULT_LIMITS */
  limits?: Partial<RoomLimits>;
  store: DocStore;
  commits: CommitQueue;
  logger: Logger;
  metrics: Metrics;
  compactAfterUpdates: number;
  /** Fan-out to other instances; absent in a room used on its own. */
  fanout?: RoomFanout;
  /** Called when the last peer left. */
  onEmpty: (room: Room) => void;
  /** Builds the room's edit watcher (automatic versions); absent: nobody watches. */
  watchEdits?: (room: Room) => RoomEditWatcher;
}

/**
 * Keeps automatic versions of the room's document (`history/room-history.ts`): it observes the
 * document itself (a peer's changes carry the peer as origin); the room tells it about departures.
 */
export interface RoomEditWatcher {
  /** A peer is about to leave; its presence is still readable through `peerName`. */
  leaving(peer: Peer): void;
  /** The last peer left. */
  emptied(): void;
  /** Resolves once whatever the watcher owes (a version) is saved. */
  settled(): Promise<void>;
  dispose(): void;
}

/** One loaded document and the peers editing it. Knows nothing of sockets beyond `Peer`. */
export class Room {
  private readonly ydoc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.ydoc);
  /**
   * A snapshot loaded from storage and not applied yet. Building a large Y.Doc takes far longer than
   * sending its bytes: a client joining a cold document gets its first sync from the snapshot while
   * the document is built on the next turn (see `ensureApplied`).
   */
  private unapplied: StoredDoc | null = null;
  /** Peers waiting for the server's SyncStep1, which needs the built document. */
  private stepOneOwed: Peer[] = [];
  /** SyncStep2 with the whole document, while it is unchanged: every new client gets the same bytes. */
  private fullSyncFrame: Uint8Array | null = null;
  private destroyed = false;
  private readonly peers = new Map<Peer, PeerState>();
  /** Updates written but not yet settled; unload waits for zero. */
  private pendingWrites = 0;
  private settledWaiters: (() => void)[] = [];
  /** Updates in the storage log since the last snapshot. */
  private logLength: number;
  private lastSeq: number;
  private compacting: Promise<void> | null = null;
  private acksScheduled = false;
  /** Created once the document is built: it watches peers' edits, and the stored state is none. */
  private watcher: RoomEditWatcher | null = null;
  private readonly limits: RoomLimits;
  /**
   * Upper bound of the document's encoded size: stored bytes plus updates in flight. Cheap to keep;
   * measured exactly (and reset) only when it nears the limit.
   */
  private docBytes = 0;
  private inFlightBytes = 0;
  /** `docBytes` is an exact measurement no update has changed since: a refusal at the limit measures once. */
  private docBytesExact = false;
  /** Stored updates waiting to be applied and relayed (see applyDurable). */
  private durable: DurableUpdate[] = [];

  constructor(
    readonly docId: string,
    stored: StoredDoc | null,
    private readonly deps: RoomDeps,
  ) {
    // The server holds no local awareness state of its own.
    this.awareness.setLocalState(null);
    this.limits = { ...DEFAULT_LIMITS, ...deps.limits };
    this.lastSeq = stored?.lastSeq ?? 0;
    this.logLength = stored?.updates.length ?? 0;
    if (stored) {
      this.docBytes = (stored.snapshot?.length ?? 0) + stored.updates.reduce((sum, update) => sum + update.length, 0);
      if (stored.snapshot && stored.updates.length === 0) {
        this.unapplied = stored;
        this.fullSyncFrame = encodeSyncStep2(stored.snapshot);
        // Built after the first reader got its bytes (see syncStep2For), or by whatever needs it first;
        // a turn of the event loop is too soon: the joining client's SyncStep1 is read after it.
        setTimeout(() => this.ensureApplied(), DEFERRED_BUILD_MS).unref();
      } else {
        this.applyStored(stored);
        if (this.pendingBytes() > this.limits.maxPendingBytes) this.dropPending();
      }
    }
    this.awareness.on('update', this.relayServerAwareness);
    this.ydoc.on('afterTransaction', this.forgetFullSync);
    if (!this.unapplied) this.watcher = deps.watchEdits?.(this) ?? null;
  }

  /** The document, built from storage first if that was deferred. */
  get doc(): Y.Doc {
    this.ensureApplied();
    return this.ydoc;
  }

  /** Builds the document from a deferred snapshot (once), then sends the SyncStep1s that waited for it. */
  private ensureApplied(): void {
    const stored = this.unapplied;
    if (!stored || this.destroyed) return;
    this.unapplied = null;
    const fullSyncFrame = this.fullSyncFrame;
    this.applyStored(stored);
    // Building it changed nothing a client sees: the snapshot is still the whole document.
    this.fullSyncFrame = fullSyncFrame;
    if (this.pendingBytes() > this.limits.maxPendingBytes) {
      this.dropPending();
      this.fullSyncFrame = null;
    }
    this.watcher = this.deps.watchEdits?.(this) ?? null;
    const owed = this.stepOneOwed;
    this.stepOneOwed = [];
    for (const peer of owed) if (this.peers.has(peer)) this.send(peer, encodeSyncStep1(Y.encodeStateVector(this.ydoc)));
  }

  /** Any change (or update held back for missing dependencies) makes the cached whole-document sync stale. */
  private readonly forgetFullSync = (transaction: Y.Transaction): void => {
    if (this.fullSyncFrame === null) return;
    const { store } = this.ydoc;
    if (transaction.deleteSet.clients.size > 0 || store.pendingStructs !== null || store.pendingDs !== null) {
      this.fullSyncFrame = null;
      return;
    }
    for (const [client, clock] of transaction.afterState) {
      if (transaction.beforeState.get(client) !== clock) {
        this.fullSyncFrame = null;
        return;
      }
    }
  };

  /** One merge and one apply; if that fails, part by part so one bad update cannot make a document unloadable. */
  private applyStored(stored: StoredDoc): void {
    const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
    if (parts.length === 0) return;
    try {
      Y.applyUpdate(this.doc, parts.length === 1 ? (parts[0] as Uint8Array) : Y.mergeUpdates(parts), ORIGIN.storage);
      return;
    } catch (error) {
      this.deps.logger.error({ docId: this.docId, err: error }, 'stored document did not apply in one piece');
    }
    for (const part of parts) {
      try {
        Y.applyUpdate(this.doc, part, ORIGIN.storage);
      } catch (error) {
        this.deps.metrics.errors.inc({ kind: 'storage' });
        this.deps.logger.error({ docId: this.docId, err: error }, 'skipped a stored update that does not apply');
      }
    }
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /** Registers a peer and starts the sync: the server's SyncStep1 and everyone's presence. */
  addPeer(peer: Peer): void {
    this.peers.set(peer, { awarenessIds: new Set(), received: 0, ackDue: 0, fullRequests: 0, fullRequestsSince: 0 });
    if (this.unapplied) this.stepOneOwed.push(peer);
    else this.send(peer, encodeSyncStep1(Y.encodeStateVector(this.doc)));
    if (this.awareness.getStates().size > 0) {
      const ids = [...this.awareness.getStates().keys()];
      this.send(peer, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
    }
  }

  removePeer(peer: Peer): void {
    const state = this.peers.get(peer);
    if (!state) return;
    this.watcher?.leaving(peer);
    this.peers.delete(peer);
    // An id Yjs never stored (a first entry with clock 0 is ignored) has nothing to remove or encode.
    const ids = [...state.awarenessIds].filter((id) => this.awareness.meta.has(id));
    if (ids.length > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, ids, ORIGIN.server);
      this.deps.fanout?.localAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
    }
    if (this.peers.size === 0) {
      this.watcher?.emptied();
      this.deps.onEmpty(this);
    }
  }

  /** The display name a peer gives in its presence (`user.name`), if any. */
  peerName(peer: Peer): string | null {
    const states = this.awareness.getStates();
    for (const clientId of this.peers.get(peer)?.awarenessIds ?? []) {
      const name = (states.get(clientId) as { user?: { name?: unknown } } | undefined)?.user?.name;
      if (typeof name === 'string' && name.trim() !== '') return name.trim().slice(0, MAX_PEER_NAME_LENGTH);
    }
    return null;
  }

  /**
   * Handles one frame from a peer. A malformed frame closes that peer and changes nothing.
   * The room keeps references into `frame`: the transport must not reuse its memory.
   */
  receive(peer: Peer, frame: Uint8Array): void {
    const state = this.peers.get(peer);
    if (!state) return;
    let message: DecodedMessage;
    try {
      message = decodeMessage(frame);
      this.deps.metrics.messagesIn.inc({ kind: message.kind });
      this.handle(peer, state, message, frame);
    } catch (error) {
      this.refuse(peer, error);
    }
  }

  private handle(peer: Peer, state: PeerState, message: DecodedMessage, frame: Uint8Array): void {
    switch (message.kind) {
      case 'sync-step1':
        if (!this.allowFullRequest(peer, state)) return;
        this.send(peer, this.syncStep2For(message.stateVector));
        return;
      case 'sync-step2':
      case 'sync-update':
        this.receiveUpdate(peer, state, message.update, message.kind === 'sync-update' ? frame : null);
        return;
      case 'awareness':
        this.receiveAwareness(peer, state, message.update, frame);
        return;
      case 'query-awareness': {
        if (!this.allowFullRequest(peer, state)) return;
        const ids = [...this.awareness.getStates().keys()];
        this.send(peer, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
        return;
      }
      case 'permission-denied':
      case 'ack':
        // Server-to-client messages; a client echoing them is harmless.
        return;
    }
  }

  /** Counts a whole-state request; past the budget the peer is closed with 4029 (it may come back later). */
  private allowFullRequest(peer: Peer, state: PeerState): boolean {
    const now = Date.now();
    if (now - state.fullRequestsSince >= FULL_REQUEST_WINDOW_MS) {
      state.fullRequestsSince = now;
      state.fullRequests = 0;
    }
    if (++state.fullRequests <= MAX_FULL_REQUESTS) return true;
    this.deps.metrics.refusals.inc({ reason: 'too_many_sync_requests' });
    peer.close(CLOSE_CODE.rateLimited, 'too many sync requests');
    this.removePeer(peer);
    return false;
  }

  /** The answer to a SyncStep1: what the asker misses; for a client with nothing, the shared whole-document frame. */
  private syncStep2For(stateVector: Uint8Array): Uint8Array {
    if (stateVector.length === 1 && stateVector[0] === 0) {
      if (this.fullSyncFrame) {
        if (this.unapplied) setImmediate(() => this.ensureApplied());
        return this.fullSyncFrame;
      }
      const frame = encodeSyncStep2(Y.encodeStateAsUpdate(this.doc));
      const { store } = this.ydoc;
      if (store.pendingStructs === null && store.pendingDs === null) this.fullSyncFrame = frame;
      return frame;
    }
    try {
      return encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector));
    } catch {
      throw new ProtocolError('malformed state vector');
    }
  }

  /**
   * Persist before broadcast: the update is validated whole, written to storage (group commit),
   * and only then applied, relayed and acknowledged.
   */
  private receiveUpdate(peer: Peer, state: PeerState, update: Uint8Array, updateFrame: Uint8Array | null): void {
    if (peer.readOnly) {
      if (!isEmptyUpdate(update)) this.send(peer, encodePermissionDenied('this connection is read-only'));
      return;
    }
    validateUpdate(update);
    if (!this.fits(update.length)) {
      this.deps.metrics.refusals.inc({ reason: 'document_too_large' });
      this.deps.logger.warn({ docId: this.docId, peer: peer.id }, 'refused an update past the maximum document size');
      peer.close(CLOSE_CODE.documentTooLarge, 'the document reached its maximum size');
      this.removePeer(peer);
      return;
    }
    const ticket = ++state.received;
    const relayFrame = updateFrame ?? encodeSyncUpdate(update);
    this.pendingWrites++;
    this.docBytes += update.length;
    this.docBytesExact = false;
    this.inFlightBytes += update.length;
    this.deps.commits.enqueue({ docId: this.docId, update }, (error, seq) => {
      if (error) {
        this.pendingWrites--;
        this.inFlightBytes -= update.length;
        this.docBytes -= update.length;
        this.deps.metrics.errors.inc({ kind: 'storage' });
        this.deps.logger.error({ docId: this.docId, err: error }, 'storing an update failed');
        // Nothing was applied or relayed; the client resyncs the same change when it reconnects.
        if (this.peers.has(peer)) peer.close(CLOSE_CODE.internalError, 'storage failed');
        if (this.pendingWrites === 0) this.notifySettled();
        return;
      }
      // The callbacks of one group commit run back to back; the first schedules one pass over them all.
      if (this.durable.push({ peer, state, update, relayFrame, ticket, seq }) === 1) queueMicrotask(this.applyDurable);
    });
  }

  /**
   * Applies, relays and acknowledges what a group commit made durable, in order. Consecutive updates
   * of one peer share one Yjs transaction: Yjs allocates and cleans up per transaction (maps, sets,
   * struct merging, observer events), which was most of the cost of applying a keystroke.
   */
  private readonly applyDurable = (): void => {
    const items = this.durable;
    this.durable = [];
    let start = 0;
    while (start < items.length) {
      const peer = (items[start] as DurableUpdate).peer;
      let end = start + 1;
      while (end < items.length && (items[end] as DurableUpdate).peer === peer) end++;
      const from = start;
      try {
        this.doc.transact(() => {
          for (let i = from; i < end; i++) this.applyOne(items[i] as DurableUpdate);
        }, peer);
      } catch (error) {
        // Only an observer can throw here (applyOne catches Yjs' own errors); the updates are stored.
        this.deps.metrics.errors.inc({ kind: 'internal' });
        this.deps.logger.error({ docId: this.docId, err: error }, 'a document observer failed');
      }
      start = end;
    }
    this.pendingWrites -= items.length;
    if (this.pendingWrites === 0) this.notifySettled();
  };

  private applyOne({ peer, state, update, relayFrame, ticket, seq }: DurableUpdate): void {
    this.inFlightBytes -= update.length;
    this.lastSeq = Math.max(this.lastSeq, seq);
    this.logLength++;
    try {
      Y.applyUpdate(this.doc, update, peer);
    } catch (applyError) {
      // Decoded cleanly but Yjs rejected it; loading skips such an update too (see applyStored).
      this.refuse(peer, new ProtocolError('update could not be applied'));
      this.deps.logger.error({ docId: this.docId, err: applyError }, 'a stored update failed to apply');
      return;
    }
    if (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) {
      if (this.pendingBytes() > this.limits.maxPendingBytes) {
        // Not relayed: other peers would hold (and later resend) the same unintegrable data.
        this.dropPending();
        this.deps.metrics.refusals.inc({ reason: 'pending_overflow' });
        this.refuse(peer, new ProtocolError('too many updates with missing dependencies'));
        return;
      }
    }
    this.broadcast(relayFrame, peer);
    this.deps.fanout?.durableUpdate(update);
    if (peer.wantsAcks && this.peers.has(peer)) this.scheduleAck(state, ticket);
    this.maybeCompact();
  }

  /**
   * A change made by the server itself (REST import, version restore): stored like any peer's update,
   * then applied and relayed to every peer. Resolves once it is durable and applied.
   */
  applyServerUpdate(update: Uint8Array, origin: string = ORIGIN.server): Promise<void> {
    validateUpdate(update);
    this.pendingWrites++;
    this.docBytes += update.length;
    this.docBytesExact = false;
    return new Promise((resolve, reject) => {
      this.deps.commits.enqueue({ docId: this.docId, update }, (error, seq) => {
        this.pendingWrites--;
        if (error) reject(error);
        else {
          this.lastSeq = Math.max(this.lastSeq, seq);
          this.logLength++;
          Y.applyUpdate(this.doc, update, origin);
          this.broadcast(encodeSyncUpdate(update), null);
          this.deps.fanout?.durableUpdate(update);
          this.maybeCompact();
          resolve();
        }
        if (this.pendingWrites === 0) this.notifySettled();
      });
    });
  }

  /**
   * Would the document stay within the maximum size with `extra` more bytes? The running estimate only
   * grows (log bytes overcount), so near the limit it is replaced by the exact encoded size.
   */
  private fits(extra: number): boolean {
    const max = this.limits.maxDocumentBytes;
    if (this.docBytes + extra <= max) return true;
    if (!this.docBytesExact) {
      this.docBytes = Y.encodeStateAsUpdate(this.doc).length + this.inFlightBytes;
      this.docBytesExact = true;
    }
    return this.docBytes + extra <= max;
  }

  /** Bytes of updates Yjs holds back until their dependencies arrive. */
  private pendingBytes(): number {
    const { pendingStructs, pendingDs } = this.doc.store;
    return (pendingStructs?.update.length ?? 0) + (pendingDs?.length ?? 0);
  }

  /**
   * Past the cap, unintegrated data is discarded: it cannot show in the document, every later update
   * re-merges it (CPU), and every joiner would receive it. The next compaction drops it from storage.
   */
  private dropPending(): void {
    this.deps.logger.warn({ docId: this.docId, bytes: this.pendingBytes() }, 'dropped unintegrable updates');
    this.doc.store.pendingStructs = null;
    this.doc.store.pendingDs = null;
  }

  private scheduleAck(state: PeerState, ticket: number): void {
    state.ackDue = Math.max(state.ackDue, ticket);
    if (this.acksScheduled) return;
    this.acksScheduled = true;
    // Callbacks of one batch run back to back; one ack per peer covers them all.
    queueMicrotask(() => {
      this.acksScheduled = false;
      for (const [peer, peerState] of this.peers) {
        if (peerState.ackDue > 0) {
          this.send(peer, encodeAck(peerState.ackDue));
          peerState.ackDue = 0;
        }
      }
    });
  }

  /**
   * A peer may set or remove only the client ids it introduced. Stock clients echo everyone's
   * states back, so entries owned by other connections are dropped quietly, not treated as errors.
   */
  private receiveAwareness(peer: Peer, state: PeerState, update: Uint8Array, frame: Uint8Array): void {
    let entries: ReturnType<typeof decodeAwarenessUpdate>;
    try {
      entries = decodeAwarenessUpdate(update);
    } catch {
      throw new ProtocolError('malformed awareness update');
    }
    const own = entries.filter(
      (entry) =>
        state.awarenessIds.has(entry.clientId) ||
        (!this.ownerOf(entry.clientId) &&
          !this.deps.fanout?.ownedElsewhere(entry.clientId, entry.clock) &&
          // An id that left is known with its last clock; an echo of its old state is not a claim on it.
          entry.clock > (this.awareness.meta.get(entry.clientId)?.clock ?? -1)),
    );
    if (own.length === 0) return;
    let introduced = state.awarenessIds.size;
    for (const entry of own) {
      checkAwarenessState(entry.state, this.limits.maxAwarenessBytes);
      if (!state.awarenessIds.has(entry.clientId) && ++introduced > this.limits.maxAwarenessClients) {
        throw new ProtocolError('too many presence client ids on one connection');
      }
    }
    for (const entry of own) state.awarenessIds.add(entry.clientId);
    const accepted = own.length === entries.length ? update : encodeAwarenessEntries(own);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, accepted, peer);
    for (const entry of own) if (entry.state === 'null') state.awarenessIds.delete(entry.clientId);
    this.broadcast(accepted === update ? frame : encodeAwareness(accepted), peer);
    this.deps.fanout?.localAwareness(accepted);
  }

  /** Whether a peer of this room introduced the presence client id. */
  hasLocalOwner(clientId: number): boolean {
    return this.ownerOf(clientId) !== undefined;
  }

  /** Sends a frame to every peer: changes that came from another instance or from storage. */
  relay(frame: Uint8Array): void {
    this.broadcast(frame, null);
  }

  private ownerOf(clientId: number): Peer | undefined {
    for (const [peer, state] of this.peers) if (state.awarenessIds.has(clientId)) return peer;
    return undefined;
  }

  /** Awareness changes the server makes itself (a peer left, a state timed out) go to every peer. */
  private readonly relayServerAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (typeof origin === 'object' && origin !== null) return; // from a peer: relayed as received
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    this.broadcast(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)), null);
  };

  private broadcast(frame: Uint8Array, except: Peer | null): void {
    let sent = 0;
    for (const peer of this.peers.keys()) {
      if (peer === except) continue;
      peer.send(frame);
      sent++;
    }
    // Counted once per broadcast, not per peer: at a hundred peers the counters cost more than the sends.
    if (sent > 0) {
      this.deps.metrics.messagesOut.inc(sent);
      this.deps.metrics.bytesOut.inc(sent * frame.length);
    }
  }

  private send(peer: Peer, frame: Uint8Array): void {
    this.deps.metrics.messagesOut.inc();
    this.deps.metrics.bytesOut.inc(frame.length);
    peer.send(frame);
  }

  private refuse(peer: Peer, error: unknown): void {
    if (error instanceof ProtocolError) {
      this.deps.metrics.errors.inc({ kind: 'protocol' });
      this.deps.logger.warn({ docId: this.docId, peer: peer.id, reason: error.reason }, 'refused a malformed message');
      peer.close(CLOSE_CODE.protocolError, error.reason);
    } else {
      this.deps.metrics.errors.inc({ kind: 'internal' });
      this.deps.logger.error({ docId: this.docId, peer: peer.id, err: error }, 'handling a message failed');
      peer.close(CLOSE_CODE.internalError, 'internal error');
    }
    this.removePeer(peer);
  }

  private maybeCompact(): void {
    if (this.logLength >= this.deps.compactAfterUpdates && !this.compacting) {
      // Off the hot path: after the current batch's callbacks have run.
      this.compacting = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => this.compact())
        .finally(() => {
          this.compacting = null;
        });
    }
  }

  /** Writes the whole document as one snapshot and drops the log it covers. */
  async compact(): Promise<void> {
    if (this.logLength === 0) return;
    const upToSeq = this.lastSeq;
    const covered = this.logLength;
    this.deps.logger.debug({ docId: this.docId, upToSeq }, 'compaction started');
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    try {
      await this.deps.store.compact(this.docId, snapshot, upToSeq);
      this.logLength -= covered;
      this.deps.logger.debug({ docId: this.docId, upToSeq }, 'compaction finished');
    } catch (error) {
      this.deps.metrics.errors.inc({ kind: 'compaction' });
      this.deps.logger.error({ docId: this.docId, err: error }, 'compaction failed; the log is kept');
    }
  }

  /** Resolves once every accepted update is stored, any compaction finished and any version owed is saved. */
  async settled(): Promise<void> {
    if (this.pendingWrites > 0) await new Promise<void>((resolve) => this.settledWaiters.push(resolve));
    if (this.compacting) await this.compacting;
    await this.watcher?.settled();
  }

  private notifySettled(): void {
    const waiters = this.settledWaiters;
    this.settledWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Closes every peer with `code` (they reconnect or stop, depending on it). */
  closeAll(code: number, reason: string): void {
    for (const peer of [...this.peers.keys()]) {
      this.peers.delete(peer);
      peer.close(code, reason);
    }
  }

  destroy(): void {
    this.destroyed = true;
    this.watcher?.dispose();
    this.awareness.off('update', this.relayServerAwareness);
    this.awareness.destroy();
    this.ydoc.off('afterTransaction', this.forgetFullSync);
    this.ydoc.destroy();
  }
}

/** Decodes the whole update before anything touches the document: a truncated one must not half-apply. */
function validateUpdate(update: Uint8Array): void {
  try {
    Y.decodeUpdate(update);
  } catch {
    throw new ProtocolError('malformed update');
  }
}

/**
 * A presence state must be `null` (the client left) or a JSON object within the size cap: anything
 * else would reach every other client's awareness handlers.
 */
function checkAwarenessState(json: string, maxBytes: number): void {
  if (json === 'null') return;
  // UTF-8 takes at most 3 bytes per UTF-16 unit: count bytes only when the length alone cannot decide.
  if (json.length > maxBytes || (json.length * 3 > maxBytes && Buffer.byteLength(json) > maxBytes)) {
    throw new ProtocolError('presence state too large');
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new ProtocolError('presence state is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProtocolError('presence state is not a JSON object');
  }
}

/** An update with no structs and no deletions (what a read-only client sends as its SyncStep2). */
function isEmptyUpdate(update: Uint8Array): boolean {
  // Encoding of an empty update: 0 struct groups, 0 delete-set clients.
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
