import { createRequire } from 'node:module';
import type { Redis, RedisOptions } from 'ioredis';
import type { Logger } from '../logger.js';
import { type PubSub, type PubSubHandler, PubSubUnavailableError } from './pubsub.js';

export interface RedisPubSubOptions {
  /** `redis://[:password@]host:port[/db]` or `rediss://…` */
  url: string;
  logger?: Logger;
  /** Longest wait between reconnection attempts, in milliseconds. @default 1000 */
  maxReconnectDelayMs?: number;
}

/** Loaded on first use: a server without Redis does not pay for the client library at start. */
const loadRedis = (): typeof import('ioredis') => createRequire(import.meta.url)('ioredis');

/**
 * Redis pub/sub over two connections (a subscribed connection cannot publish). Nothing is queued
 * while Redis is away: a publish fails at once, so memory cannot grow during an outage, and every
 * reconnect of either connection emits `resync` once the subscriptions are back, for the caller to
 * recover from storage what pub/sub lost. Subscriptions are kept here, not by ioredis, so the
 * moment they are active again is known.
 */
export class RedisPubSub implements PubSub {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, Set<PubSubHandler>>();
  private readonly resyncListeners = new Set<() => void>();
  /** The subscriber connection is ready and has re-issued every subscription. */
  private subscribed = false;
  private closed = false;
  private readonly logger: Logger | undefined;
  private downSince: number | null = null;

  constructor(options: RedisPubSubOptions) {
    this.logger = options.logger;
    const maxDelay = options.maxReconnectDelayMs ?? 1000;
    const common: RedisOptions = {
      enableOfflineQueue: false,
      autoResubscribe: false,
      autoResendUnfulfilledCommands: false,
      // A command in flight when the connection drops is rejected, not left pending until Redis returns.
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 100, maxDelay),
    };
    const { Redis: RedisClient } = loadRedis();
    this.pub = new RedisClient(options.url, { ...common, connectionName: 'quire-publish' });
    this.sub = new RedisClient(options.url, { ...common, connectionName: 'quire-subscribe' });
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      const handlers = this.handlers.get(channel.toString());
      if (!handlers) return;
      for (const handler of handlers) handler(message);
    });
    this.sub.on('ready', () => void this.resubscribe());
    this.sub.on('close', () => this.wentDown());
    this.pub.on('ready', () => this.cameUp());
    this.pub.on('close', () => this.wentDown());
    for (const connection of [this.pub, this.sub]) {
      // Without a listener ioredis prints every failed attempt; the state change is logged once instead.
      connection.on('error', (error: Error) => this.logger?.debug({ err: error }, 'redis connection error'));
    }
  }

  get connected(): boolean {
    return !this.closed && this.subscribed && this.pub.status === 'ready';
  }

  async subscribe(topic: string, handler: PubSubHandler): Promise<void> {
    if (this.closed) throw new PubSubUnavailableError('closed');
    let set = this.handlers.get(topic);
    if (set) {
      set.add(handler);
      return;
    }
    set = new Set([handler]);
    this.handlers.set(topic, set);
    if (this.sub.status !== 'ready') return; // `resubscribe` covers it when the connection is back
    try {
      await this.sub.subscribe(topic);
    } catch (error) {
      // The connection dropped meanwhile; the next `ready` subscribes again and emits resync.
      this.logger?.debug({ err: error, topic }, 'subscribe failed; retried on reconnect');
    }
  }

  async unsubscribe(topic: string, handler: PubSubHandler): Promise<void> {
    const set = this.handlers.get(topic);
    if (!set?.delete(handler) || set.size > 0) return;
    this.handlers.delete(topic);
    if (this.sub.status !== 'ready') return;
    try {
      await this.sub.unsubscribe(topic);
    } catch {
      // A dropped connection has no subscriptions left, and resubscribe skips topics without handlers.
    }
  }

  async publish(topic: string, message: Uint8Array): Promise<void> {
    if (this.closed || this.pub.status !== 'ready') throw new PubSubUnavailableError('redis is not connected');
    try {
      await this.pub.publish(topic, Buffer.from(message.buffer, message.byteOffset, message.byteLength));
    } catch (error) {
      // The socket can close before ioredis updates its status; callers see one kind of failure either way.
      throw new PubSubUnavailableError(`redis publish failed: ${(error as Error).message}`);
    }
  }

  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  private async resubscribe(): Promise<void> {
    const topics = [...this.handlers.keys()];
    try {
      if (topics.length > 0) await this.sub.subscribe(...topics);
    } catch (error) {
      this.logger?.debug({ err: error }, 'resubscribe failed; retried on reconnect');
      return;
    }
    this.subscribed = true;
    this.cameUp();
  }

  private wentDown(): void {
    if (this.closed) return;
    if (this.sub.status !== 'ready') this.subscribed = false;
    if (this.downSince === null) {
      this.downSince = Date.now();
      this.logger?.warn('redis connection lost; serving local peers only until it returns');
    }
  }

  /** After either connection (re)connects: once both are up, the caller recovers what was lost. */
  private cameUp(): void {
    if (!this.connected || this.closed) return;
    if (this.downSince !== null) {
      this.logger?.info({ downMs: Date.now() - this.downSince }, 'redis connection restored');
      this.downSince = null;
    }
    for (const listener of this.resyncListeners) listener();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handlers.clear();
    await Promise.all(
      [this.pub, this.sub].map(async (connection) => {
        if (connection.status === 'ready') {
          // QUIT lets published messages go out first; disconnect if Redis does not answer.
          const quit = connection.quit().catch(() => undefined);
          const timeout = new Promise((resolve) => setTimeout(resolve, 1000).unref());
          await Promise.race([quit, timeout]);
        }
        connection.disconnect();
      }),
    );
  }
}
