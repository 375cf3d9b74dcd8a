import { TOKEN_QUERY_PARAM, TOKEN_SUBPROTOCOL_PREFIX } from '../../../shared/auth.js';

/**
 * The token of a WebSocket handshake: `?token=` or a `quire.token.<jwt>` subprotocol. Null when
 * there is none; shape and length are checked by the verifier, never logged.
 */
export function tokenFromUpgrade(url: URL, protocolHeader: string | undefined): string | null {
  const fromQuery = url.searchParams.get(TOKEN_QUERY_PARAM);
  if (fromQuery) return fromQuery;
  if (!protocolHeader) return null;
  for (const part of protocolHeader.split(',')) {
    const protocol = part.trim();
    if (protocol.startsWith(TOKEN_SUBPROTOCOL_PREFIX)) return protocol.slice(TOKEN_SUBPROTOCOL_PREFIX.length);
  }
  return null;
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function tokenFromBearer(header: string | undefined): string | null {
  const match = header ? /^Bearer +(\S+) *$/i.exec(header) : null;
  return match?.[1] ?? null;
}
