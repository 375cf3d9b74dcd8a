import type { MiddlewareHandler } from 'hono';
import type { Metrics } from '../metrics.js';
import { jsonError } from './errors.js';

/** Methods that only read; every other one changes something. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isSafeMethod = (method: string): boolean => SAFE_METHODS.has(method);

/**
 * Is `origin` (a page's exact origin) the server's own, judged by the `Host` the request names? The
 * host guard has already refused names that were not configured, so a rebound name never gets here.
 */
export function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (!host || !URL.canParse(origin)) return false;
  const page = new URL(origin);
  if (page.origin !== origin || !URL.canParse(`${page.protocol}//${host}`)) return false;
  // Parsed with the page's scheme, so `host:80` and `host` are the same for http.
  return new URL(`${page.protocol}//${host}`).host === page.host;
}

/**
 * Cross-site request guard for `/api`: a request that changes something and comes from a web page
 * (it has an `Origin`) must come from an origin in `QUIRE_ALLOWED_ORIGINS`, or, with none set, from
 * the server's own. `null` origins (sandboxed frames, files) never pass. Requests without an Origin do
 * not come from a page (browsers send one with every such request) and are left to the access check.
 * The embed needs nothing here: it only opens WebSockets and asks `GET /collab/...` why one failed.
 */
export function createCrossSiteGuard(allowedOrigins: readonly string[] | null, metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (isSafeMethod(c.req.method) || origin === undefined) return next();
    const allowed = allowedOrigins ? allowedOrigins.includes(origin) : isSameOrigin(origin, c.req.header('host'));
    if (allowed) return next();
    metrics.refusals.inc({ reason: 'cross_site_request' });
    const where = allowedOrigins
      ? 'from an origin listed in QUIRE_ALLOWED_ORIGINS'
      : "from this server's own pages (or set QUIRE_ALLOWED_ORIGINS)";
    return jsonError(c, 403, 'cross_site_request', `Requests that change documents must come ${where}.`);
  };
}
