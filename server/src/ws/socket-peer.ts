import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { CLOSE_CODE } from '../../../shared/close-codes.js';
import { MESSAGE_TYPE } from '../../../shared/protocol/message-type.js';
import type { Peer } from '../sync/peer.js';

let nextPeerNumber = 0;

/**
 * How long a peer the server closed gets to answer the close before its socket (and send buffer) is
 * destroyed; `ws` would wait 30 s, during which a hostile peer keeps sending and a stalled one keeps memory.
 */
const CLOSE_GRACE_MS = 2000;

export interface SocketPeerOptions {
  /** Bytes queued toward the peer past which it counts as not reading and is dropped (4002). @default Infinity */
  maxBufferedBytes?: number;
  /** Called once when the peer is dropped for not reading (for metrics). */
  onSlowReader?: () => void;
  /** Called with the size of each presence (awareness) frame sent; stock clients echo those back. */
  onAwarenessSent?: (size: number) => void;
  /** The access token's subject, if any. @default null */
  subject?: string | null;
}

/** A `Peer` over a `ws` socket. Sends are dropped once the socket is closing. */
export class SocketPeer implements Peer {
  readonly id = `p${++nextPeerNumber}`;
  private readonly maxBufferedBytes: number;
  readonly subject: string | null;
  /** The TCP socket under `ws` (its `_socket`), corked while frames of one tick are queued. */
  private readonly tcp: Duplex | undefined;
  private corked = false;

  constructor(
    private readonly socket: WebSocket,
    readonly wantsAcks: boolean,
    readonly readOnly: boolean,
    private readonly options: SocketPeerOptions = {},
  ) {
    this.maxBufferedBytes = options.maxBufferedBytes ?? Number.POSITIVE_INFINITY;
    this.subject = options.subject ?? null;
    this.tcp = (socket as unknown as { _socket?: Duplex })._socket;
  }

  send(frame: Uint8Array): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    // Checked before queueing, so one frame larger than the cap (a big document's first sync) still goes
    // out; what a reader that stopped reading can pin is the cap plus one frame.
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.dropSlowReader();
      return;
    }
    if (!this.corked && this.tcp) {
      // Every frame for this peer in this tick (a group commit's updates, their acks) leaves in one
      // writev syscall instead of one each: the kernel write is most of what relaying costs.
      this.corked = true;
      this.tcp.cork();
      process.nextTick(this.uncork);
    }
    this.socket.send(frame, { binary: true });
    if (frame[0] === MESSAGE_TYPE.awareness) this.options.onAwarenessSent?.(frame.length);
  }

  private readonly uncork = (): void => {
    this.corked = false;
    this.tcp?.uncork();
  };

  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
      this.socket.close(code, reason);
      const timer = setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS);
      timer.unref();
      this.socket.once('close', () => clearTimeout(timer));
    }
  }

  /** Transient close: the client reconnects and catches up through state vectors, not through this buffer. */
  private dropSlowReader(): void {
    this.options.onSlowReader?.();
    this.close(CLOSE_CODE.slowReader, 'send buffer full');
  }
}
