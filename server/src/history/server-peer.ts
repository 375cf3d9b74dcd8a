import type { Peer } from '../sync/peer.js';

let nextServerPeer = 0;

/**
 * The server itself as a member of a room, while it changes the document (restore, import): holding a
 * place keeps the room loaded; it receives nothing and sends nothing.
 */
export class ServerPeer implements Peer {
  readonly id = `server-${++nextServerPeer}`;
  readonly wantsAcks = false;
  readonly readOnly = false;

  send(_frame: Uint8Array): void {
    // The server's own changes go through Room.applyServerUpdate; frames for it are not needed.
  }

  close(_code: number, _reason: string): void {
    // Nothing to close: the holder leaves the room itself when its work is done.
  }
}
