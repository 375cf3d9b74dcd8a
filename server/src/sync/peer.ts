/** A connected client as a room sees it: something that takes bytes and can be closed. Transports implement it. */
export interface Peer {
  /** Unique per connection, for logs. */
  readonly id: string;
  /** The peer asked for durable acknowledgements (`?ack=1`). */
  readonly wantsAcks: boolean;
  /** Updates from a read-only peer are refused with permission-denied. */
  readonly readOnly: boolean;
  /** The access token's subject when tokens are on; names the person in version history. */
  readonly subject?: string | null;
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
}
