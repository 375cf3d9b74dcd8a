import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../../shared/close-codes.js';
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

/** Where a change to the room's document or awareness came from (every apply names one). */
export const ORIGIN = {
  storage: 'storage',
  server: 'server',
} as const;

interface PeerState {
  /** Awareness client ids this peer introduced; only it may change or remove them. */
  awarenessIds: Set<number>;
  /** Updates received from this peer on this connection. */
  received: number;
  /** Highest received count that is durable and not yet acknowledged. */
  ackDue: number;
}

export interface RoomDeps {
  store: DocStore;
  commits: CommitQueue;
  logger: Logger;
  metrics: Metrics;
  compactAfterUpdates: number;
  /** Called when the last peer left. */
  onEmpty: (room: Room) => void;
}

/** One loaded document and the peers editing it. Knows nothing of sockets beyond `Peer`. */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly peers = new Map<Peer, PeerState>();
  /** Updates written but not yet settled; unload waits for zero. */
  private pendingWrites = 0;
  private settledWaiters: (() => void)[] = [];
  /** Updates in the storage log since the last snapshot. */
  private logLength: number;
  private lastSeq: number;
  private compacting: Promise<void> | null = null;
  private acksScheduled = false;

  constructor(
    readonly docId: string,
    stored: StoredDoc | null,
    private readonly deps: RoomDeps,
  ) {
    // The server holds no local awareness state of its own.
    this.awareness.setLocalState(null);
    this.lastSeq = stored?.lastSeq ?? 0;
    this.logLength = stored?.updates.length ?? 0;
    if (stored) this.applyStored(stored);
    this.awareness.on('update', this.relayServerAwareness);
  }

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
    this.peers.set(peer, { awarenessIds: new Set(), received: 0, ackDue: 0 });
    this.send(peer, encodeSyncStep1(Y.encodeStateVector(this.doc)));
    if (this.awareness.getStates().size > 0) {
      const ids = [...this.awareness.getStates().keys()];
      this.send(peer, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
    }
  }

  removePeer(peer: Peer): void {
    const state = this.peers.get(peer);
    if (!state) return;
    this.peers.delete(peer);
    if (state.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...state.awarenessIds], ORIGIN.server);
    }
    if (this.peers.size === 0) this.deps.onEmpty(this);
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
        this.send(peer, encodeSyncStep2(this.diffFor(message.stateVector)));
        return;
      case 'sync-step2':
      case 'sync-update':
        this.receiveUpdate(peer, state, message.update, message.kind === 'sync-update' ? frame : null);
        return;
      case 'awareness':
        this.receiveAwareness(peer, state, message.update, frame);
        return;
      case 'query-awareness': {
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

  private diffFor(stateVector: Uint8Array): Uint8Array {
    try {
      return Y.encodeStateAsUpdate(this.doc, stateVector);
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
    const ticket = ++state.received;
    const relayFrame = updateFrame ?? encodeSyncUpdate(update);
    this.pendingWrites++;
    this.deps.commits.enqueue({ docId: this.docId, update }, (error, seq) => {
      this.pendingWrites--;
      if (error) {
        this.deps.metrics.errors.inc({ kind: 'storage' });
        this.deps.logger.error({ docId: this.docId, err: error }, 'storing an update failed');
        // Nothing was applied or relayed; the client resyncs the same change when it reconnects.
        if (this.peers.has(peer)) peer.close(CLOSE_CODE.internalError, 'storage failed');
      } else {
        this.lastSeq = Math.max(this.lastSeq, seq);
        this.logLength++;
        try {
          Y.applyUpdate(this.doc, update, peer);
        } catch (applyError) {
          // Decoded cleanly but Yjs rejected it; loading skips such an update too (see applyStored).
          this.refuse(peer, new ProtocolError('update could not be applied'));
          this.deps.logger.error({ docId: this.docId, err: applyError }, 'a stored update failed to apply');
          if (this.pendingWrites === 0) this.notifySettled();
          return;
        }
        this.broadcast(relayFrame, peer);
        if (peer.wantsAcks && this.peers.has(peer)) this.scheduleAck(state, ticket);
        this.maybeCompact();
      }
      if (this.pendingWrites === 0) this.notifySettled();
    });
  }

  /**
   * A change made by the server itself (REST import, version restore): stored like any peer's update,
   * then applied and relayed to every peer. Resolves once it is durable and applied.
   */
  applyServerUpdate(update: Uint8Array, origin: string = ORIGIN.server): Promise<void> {
    validateUpdate(update);
    this.pendingWrites++;
    return new Promise((resolve, reject) => {
      this.deps.commits.enqueue({ docId: this.docId, update }, (error, seq) => {
        this.pendingWrites--;
        if (error) reject(error);
        else {
          this.lastSeq = Math.max(this.lastSeq, seq);
          this.logLength++;
          Y.applyUpdate(this.doc, update, origin);
          this.broadcast(encodeSyncUpdate(update), null);
          this.maybeCompact();
          resolve();
        }
        if (this.pendingWrites === 0) this.notifySettled();
      });
    });
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
    const own = entries.filter((entry) => state.awarenessIds.has(entry.clientId) || !this.ownerOf(entry.clientId));
    if (own.length === 0) return;
    for (const entry of own) state.awarenessIds.add(entry.clientId);
    const accepted = own.length === entries.length ? update : encodeAwarenessEntries(own);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, accepted, peer);
    for (const entry of own) if (entry.state === 'null') state.awarenessIds.delete(entry.clientId);
    this.broadcast(accepted === update ? frame : encodeAwareness(accepted), peer);
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
    for (const peer of this.peers.keys()) if (peer !== except) this.send(peer, frame);
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
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    try {
      await this.deps.store.compact(this.docId, snapshot, upToSeq);
      this.logLength -= covered;
    } catch (error) {
      this.deps.metrics.errors.inc({ kind: 'compaction' });
      this.deps.logger.error({ docId: this.docId, err: error }, 'compaction failed; the log is kept');
    }
  }

  /** Resolves once every accepted update is stored and any compaction finished. */
  async settled(): Promise<void> {
    if (this.pendingWrites > 0) await new Promise<void>((resolve) => this.settledWaiters.push(resolve));
    if (this.compacting) await this.compacting;
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
    this.awareness.off('update', this.relayServerAwareness);
    this.awareness.destroy();
    this.doc.destroy();
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

/** An update with no structs and no deletions (what a read-only client sends as its SyncStep2). */
function isEmptyUpdate(update: Uint8Array): boolean {
  // Encoding of an empty update: 0 struct groups, 0 delete-set clients.
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
