import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { ROUTES } from '../../../shared/routes.js';
import type { Metrics } from '../metrics.js';
import { API_CONTENT_SECURITY_POLICY } from './api-headers.js';
import { jsonError } from './errors.js';

/**
 * The host name of a `Host` header (`name:port`, `[v6]:port`), lower case without a trailing dot; null
 * when it is missing or malformed.
 */
export function hostNameOf(header: string | undefined): string | null {
  const match = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9_.-]{1,253}))(?::\d{1,5})?$/.exec((header ?? '').trim().toLowerCase());
  if (!match) return null;
  if (match[1] !== undefined) return isIP(match[1]) === 6 ? match[1] : null;
  return match[2]?.replace(/\.$/, '') || null;
}

/**
 * Would a request naming `host` be answered? A page that rebinds its own DNS name to this machine
 * still sends that name, so only names that cannot be rebound pass without configuration: loopback
 * names (`localhost`, `*.localhost`, which browsers resolve themselves) and IP addresses (no DNS is
 * involved, so the page's origin is this server's own). Everything else must be in `publicHosts`.
 */
export function isHostAllowed(host: string | null, publicHosts: readonly string[]): boolean {
  if (host === null) return false;
  if (host === 'localhost' || host.endsWith('.localhost') || isIP(host) !== 0) return true;
  return publicHosts.some(
    (allowed) => allowed === '*' || allowed === host || (allowed.startsWith('*.') && host.endsWith(allowed.slice(1))),
  );
}

/** Monitoring probes name instances by whatever address they have; these answers hold no ids or content. */
const UNGUARDED_PATHS = new Set<string>([ROUTES.health, ROUTES.metrics]);

const SAFE_TO_ECHO = /^[a-z0-9_.:-]{1,100}$/;

const refusalText = (host: string | null): string => {
  const named = host !== null && SAFE_TO_ECHO.test(host) ? `"${host}"` : 'this name';
  const setting = host !== null && SAFE_TO_ECHO.test(host) ? `QUIRE_PUBLIC_HOSTS=${host}` : 'QUIRE_PUBLIC_HOSTS';
  return (
    `This Quire server does not answer to ${named}. If that is how people reach it, start it with ` +
    `${setting} (comma-separated names; see SECURITY.md). Loopback names and IP addresses always work.`
  );
};

const refusalPage = (message: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host not allowed</title></head>` +
  `<body><h1>Host not allowed</h1><p>${message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')}</p></body></html>`;

/**
 * Refuses (403) every request whose `Host` this server was not told about: the DNS-rebinding guard,
 * first in line for the API, WebSocket upgrades and the web app alike. Browsers asking for a page get
 * a short HTML page naming the setting; everything else the usual JSON error.
 */
export function createHostGuard(publicHosts: readonly string[], metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    if (UNGUARDED_PATHS.has(c.req.path)) return next();
    const host = hostNameOf(c.req.header('host'));
    if (isHostAllowed(host, publicHosts)) return next();
    metrics.refusals.inc({ reason: 'host_not_allowed' });
    const message = refusalText(host);
    const wantsPage = /\btext\/html\b/.test(c.req.header('accept') ?? '') && !c.req.path.startsWith(ROUTES.api);
    if (wantsPage) {
      const headers = { 'Cache-Control': 'no-store', 'Content-Security-Policy': API_CONTENT_SECURITY_POLICY };
      return c.html(refusalPage(message), 403, headers);
    }
    return jsonError(c, 403, 'host_not_allowed', message);
  };
}
