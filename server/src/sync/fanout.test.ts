import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../test/helpers.js';
import { createLogger } from '../logger.js';
import { createMetrics } from '../metrics.js';
import { LocalPubSub, LocalPubSubHub } from '../pubsub/local-pubsub.js';
import type { PubSub } from '../pubsub/pubsub.js';
import { type DocListener, Fanout } from './fanout.js';

/** Records what a fan-out tells one document's room. */
class RecordingListener implements DocListener {
  readonly events: string[] = [];
  remoteUpdate(update: Uint8Array): void {
    this.events.push(`update:${update.join(',')}`);
  }
  remoteAwareness(update: Uint8Array, from: string): void {
    this.events.push(`awareness:${update.join(',')}:${from}`);
  }
  presenceWanted(): void {
    this.events.push('presence');
  }
  catchUp(): void {
    this.events.push('catch-up');
  }
  evicted(code: number, reason: string): void {
    this.events.push(`evicted:${code}:${reason}`);
  }
  instanceGone(instanceId: string): void {
    this.events.push(`gone:${instanceId}`);
  }
}

/** A bus connection whose next publishes fail with an error reply, the connection staying up. */
class FailingPubSub extends LocalPubSub {
  failNext = 0;
  override async publish(topic: string, message: Uint8Array): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('ERR simulated');
    }
    return super.publish(topic, message);
  }
}

const fanouts: Fanout[] = [];
afterEach(async () => {
  await Promise.all(fanouts.splice(0).map((fanout) => fanout.stop()));
});

async function open(pubsub: PubSub, instanceTimeoutMs = 60_000): Promise<Fanout> {
  const fanout = new Fanout({
    pubsub,
    prefix: 'test:',
    instanceTimeoutMs,
    logger: createLogger('silent'),
    metrics: createMetrics(),
  });
  fanouts.push(fanout);
  await fanout.start();
  return fanout;
}

describe('Fanout', () => {
  it('delivers updates, presence and evictions to the other instances, never back to the sender', async () => {
    const hub = new LocalPubSubHub();
    const [a, b] = [await open(new LocalPubSub(hub)), await open(new LocalPubSub(hub))];
    const [atA, atB] = [new RecordingListener(), new RecordingListener()];
    await a.join('d', atA);
    await b.join('d', atB);
    a.publishUpdate('d', new Uint8Array([1, 2]));
    a.publishAwareness('d', new Uint8Array([3]));
    a.publishEvict('d', 4410, 'document deleted');
    await waitFor(() => atB.events.length === 3, 2000, 'delivery');
    expect(atB.events).toEqual(['update:1,2', `awareness:3:${a.instanceId}`, 'evicted:4410:document deleted']);
    // A hears only B's presence query (sent when B opened the document), none of its own messages.
    expect(atA.events).toEqual(['presence']);
  });

  it('a lone server on a private bus publishes nothing', async () => {
    const pubsub = new LocalPubSub();
    const published: string[] = [];
    const spy = Object.assign(pubsub, {
      publish: async (topic: string) => {
        published.push(topic);
      },
    });
    const alone = await open(spy);
    await alone.join('d', new RecordingListener());
    alone.publishUpdate('d', new Uint8Array([1]));
    expect(published).toEqual([]);
  });

  it('a publish that fails while connected makes the others catch up from storage', async () => {
    const hub = new LocalPubSubHub();
    const failing = new FailingPubSub(hub);
    const [a, b] = [await open(failing), await open(new LocalPubSub(hub))];
    const atB = new RecordingListener();
    await a.join('d', new RecordingListener());
    await b.join('d', atB);
    failing.failNext = 1;
    a.publishUpdate('d', new Uint8Array([7]));
    await waitFor(() => atB.events.includes('catch-up'), 3000, 'catch-up after a failed publish');
    expect(atB.events).not.toContain('update:7');
  });

  it('an instance that falls silent loses its presence and makes every document catch up; one that says bye only loses its presence', async () => {
    const hub = new LocalPubSubHub();
    // Long enough that a stalled test process does not take a live instance for a silent one.
    const SILENCE_MS = 1000;
    const watcher = await open(new LocalPubSub(hub), SILENCE_MS);
    const listener = new RecordingListener();
    await watcher.join('d', listener);
    const crashing = await open(new LocalPubSub(hub), SILENCE_MS);
    const leaving = await open(new LocalPubSub(hub), SILENCE_MS);
    await waitFor(() => watcher.otherInstances === 2, 5000, 'heartbeats');
    await leaving.stop();
    await waitFor(() => listener.events.includes(`gone:${leaving.instanceId}`), 5000, 'bye');
    expect(listener.events).not.toContain('catch-up');
    // A crash: heartbeats stop without a goodbye.
    fanouts.splice(fanouts.indexOf(crashing), 1);
    (crashing as unknown as { timer: NodeJS.Timeout }).timer.close();
    await waitFor(() => listener.events.includes(`gone:${crashing.instanceId}`), 5000, 'expiry');
    expect(listener.events).toContain('catch-up');
    expect(watcher.otherInstances).toBe(0);
  });

  it('ignores malformed messages', async () => {
    const hub = new LocalPubSubHub();
    const raw = new LocalPubSub(hub);
    const b = await open(new LocalPubSub(hub));
    const atB = new RecordingListener();
    await b.join('d', atB);
    await raw.publish('test:doc:d', new Uint8Array([99, 1, 2]));
    await raw.publish('test:doc:d', new Uint8Array([0]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(atB.events).toEqual([]);
  });
});
