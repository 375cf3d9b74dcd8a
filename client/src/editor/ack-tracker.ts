import { MESSAGE_TYPE, SYNC_TYPE } from '../../../shared/protocol/message-type.js';

/** Bytes of an outgoing frame, whatever form `WebSocket.send` got them in; null for text and blobs. */
function frameBytes(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

/**
 * True for the frames the server counts toward durable acknowledgements: sync step 2 (`[0, 1, …]`)
 * and sync update (`[0, 2, …]`). Both type numbers are below 128, so each is one varUint byte.
 */
export function isCountedFrame(data: unknown): boolean {
  const bytes = frameBytes(data);
  return (
    bytes !== null &&
    bytes.length >= 2 &&
    bytes[0] === MESSAGE_TYPE.sync &&
    (bytes[1] === SYNC_TYPE.step2 || bytes[1] === SYNC_TYPE.update)
  );
}

/**
 * Counts, per connection, the updates this client sent and how many of them the server acknowledged as
 * durable (message type 100). Everything sent is durable when `acked >= sent`. Counts start over with
 * each new socket, because the server counts per connection too.
 */
export class AckTracker {
  private socket: object | null = null;
  sent = 0;
  acked = 0;

  /** Starts counting for a freshly opened socket. */
  reset(socket: object | null): void {
    this.socket = socket;
    this.sent = 0;
    this.acked = 0;
  }

  recordSend(socket: object, data: unknown): void {
    if (socket !== this.socket) this.reset(socket);
    if (isCountedFrame(data)) this.sent++;
  }

  /** Applies an ack from `socket`; acks from an older socket and counts that go backwards are ignored. */
  recordAck(socket: object | null, count: number): void {
    if (socket !== this.socket || !Number.isSafeInteger(count)) return;
    this.acked = Math.max(this.acked, count);
  }

  /** Updates sent on this connection that are not yet known to be durable. */
  get pending(): number {
    return Math.max(0, this.sent - this.acked);
  }
}

/**
 * A subclass of the platform's WebSocket (or a polyfill such as `ws` in Node) that reports every frame
 * it sends, for y-websocket's `WebSocketPolyfill` option.
 */
export function countingWebSocket(
  Base: typeof WebSocket,
  onSend: (socket: WebSocket, data: unknown) => void,
): typeof WebSocket {
  return class CountingWebSocket extends Base {
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      super.send(data as ArrayBufferView<ArrayBuffer>);
      // Counted only once the platform accepted the frame (send throws on a socket that is not open).
      onSend(this, data);
    }
  };
}
