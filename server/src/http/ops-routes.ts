import { Hono } from 'hono';
import type { ServerContext } from '../server-context.js';

/** `/healthz` (storage reachable, rooms, peers) and `/metrics` (Prometheus). */
export function createOpsRoutes(ctx: ServerContext) {
  const route = new Hono();
  route.get('/healthz', async (c) => {
    const body = { status: 'ok', storage: 'ok', rooms: ctx.registry.roomCount, peers: ctx.registry.peerCount };
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
