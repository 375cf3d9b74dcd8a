import WebSocket from 'ws';
import { onCleanup } from './helpers.js';

export interface RawSocket {
  socket: WebSocket;
  frames: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
}

/** A bare `ws` client for sending hand-made frames; records what the server sends and how it closes. */
export async function openRawSocket(url: string): Promise<RawSocket> {
  const socket = new WebSocket(url);
  const frames: Uint8Array[] = [];
  socket.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on('error', () => {
    // Failures show up as the close code the tests assert on.
  });
  onCleanup(() => socket.terminate());
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
  return { socket, frames, closed };
}

/** The HTTP status a WebSocket handshake to `url` was refused with. */
export function handshakeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => {
      socket.terminate();
      resolve(101);
    });
    socket.on('error', (error) => reject(error));
  });
}
