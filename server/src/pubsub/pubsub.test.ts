import { LocalPubSub, LocalPubSubHub } from './local-pubsub.js';
import { describePubSubContract } from './pubsub.contract.js';
import { RedisPubSub } from './redis-pubsub.js';

const redisUrl = process.env.QUIRE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describePubSubContract('local', async () => {
  const hub = new LocalPubSubHub();
  return [new LocalPubSub(hub), new LocalPubSub(hub)];
});

describePubSubContract('redis', async () => {
  const pair: [RedisPubSub, RedisPubSub] = [new RedisPubSub({ url: redisUrl }), new RedisPubSub({ url: redisUrl })];
  await Promise.all(pair.map((pubsub) => new Promise<void>((resolve) => pubsub.onResync(resolve))));
  return pair;
});
