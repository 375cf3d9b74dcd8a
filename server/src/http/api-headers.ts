import type { MiddlewareHandler } from 'hono';
import { ROUTES } from '../../../shared/routes.js';

/**
 * For everything that is not one of the app's pages: nothing in an API answer may run, load or be
 * framed, even if a browser is made to open it as a page (an HTML export, an error naming user input).
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

const API_PREFIXES: readonly string[] = [ROUTES.api, ROUTES.collab, ROUTES.health, ROUTES.metrics];

const isApiPath = (path: string): boolean =>
  API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/**
 * Every response gets `X-Content-Type-Options: nosniff` (a browser never guesses a type, so a JSON or
 * Markdown body never becomes script). REST, WebSocket-probe and monitoring answers, and JSON errors
 * anywhere, also get the restrictive CSP above; the app's pages keep their own (`client-routes.ts`),
 * and its scripts and the service worker none, which would otherwise confine the worker's fetches.
 */
export const apiHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('X-Content-Type-Options', 'nosniff');
  const json = c.res.headers.get('content-type')?.startsWith('application/json') ?? false;
  if ((isApiPath(c.req.path) || json) && !c.res.headers.has('content-security-policy')) {
    c.header('Content-Security-Policy', API_CONTENT_SECURITY_POLICY);
  }
};
