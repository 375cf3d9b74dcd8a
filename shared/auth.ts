/**
 * How a client presents an access token (token mode, see SECURITY.md). WebSockets: the query
 * parameter `token`, or the subprotocols `['quire', 'quire.token.<jwt>']` (the server answers `quire`,
 * so the token is never echoed); REST: `Authorization: Bearer <jwt>`.
 */
export const TOKEN_QUERY_PARAM = 'token';

/** The subprotocol the server selects when a client offers it. */
export const QUIRE_SUBPROTOCOL = 'quire';

/** Prefix of the subprotocol that carries a token. */
export const TOKEN_SUBPROTOCOL_PREFIX = 'quire.token.';

/** Subprotocols for `new WebSocket(url, protocols)` (or the y-websocket `protocols` option) carrying `token`. */
export const tokenSubprotocols = (token: string): string[] => [
  QUIRE_SUBPROTOCOL,
  `${TOKEN_SUBPROTOCOL_PREFIX}${token}`,
];

/** What a token allows on the documents it names: `write` includes `read`. */
export type Scope = 'read' | 'write';

/**
 * The claims Quire reads from a token (a JWT). `docs` lists document ids, view ids or patterns where
 * `*` stands for any run of id characters (`team-7-*`, `*`).
 */
export interface QuireClaims {
  docs: string[];
  scope: Scope;
  sub?: string;
  exp?: number;
}
