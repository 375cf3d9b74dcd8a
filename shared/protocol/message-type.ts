/** Top-level y-websocket message types (the first varUint of every frame). */
export const MESSAGE_TYPE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /** Quire extension: durable acknowledgement, sent only to peers that opted in with `?ack=1`. */
  ack: 100,
} as const;

export type MessageType = (typeof MESSAGE_TYPE)[keyof typeof MESSAGE_TYPE];

/** Sub-types of a sync message (y-protocols/sync). */
export const SYNC_TYPE = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;

export type SyncType = (typeof SYNC_TYPE)[keyof typeof SYNC_TYPE];

/** Sub-types of an auth message (y-protocols/auth): only permission-denied is defined. */
export const AUTH_TYPE = {
  permissionDenied: 0,
} as const;

/** Query parameter with which a client asks for durable acknowledgements. */
export const ACK_QUERY_PARAM = 'ack';
