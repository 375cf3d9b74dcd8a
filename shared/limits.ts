/**
 * Every limit the server enforces, with its default: the one table (SECURITY.md repeats it, and a test
 * keeps the two in step). Each is configurable through the environment variable named in its comment.
 * Counts are per second over a fixed one-second window unless the name says otherwise; sizes are bytes.
 */
export const DEFAULT_LIMITS = {
  /** `QUIRE_MAX_MESSAGE_BYTES`: largest WebSocket frame; larger ones close with 1009 without being buffered. */
  maxMessageBytes: 16 * 1024 * 1024,
  /** `QUIRE_MAX_DOCUMENT_BYTES`: encoded size a document may reach; an update past it closes with 4413. */
  maxDocumentBytes: 32 * 1024 * 1024,
  /** `QUIRE_MAX_CONNECTIONS`: open WebSockets in total; more get HTTP 503 before the upgrade. */
  maxConnections: 10_000,
  /** `QUIRE_MAX_CONNECTIONS_PER_IP`: open WebSockets from one address; more get HTTP 429. */
  maxConnectionsPerIp: 100,
  /** `QUIRE_MAX_HANDSHAKES_PER_IP`: WebSocket handshakes one address may start per second; more get HTTP 429. */
  maxHandshakesPerIp: 50,
  /** `QUIRE_MAX_MESSAGES_PER_SECOND`: messages one connection may send per second; more close with 4029. */
  maxMessagesPerSecond: 300,
  /** `QUIRE_MAX_BYTES_PER_SECOND`: bytes one connection may send per second; more close with 4029. */
  maxBytesPerSecond: 16 * 1024 * 1024,
  /** `QUIRE_MAX_AWARENESS_BYTES`: size of one client's presence state (JSON); larger closes with 4400. */
  maxAwarenessBytes: 64 * 1024,
  /** `QUIRE_MAX_AWARENESS_CLIENTS`: presence client ids one connection may introduce; more closes with 4400. */
  maxAwarenessClients: 8,
  /** `QUIRE_MAX_PENDING_BYTES`: unintegrated update bytes (missing dependencies) a document may hold; past it they are dropped and the sender closed with 4400. */
  maxPendingBytes: 4 * 1024 * 1024,
  /** `QUIRE_MAX_BUFFERED_BYTES`: data queued toward one peer that is not reading; past it the peer is closed with 4002. */
  maxBufferedBytes: 8 * 1024 * 1024,
  /** `QUIRE_HANDSHAKE_TIMEOUT_MS`: milliseconds a client has to send its complete HTTP upgrade request. */
  handshakeTimeoutMs: 10_000,
  // REST (issue 12): writes per client address, and what one document may keep as versions on request.
  /** `QUIRE_MAX_REST_WRITES_PER_MINUTE`: POST, PUT, PATCH and DELETE requests under `/api` one address may make per minute; more get HTTP 429. */
  maxRestWritesPerMinute: 120,
  /** `QUIRE_MAX_NAMED_VERSIONS`: named versions (and restore backups) one document may keep; more are refused with HTTP 409. */
  maxNamedVersions: 100,
  /** `QUIRE_MAX_NAMED_VERSION_BYTES`: stored bytes of those versions per document; past it new ones are refused with HTTP 409. */
  maxNamedVersionBytes: 128 * 1024 * 1024,
} as const;

export type Limits = { -readonly [K in keyof typeof DEFAULT_LIMITS]: number };
