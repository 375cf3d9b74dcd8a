import { type PubSub, type PubSubHandler, PubSubUnavailableError } from './pubsub.js';

/** The in-process bus that `LocalPubSub` connections share. */
export class LocalPubSubHub {
  readonly topics = new Map<string, Set<PubSubHandler>>();
}

/**
 * Pub/sub within one process: the default when no Redis is configured (a server then only hears
 * itself), and a way to run several servers in one process that share a hub. Delivery is
 * asynchronous (a microtask), like a network hop, so a publisher never re-enters a subscriber.
 */
export class LocalPubSub implements PubSub {
  private readonly own = new Map<string, Set<PubSubHandler>>();
  private closed = false;
  private readonly hub: LocalPubSubHub;
  /** Without a hub given, nobody else can ever subscribe. */
  readonly solitary: boolean;

  /** @param hub Connections on one hub hear each other. @default a hub of its own */
  constructor(hub?: LocalPubSubHub) {
    this.hub = hub ?? new LocalPubSubHub();
    this.solitary = hub === undefined;
  }

  get connected(): boolean {
    return !this.closed;
  }

  async subscribe(topic: string, handler: PubSubHandler): Promise<void> {
    if (this.closed) throw new PubSubUnavailableError('closed');
    addTo(this.own, topic, handler);
    addTo(this.hub.topics, topic, handler);
  }

  async unsubscribe(topic: string, handler: PubSubHandler): Promise<void> {
    removeFrom(this.own, topic, handler);
    removeFrom(this.hub.topics, topic, handler);
  }

  async publish(topic: string, message: Uint8Array): Promise<void> {
    if (this.closed) throw new PubSubUnavailableError('closed');
    const handlers = this.hub.topics.get(topic);
    if (!handlers) return;
    const targets = [...handlers];
    queueMicrotask(() => {
      for (const handler of targets) handler(message);
    });
  }

  onResync(_listener: () => void): () => void {
    // An in-process bus never disconnects, so it never loses messages.
    return () => {};
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const [topic, handlers] of this.own)
      for (const handler of handlers) removeFrom(this.hub.topics, topic, handler);
    this.own.clear();
  }
}

function addTo(map: Map<string, Set<PubSubHandler>>, topic: string, handler: PubSubHandler): void {
  let set = map.get(topic);
  if (!set) {
    set = new Set();
    map.set(topic, set);
  }
  set.add(handler);
}

function removeFrom(map: Map<string, Set<PubSubHandler>>, topic: string, handler: PubSubHandler): void {
  const set = map.get(topic);
  if (!set) return;
  set.delete(handler);
  if (set.size === 0) map.delete(topic);
}
