import { Hono } from 'hono';
import type { ServerContext } from '../server-context.js';

/**
 * `/healthz` (storage reachable, pub/sub connected, rooms, peers) and `/metrics` (Prometheus). Pub/sub
 * down is `degraded` with status 200: the instance still serves its own peers, so it stays in rotation.
 */
export function createOpsRoutes(ctx: ServerContext) {
  const route = new Hono();
  route.get('/healthz', async (c) => {
    const pubsub = ctx.fanout.connected ? 'ok' : 'unreachable';
    const body = {
      status: pubsub === 'ok' ? 'ok' : 'degraded',
      storage: 'ok',
      pubsub,
      instances: ctx.fanout.otherInstances + 1,
      rooms: ctx.registry.roomCount,
      peers: ctx.registry.peerCount,
    };
    try {
      await ctx.store.ping();
    } catch {
      return c.json({ ...body, status: 'error', storage: 'unreachable' }, 503);
    }
    return c.json(body);
  });
  route.get('/metrics', async (c) => {
    c.header('Content-Type', ctx.metrics.registry.contentType);
    return c.body(await ctx.metrics.registry.metrics());
  });
  return route;
}
