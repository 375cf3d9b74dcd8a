import type { WebSocket } from 'ws';
import type { Peer } from '../sync/peer.js';

let nextPeerNumber = 0;

/** A `Peer` over a `ws` socket. Sends are dropped once the socket is closing. */
export class SocketPeer implements Peer {
  readonly id = `p${++nextPeerNumber}`;

  constructor(
    private readonly socket: WebSocket,
    readonly wantsAcks: boolean,
    readonly readOnly: boolean,
  ) {}

  send(frame: Uint8Array): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(frame, { binary: true });
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
      this.socket.close(code, reason);
    }
  }
}
