/**
 * Every WebSocket close code Quire sends, in one table.
 *
 * Permanent refusals live in 4400–4499: a stock y-websocket client stops reconnecting on those
 * (and so does Quire's client). Everything else is transient: the client backs off and comes back.
 */
export const CLOSE_CODE = {
  /** The server is shutting down or restarting; reconnect. */
  goingAway: 1001,
  /** A frame larger than the configured maximum message size. */
  messageTooBig: 1009,
  /** Storage or another internal failure; nothing was applied, reconnect to resync. */
  internalError: 1011,
  /** The server is over capacity; reconnect later. */
  tryAgainLater: 1013,
  /** The access token expired while connected; reconnect with a fresh one. */
  tokenExpired: 4001,
  /** The peer stopped reading and its send buffer passed the cap; reconnect to resync. */
  slowReader: 4002,
  /** The peer sent more messages or bytes per second than allowed; back off. */
  rateLimited: 4029,
  /** A malformed frame or update. */
  protocolError: 4400,
  /** No valid credentials. */
  unauthorized: 4401,
  /** The credentials do not allow this document or action. */
  forbidden: 4403,
  /** The document was deleted while connected. */
  documentDeleted: 4410,
  /** The document would grow past the maximum document size. */
  documentTooLarge: 4413,
} as const;

export type CloseCode = (typeof CLOSE_CODE)[keyof typeof CLOSE_CODE];

/** True for the codes after which a client must not reconnect on its own. */
export const isPermanentCloseCode = (code: number): boolean => code >= 4400 && code < 4500;

/** Human text for a close code, for status bars and logs. */
export function describeCloseCode(code: number): string {
  switch (code) {
    case CLOSE_CODE.goingAway:
      return 'The server is restarting.';
    case CLOSE_CODE.messageTooBig:
      return 'A change was larger than the server accepts.';
    case CLOSE_CODE.internalError:
      return 'The server could not save a change; retrying.';
    case CLOSE_CODE.tryAgainLater:
      return 'The server is busy.';
    case CLOSE_CODE.tokenExpired:
      return 'Your access expired; renewing.';
    case CLOSE_CODE.slowReader:
      return 'The connection fell behind.';
    case CLOSE_CODE.rateLimited:
      return 'Too many changes at once; slowing down.';
    case CLOSE_CODE.protocolError:
      return 'The server refused a malformed message.';
    case CLOSE_CODE.unauthorized:
      return 'You are not signed in to this document.';
    case CLOSE_CODE.forbidden:
      return 'You do not have access to this document.';
    case CLOSE_CODE.documentDeleted:
      return 'This document was deleted.';
    case CLOSE_CODE.documentTooLarge:
      return 'This document reached its maximum size.';
    default:
      return `The connection closed (code ${code}).`;
  }
}
