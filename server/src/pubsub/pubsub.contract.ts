import { afterEach, describe, expect, it } from 'vitest';
import type { PubSub } from './pubsub.js';

/** Two connections to one bus, as two server instances would hold. */
export type PubSubPair = [PubSub, PubSub];

let topicCounter = 0;
const uniqueTopic = (): string => `contract:${process.pid}:${Date.now().toString(36)}:${++topicCounter}`;

async function until(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * The behaviour every `PubSub` must have. `createPair` returns two connected connections to one bus;
 * topics are unique per test, so a shared Redis is fine.
 */
export function describePubSubContract(name: string, createPair: () => Promise<PubSubPair>): void {
  describe(`PubSub contract: ${name}`, () => {
    let a: PubSub;
    let b: PubSub;
    afterEach(async () => {
      await Promise.all([a?.close(), b?.close()]);
    });
    const open = async () => {
      [a, b] = await createPair();
    };

    it('delivers a message to every subscriber of its topic, the publisher included, byte for byte', async () => {
      await open();
      const topic = uniqueTopic();
      const atA: Uint8Array[] = [];
      const atB: Uint8Array[] = [];
      await a.subscribe(topic, (m) => atA.push(m));
      await b.subscribe(topic, (m) => atB.push(m));
      const payload = new Uint8Array(256 * 1024);
      for (let i = 0; i < payload.length; i++) payload[i] = (i * 7) % 256;
      await a.publish(topic, payload.subarray(1)); // a view with an offset must be sent as itself
      await until(() => atA.length === 1 && atB.length === 1, 'delivery');
      expect(Buffer.from(atB[0] as Uint8Array).equals(Buffer.from(payload.subarray(1)))).toBe(true);
      expect(Buffer.from(atA[0] as Uint8Array).equals(Buffer.from(payload.subarray(1)))).toBe(true);
    });

    it('keeps topics apart', async () => {
      await open();
      const [one, two] = [uniqueTopic(), uniqueTopic()];
      const got: string[] = [];
      await b.subscribe(one, (m) => got.push(`one:${m[0]}`));
      await b.subscribe(two, (m) => got.push(`two:${m[0]}`));
      await a.publish(two, new Uint8Array([2]));
      await a.publish(one, new Uint8Array([1]));
      await until(() => got.length === 2, 'both messages');
      expect(got.sort()).toEqual(['one:1', 'two:2']);
    });

    it('keeps the order of one publisher', async () => {
      await open();
      const topic = uniqueTopic();
      const got: number[] = [];
      await b.subscribe(topic, (m) => got.push(m[0] as number));
      await Promise.all(Array.from({ length: 200 }, (_, i) => a.publish(topic, new Uint8Array([i % 256]))));
      await until(() => got.length === 200, 'all messages');
      expect(got).toEqual(Array.from({ length: 200 }, (_, i) => i % 256));
    });

    it('stops delivering to a handler that unsubscribed, and only to it', async () => {
      await open();
      const topic = uniqueTopic();
      const first: number[] = [];
      const second: number[] = [];
      const firstHandler = (m: Uint8Array) => first.push(m[0] as number);
      await b.subscribe(topic, firstHandler);
      await b.subscribe(topic, (m) => second.push(m[0] as number));
      await a.publish(topic, new Uint8Array([1]));
      await until(() => first.length === 1 && second.length === 1, 'first message');
      await b.unsubscribe(topic, firstHandler);
      await a.publish(topic, new Uint8Array([2]));
      await a.publish(topic, new Uint8Array([3]));
      await until(() => second.length === 3, 'later messages');
      expect(first).toEqual([1]);
      expect(second).toEqual([1, 2, 3]);
    });

    it('publishing to a topic nobody listens to succeeds', async () => {
      await open();
      await expect(a.publish(uniqueTopic(), new Uint8Array([1]))).resolves.toBeUndefined();
      expect(a.connected).toBe(true);
    });

    it('refuses to publish once closed', async () => {
      await open();
      await a.close();
      expect(a.connected).toBe(false);
      await expect(a.publish(uniqueTopic(), new Uint8Array([1]))).rejects.toThrow();
    });
  });
}
