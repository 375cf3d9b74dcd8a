import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';

/** WebSocket opcodes (RFC 6455 §5.2). */
export const OPCODE = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

export interface FrameOptions {
  fin?: boolean;
  /** RSV1-3 bits (0-7); anything but 0 is a violation without an extension. */
  rsv?: number;
  /** Client frames must be masked; false is a violation. */
  mask?: boolean;
  /** Claims this payload length instead of the real one. */
  declaredLength?: number;
  /** The 4-byte masking key. @default random */
  maskKey?: Uint8Array;
}

/** Encodes one client-to-server WebSocket frame by hand, violations included. */
export function wsFrame(opcode: number, payload: Uint8Array, options: FrameOptions = {}): Buffer {
  const { fin = true, rsv = 0, mask = true } = options;
  const length = options.declaredLength ?? payload.length;
  const head: number[] = [(fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f)];
  const maskBit = mask ? 0x80 : 0;
  if (length < 126) head.push(maskBit | length);
  else if (length < 65536) head.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    head.push(maskBit | 127);
    const big = Buffer.alloc(8);
    big.writeBigUInt64BE(BigInt(length));
    head.push(...big);
  }
  const body = Buffer.from(payload);
  if (!mask) return Buffer.concat([Buffer.from(head), body]);
  const key = options.maskKey ?? randomBytes(4);
  for (let i = 0; i < body.length; i++) body[i] = (body[i] as number) ^ (key[i & 3] as number);
  return Buffer.concat([Buffer.from(head), key, body]);
}

export const handshakeRequest = (path: string, extraHeaders = ''): string =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n${extraHeaders}\r\n`;

export interface RawOutcome {
  /** HTTP status of the handshake (101 when upgraded; 0 when the server hung up without one). */
  status: number;
  /** Close code the server sent (0: none, the TCP connection just ended). */
  closeCode: number;
  /** True when the server did not end the connection before the deadline. */
  timedOut: boolean;
}

/**
 * One raw TCP connection: sends `request` (a handshake, possibly malformed), then, if upgraded,
 * `frames` in one write; answers the server's close frame by hanging up, and resolves when the
 * connection ends (or after `deadlineMs`, hanging up itself).
 */
export function rawSession(
  port: number,
  request: string | Buffer,
  frames: Buffer,
  options: { deadlineMs?: number; hangUp?: boolean } = {},
): Promise<RawOutcome> {
  const { deadlineMs = 5000, hangUp = false } = options;
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const outcome: RawOutcome = { status: 0, closeCode: 0, timedOut: false };
    let buffered = Buffer.alloc(0);
    let upgraded = false;
    const timer = setTimeout(() => {
      outcome.timedOut = true;
      socket.destroy();
    }, deadlineMs);
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (!upgraded) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        outcome.status = Number(/^HTTP\/1\.1 (\d{3})/.exec(buffered.subarray(0, end).toString('latin1'))?.[1] ?? 0);
        buffered = buffered.subarray(end + 4);
        if (outcome.status !== 101) {
          socket.destroy();
          return;
        }
        upgraded = true;
        if (frames.length > 0) socket.write(frames);
        if (hangUp || frames.length === 0) socket.end();
      }
      // Server frames are unmasked; skip them until a close frame shows up.
      for (;;) {
        if (buffered.length < 2) return;
        const opcode = (buffered[0] as number) & 0x0f;
        let length = (buffered[1] as number) & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffered.length < 4) return;
          length = buffered.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffered.length < 10) return;
          length = Number(buffered.readBigUInt64BE(2));
          offset = 10;
        }
        if (buffered.length < offset + length) return;
        if (opcode === OPCODE.close) {
          outcome.closeCode = length >= 2 ? buffered.readUInt16BE(offset) : 1005;
          socket.destroy();
          return;
        }
        buffered = buffered.subarray(offset + length);
      }
    });
    socket.on('error', () => {
      // A reset is one of the ways a server refuses; the outcome says what happened.
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(outcome);
    });
  });
}
