/** A frame that does not follow the y-websocket protocol. `reason` is safe to send to the peer. */
export class ProtocolError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ProtocolError';
  }
}
