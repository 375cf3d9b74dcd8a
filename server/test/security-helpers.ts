import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { onCleanup, waitFor } from './helpers.js';

/** A 32+ character HS256 secret for token-mode tests. */
export const TEST_SECRET = 'quire-test-secret-0123456789-abcdefghij';

/** Signs a Quire token with the test secret (or `key`); `expiresIn` in seconds, negative for an expired one. */
export async function mintToken(
  claims: { docs: string[]; scope: 'read' | 'write'; sub?: string },
  options: { expiresIn?: number; secret?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresIn ?? 600))
    .sign(new TextEncoder().encode(options.secret ?? TEST_SECRET));
}

export interface SocketResult {
  /** 101 when the upgrade succeeded, else the HTTP status. */
  status: number;
  socket: WebSocket | null;
  /** Frames received (after a successful upgrade). */
  frames: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
  /** The subprotocol the server selected. */
  protocol: string;
}

/** Opens a WebSocket with optional headers and subprotocols; resolves with the outcome of the handshake. */
export function openSocket(
  url: string,
  options: { headers?: Record<string, string>; protocols?: string[] } = {},
): Promise<SocketResult> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options.protocols ?? [], { headers: options.headers });
    const frames: Uint8Array[] = [];
    socket.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
    const closed = new Promise<{ code: number; reason: string }>((resolveClose) =>
      socket.once('close', (code, reason) => resolveClose({ code, reason: reason.toString() })),
    );
    onCleanup(() => socket.terminate());
    socket.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, socket: null, frames, closed, protocol: '' });
      socket.terminate();
    });
    socket.once('open', () => resolve({ status: 101, socket, frames, closed, protocol: socket.protocol }));
    socket.on('error', (error) => {
      if (socket.readyState === socket.CONNECTING) reject(error);
    });
  });
}

/** A plain TCP connection to the server, closed after the test. */
export function openTcp(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
    onCleanup(() => {
      socket.destroy();
    });
  });
}

/** Reads the value of a Prometheus counter (summing series whose labels include `labels`). */
export async function metricValue(baseUrl: string, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== ' ' && rest[0] !== '{') continue;
    if (labels && !rest.includes(labels)) continue;
    sum += Number(line.split(' ').at(-1));
  }
  return sum;
}

/** Waits until `metric` reaches at least `value`. */
export async function waitForMetric(baseUrl: string, name: string, labels: string, value: number, timeoutMs = 5000) {
  let current = 0;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    current = await metricValue(baseUrl, name, labels);
    if (current >= value) return current;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${name}{${labels}} >= ${value} (is ${current})`);
}

export { waitFor };

export interface RawResponse {
  status: number;
  /** The status line, raw headers and body as text: everything a response could leak through. */
  whole: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request through `node:http`, which (unlike fetch) sends the `Host` header it is given:
 * what a page whose DNS name was rebound to this machine sends.
 */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // An explicit length: Node sends a DELETE body neither chunked nor sized otherwise.
    const length = options.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(options.body)) };
    const headers = { ...length, ...options.headers };
    const request = httpRequest(url, { method: options.method ?? 'GET', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const head = `HTTP/${response.httpVersion} ${response.statusCode} ${response.statusMessage}\r\n`;
        const rawHeaders: string[] = [];
        for (let i = 0; i < response.rawHeaders.length; i += 2) {
          rawHeaders.push(`${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}`);
        }
        resolve({
          status: response.statusCode ?? 0,
          whole: `${head}${rawHeaders.join('\r\n')}\r\n\r\n${body}`,
          headers: response.headers,
          body,
        });
      });
      response.on('error', reject);
    });
    request.setTimeout(10_000, () => request.destroy(new Error(`no answer from ${url} within 10 s`)));
    request.on('error', (error) => reject(new Error(`${options.method ?? 'GET'} ${url}: ${error.message}`)));
    request.end(options.body);
  });
}
