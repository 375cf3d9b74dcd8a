import { describeCloseCode } from '../../../shared/close-codes.js';

/** What a refused or failed handshake meant, learned by asking the same URL over plain HTTP. */
export type ProbeResult =
  /** Reconnecting cannot help; `code` is the 44xx close code matching the HTTP status. */
  | { kind: 'permanent'; status: number; code: number; message: string }
  /** Worth retrying: the server is unreachable, busy, or accepted the request this time. */
  | { kind: 'transient'; status: number | null; message: string };

/** HTTP statuses after which retrying cannot succeed. */
const PERMANENT_STATUSES = new Set([400, 401, 403, 404]);

const MAX_MESSAGE_LENGTH = 300;

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'This is not a valid document address.',
  401: describeCloseCode(4401),
  403: describeCloseCode(4403),
  404: 'This document does not exist.',
};

function messageOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const message = (body as { message?: unknown }).message;
  if (typeof message !== 'string' || message.trim() === '') return null;
  return message.trim().slice(0, MAX_MESSAGE_LENGTH);
}

/**
 * Classifies the answer to `GET /collab/<docId>`: the server runs the same checks as for the upgrade and
 * answers `{ error, message }` with their status, or 426 when every check passed. `status` is null when
 * the request itself failed (server down, network gone).
 */
export function classifyProbe(status: number | null, body: unknown): ProbeResult {
  if (status === null) return { kind: 'transient', status, message: 'The server cannot be reached.' };
  if (PERMANENT_STATUSES.has(status)) {
    const message = messageOf(body) ?? DEFAULT_MESSAGES[status] ?? `The server refused the connection (${status}).`;
    // 4400–4499 mirror HTTP 4xx, as in shared/close-codes.ts.
    return { kind: 'permanent', status, code: 4000 + status, message };
  }
  if (status === 426) return { kind: 'transient', status, message: 'The server accepts connections.' };
  return {
    kind: 'transient',
    status,
    message: messageOf(body) ?? `The server is not accepting connections (${status}).`,
  };
}

/** The plain-HTTP URL of a WebSocket URL (`ws:` → `http:`, `wss:` → `https:`). */
export const httpUrlOf = (wsUrl: string): string => wsUrl.replace(/^ws(s?):/i, 'http$1:');

/** Asks the server why a WebSocket handshake failed. Never throws. */
export async function probeHandshake(
  wsUrl: string,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = 5000,
): Promise<ProbeResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchImpl(httpUrlOf(wsUrl), {
      cache: 'no-store',
      credentials: 'omit',
      signal: controller.signal,
    });
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // Not JSON (a proxy's error page, say): the status alone decides.
    }
    return classifyProbe(response.status, body);
  } catch {
    return classifyProbe(null, null);
  } finally {
    clearTimeout(timer);
  }
}
