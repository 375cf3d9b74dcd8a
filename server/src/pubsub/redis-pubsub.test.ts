import { describe, expect, it } from 'vitest';
import { onCleanup, waitFor } from '../../test/helpers.js';
import { startRedisServer } from '../../test/redis-server.js';
import { PubSubUnavailableError } from './pubsub.js';
import { RedisPubSub } from './redis-pubsub.js';

const open = (url: string): RedisPubSub => {
  const pubsub = new RedisPubSub({ url, maxReconnectDelayMs: 200 });
  onCleanup(() => pubsub.close());
  return pubsub;
};

describe('RedisPubSub across a Redis outage', () => {
  it('fails fast while Redis is away, then resubscribes and emits resync when it returns', async () => {
    const redis = await startRedisServer();
    const a = open(redis.url);
    const b = open(redis.url);
    let resyncs = 0;
    b.onResync(() => resyncs++);
    await waitFor(() => a.connected && b.connected, 5000, 'connected');
    const got: number[] = [];
    await b.subscribe('t', (m) => got.push(m[0] as number));
    await a.publish('t', new Uint8Array([1]));
    await waitFor(() => got.length === 1, 5000, 'first message');
    const resyncsBefore = resyncs;

    await redis.kill();
    await waitFor(() => !a.connected && !b.connected, 5000, 'disconnected');
    // Nothing is queued for later: a publish during the outage fails at once.
    await expect(a.publish('t', new Uint8Array([2]))).rejects.toThrow(PubSubUnavailableError);
    // A subscription made while away resolves now and works once Redis is back.
    const late: number[] = [];
    await b.subscribe('late', (m) => late.push(m[0] as number));

    await redis.start();
    await waitFor(() => a.connected && b.connected, 5000, 'reconnected');
    await waitFor(() => resyncs > resyncsBefore, 5000, 'resync');
    await a.publish('t', new Uint8Array([3]));
    await a.publish('late', new Uint8Array([4]));
    await waitFor(() => got.length === 2 && late.length === 1, 5000, 'messages after the outage');
    expect(got).toEqual([1, 3]);
    expect(late).toEqual([4]);
  });

  it('a server started while Redis is down serves, then connects when Redis appears', async () => {
    const redis = await startRedisServer();
    await redis.kill();
    const pubsub = open(redis.url);
    let resynced = false;
    pubsub.onResync(() => {
      resynced = true;
    });
    const got: number[] = [];
    await pubsub.subscribe('early', (m) => got.push(m[0] as number));
    expect(pubsub.connected).toBe(false);
    await redis.start();
    await waitFor(() => resynced, 5000, 'resync after first connect');
    await pubsub.publish('early', new Uint8Array([9]));
    await waitFor(() => got.length === 1, 5000, 'delivery');
  });
});
