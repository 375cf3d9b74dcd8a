/** Receives the bytes of one message published on a topic it subscribed to. */
export type PubSubHandler = (message: Uint8Array) => void;

/**
 * Best-effort publish/subscribe between server instances: messages are delivered at most once, in
 * publish order per connection, to every subscriber of the topic (the publisher's own included).
 * A dropped connection loses messages; after it returns the implementation emits `resync` so its
 * user can recover from durable storage. Every implementation passes `pubsub.contract.ts`.
 */
export interface PubSub {
  /**
   * Starts delivering the topic's messages to `handler`. Resolves once the subscription is active, or
   * at once while disconnected: it then becomes active on reconnect, followed by `resync`.
   */
  subscribe(topic: string, handler: PubSubHandler): Promise<void>;
  /** Stops delivering to `handler`; the topic is dropped when its last handler goes. */
  unsubscribe(topic: string, handler: PubSubHandler): Promise<void>;
  /** Sends to the topic's current subscribers; rejects at once while disconnected (nothing is queued). */
  publish(topic: string, message: Uint8Array): Promise<void>;
  /**
   * Calls `listener` after every (re)connection, once subscriptions are active again: messages may
   * have been lost in either direction meanwhile. Returns a function that removes the listener.
   */
  onResync(listener: () => void): () => void;
  /** True while messages can flow both ways. */
  readonly connected: boolean;
  /**
   * True when no other instance can ever hear this connection (an in-process bus of its own): callers
   * may skip publishing altogether, which keeps a lone server's hot path free of fan-out work.
   */
  readonly solitary?: boolean;
  close(): Promise<void>;
}

/** `publish` while the connection is down. */
export class PubSubUnavailableError extends Error {
  override name = 'PubSubUnavailableError';
}
