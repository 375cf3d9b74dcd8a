/** Defaults for the server's limits; each is configurable (see `.env.example`). */
export const DEFAULT_LIMITS = {
  /** Largest WebSocket frame accepted; larger ones close with 1009 without being buffered. */
  maxMessageBytes: 16 * 1024 * 1024,
} as const;
