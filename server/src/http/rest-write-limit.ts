import type { HttpBindings } from '@hono/node-server';
import type { MiddlewareHandler } from 'hono';
import { MemoryStore, rateLimiter } from 'hono-rate-limiter';
import { requestAddress } from '../limits/request-client.js';
import type { Metrics } from '../metrics.js';
import { isSafeMethod } from './cross-site-guard.js';
import { jsonError } from './errors.js';

const WINDOW_MS = 60_000;

export interface RestWriteLimit {
  middleware: MiddlewareHandler<{ Bindings: HttpBindings }>;
  /** Stops the store's window timer. */
  close(): void;
}

/**
 * At most `perMinute` REST writes (anything but GET, HEAD, OPTIONS under `/api`) per client address
 * and fixed one-minute window, counted like the WebSocket limits (`QUIRE_TRUST_PROXY`: the last
 * `X-Forwarded-For` hop). Past it: 429 with `Retry-After` (seconds to the window's end); every write
 * answer carries the draft-6 `RateLimit-*` headers. One instance counts its own requests only.
 */
export function createRestWriteLimit(options: {
  perMinute: number;
  trustProxy: boolean;
  metrics: Metrics;
}): RestWriteLimit {
  const store = new MemoryStore<{ Bindings: HttpBindings }>();
  const middleware = rateLimiter<{ Bindings: HttpBindings }>({
    windowMs: WINDOW_MS,
    limit: options.perMinute,
    standardHeaders: 'draft-6',
    store,
    skip: (c) => isSafeMethod(c.req.method),
    keyGenerator: (c) => requestAddress(c, options.trustProxy),
    handler: (c) => {
      options.metrics.refusals.inc({ reason: 'rest_rate_limited' });
      const wait = c.res.headers.get('retry-after') ?? String(WINDOW_MS / 1000);
      return jsonError(
        c,
        429,
        'rate_limited',
        `Too many changes from your address (at most ${options.perMinute} a minute); retry in ${wait} s.`,
      );
    },
  });
  return { middleware, close: () => store.shutdown() };
}
