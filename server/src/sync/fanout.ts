import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { PubSub, PubSubHandler } from '../pubsub/pubsub.js';
import {
  decodeEvictPayload,
  decodeFanoutMessage,
  encodeEvictPayload,
  encodeFanoutMessage,
  FANOUT_KIND,
  type FanoutKind,
  type FanoutMessage,
} from './fanout-message.js';

/** What an instance does with another instance's messages about one document (a `RoomLink`). */
export interface DocListener {
  remoteUpdate(update: Uint8Array): void;
  remoteAwareness(update: Uint8Array, from: string): void;
  /** Another instance wants this instance's presence for the document. */
  presenceWanted(): void;
  /** Pub/sub may have lost messages: load what storage has. */
  catchUp(): void;
  /** Another instance closed the document's peers (it was deleted): do the same here. */
  evicted(code: number, reason: string): void;
  /** An instance stopped or stopped answering: its peers' presence must go. */
  instanceGone(instanceId: string): void;
}

export interface FanoutOptions {
  pubsub: PubSub;
  /** Prefix of every topic, so several deployments can share one Redis. */
  prefix: string;
  /**
   * An instance not heard from for this long is taken as gone and its presence removed; heartbeats go
   * out four times per period.
   */
  instanceTimeoutMs: number;
  logger: Logger;
  metrics: Metrics;
}

/**
 * This instance's side of the fan-out between instances: one pub/sub topic per open document (only
 * documents this instance's peers have open), plus one topic of instance heartbeats. Updates are
 * published only once durable, so a receiver applies and relays them without storing them again; a
 * lost message is recovered from storage on `resync`. See docs/decisions/031.
 */
export class Fanout {
  readonly instanceId = randomBytes(8).toString('hex');
  private readonly docs = new Map<string, { listener: DocListener; handler: PubSubHandler }>();
  /** Other instances and when they were last heard from. */
  private readonly lastSeen = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Documents whose message failed to publish; a resync for them is on its way. */
  private readonly failedDocs = new Set<string>();
  private readonly stopResync: () => void;
  private readonly instancesTopic: string;
  private readonly sent;
  private readonly received;

  constructor(private readonly options: FanoutOptions) {
    this.instancesTopic = `${options.prefix}instances`;
    this.stopResync = options.pubsub.onResync(() => this.resync());
    this.sent = options.metrics.fanoutMessages.labels({ direction: 'out' });
    this.received = options.metrics.fanoutMessages.labels({ direction: 'in' });
  }

  /** False while pub/sub is down: local peers are still served, other instances catch up later. */
  get connected(): boolean {
    return this.options.pubsub.connected;
  }

  /** Instances heard from recently (not counting this one). */
  get otherInstances(): number {
    return this.lastSeen.size;
  }

  async start(): Promise<void> {
    await this.options.pubsub.subscribe(this.instancesTopic, this.receiveInstanceMessage);
    if (this.stopped) return; // stopped while subscribing: no timer to leak
    this.beat();
    const period = Math.max(10, Math.floor(this.options.instanceTimeoutMs / 4));
    this.timer = setInterval(() => {
      this.beat();
      this.expireSilentInstances();
    }, period);
    this.timer.unref();
  }

  /**
   * Subscribes to the document's topic before the caller loads it from storage, so no update that
   * becomes durable after the load can be missed; then asks the others for their presence.
   */
  async join(docId: string, listener: DocListener): Promise<void> {
    const handler: PubSubHandler = (message) => this.receive(listener, message);
    this.docs.set(docId, { listener, handler });
    await this.options.pubsub.subscribe(this.topic(docId), handler);
    this.send(docId, FANOUT_KIND.query);
  }

  async leave(docId: string, listener: DocListener): Promise<void> {
    const entry = this.docs.get(docId);
    if (!entry || entry.listener !== listener) return;
    this.docs.delete(docId);
    await this.options.pubsub.unsubscribe(this.topic(docId), entry.handler);
  }

  /** Call only once the update is durable. */
  publishUpdate(docId: string, update: Uint8Array): void {
    this.send(docId, FANOUT_KIND.update, update);
  }

  publishAwareness(docId: string, update: Uint8Array): void {
    this.send(docId, FANOUT_KIND.awareness, update);
  }

  /** Asks every other instance holding the document to close its peers with `code`. */
  publishEvict(docId: string, code: number, reason: string): void {
    this.send(docId, FANOUT_KIND.evict, encodeEvictPayload(code, reason));
  }

  private topic(docId: string): string {
    return `${this.options.prefix}doc:${docId}`;
  }

  private send(docId: string, kind: FanoutKind, payload?: Uint8Array): void {
    this.publish(this.topic(docId), kind, payload, docId);
  }

  private publish(topic: string, kind: FanoutKind, payload?: Uint8Array, docId?: string): void {
    const { pubsub, metrics, logger } = this.options;
    // Alone, nobody can hear; while down nothing is sent (or queued): the reconnect's resync recovers it.
    if (pubsub.solitary || !pubsub.connected) return;
    this.sent.inc();
    pubsub.publish(topic, encodeFanoutMessage(kind, this.instanceId, payload)).catch((error: unknown) => {
      metrics.errors.inc({ kind: 'pubsub' });
      logger.debug({ err: error, topic }, 'publish failed; the others will catch up from storage');
      if (docId !== undefined) this.resyncLater(docId);
    });
  }

  /**
   * A message that failed while the connection stayed up (an error reply) is not covered by a reconnect:
   * ask the others to catch up from storage, once, shortly after.
   */
  private resyncLater(docId: string): void {
    if (this.failedDocs.has(docId)) return;
    this.failedDocs.add(docId);
    setTimeout(() => {
      this.failedDocs.delete(docId);
      if (this.docs.has(docId)) this.send(docId, FANOUT_KIND.resync);
    }, 500).unref();
  }

  private decode(message: Uint8Array): FanoutMessage | null {
    try {
      const decoded = decodeFanoutMessage(message);
      return decoded.from === this.instanceId ? null : decoded;
    } catch (error) {
      this.options.metrics.errors.inc({ kind: 'pubsub' });
      this.options.logger.warn({ err: error }, 'ignored a malformed fan-out message');
      return null;
    }
  }

  private receive(listener: DocListener, message: Uint8Array): void {
    const decoded = this.decode(message);
    if (!decoded) return;
    this.received.inc();
    // Presence from an instance never heard of still expires if that instance dies.
    if (!this.lastSeen.has(decoded.from)) this.lastSeen.set(decoded.from, Date.now());
    try {
      switch (decoded.kind) {
        case FANOUT_KIND.update:
          listener.remoteUpdate(decoded.payload);
          return;
        case FANOUT_KIND.awareness:
          listener.remoteAwareness(decoded.payload, decoded.from);
          return;
        case FANOUT_KIND.query:
          listener.presenceWanted();
          return;
        case FANOUT_KIND.resync:
          listener.catchUp();
          listener.presenceWanted();
          return;
        case FANOUT_KIND.evict: {
          const { code, reason } = decodeEvictPayload(decoded.payload);
          listener.evicted(code, reason);
          return;
        }
      }
    } catch (error) {
      this.options.metrics.errors.inc({ kind: 'pubsub' });
      this.options.logger.error({ err: error }, 'handling a fan-out message failed');
    }
  }

  private readonly receiveInstanceMessage: PubSubHandler = (message) => {
    const decoded = this.decode(message);
    if (!decoded) return;
    if (decoded.kind === FANOUT_KIND.alive) this.lastSeen.set(decoded.from, Date.now());
    else if (decoded.kind === FANOUT_KIND.bye) this.gone(decoded.from, false);
  };

  private beat(): void {
    this.publish(this.instancesTopic, FANOUT_KIND.alive);
  }

  /** Three missed heartbeats: the instance crashed or lost Redis; either way its presence is stale. */
  private expireSilentInstances(): void {
    const cutoff = Date.now() - (this.options.instanceTimeoutMs * 3) / 4;
    for (const [instanceId, seen] of this.lastSeen) if (seen < cutoff) this.gone(instanceId, true);
  }

  /**
   * Drops the instance's presence. One that went silent (crashed, or lost Redis) may also have stored
   * updates it never got to publish, so every open document catches up from storage too.
   */
  private gone(instanceId: string, silent: boolean): void {
    if (!this.lastSeen.delete(instanceId)) return;
    this.options.logger.info({ instance: instanceId, silent }, 'instance gone; dropping its presence');
    for (const { listener } of this.docs.values()) {
      listener.instanceGone(instanceId);
      if (silent) listener.catchUp();
    }
  }

  /** After a reconnect: recover from storage, tell the others to do the same, and restate presence. */
  private resync(): void {
    if (this.docs.size > 0) this.options.logger.info({ docs: this.docs.size }, 'pub/sub resync');
    for (const [docId, { listener }] of this.docs) {
      listener.catchUp();
      this.send(docId, FANOUT_KIND.resync);
      listener.presenceWanted();
    }
    this.beat();
  }

  /** Says goodbye (others drop this instance's presence at once) and closes pub/sub. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.stopResync();
    const { pubsub } = this.options;
    if (pubsub.connected) {
      await pubsub
        .publish(this.instancesTopic, encodeFanoutMessage(FANOUT_KIND.bye, this.instanceId))
        .catch(() => undefined);
    }
    await pubsub.close();
  }
}
