import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ROUTES } from '../../shared/routes.js';
import { createRestAuth } from './auth/rest-auth.js';
import { apiHeaders } from './http/api-headers.js';
import { createClientRoutes, handshakeProbeCors } from './http/client-routes.js';
import { createCrossSiteGuard } from './http/cross-site-guard.js';
import { createDocsRoutes } from './http/docs-routes.js';
import { jsonError } from './http/errors.js';
import { createHostGuard } from './http/host-guard.js';
import { createOpsRoutes } from './http/ops-routes.js';
import type { RestWriteLimit } from './http/rest-write-limit.js';
import type { ServerContext } from './server-context.js';
import { createCollabRoute } from './ws/collab-route.js';
import type { Heartbeat } from './ws/heartbeat.js';

/**
 * The Hono app: WebSocket route, REST, operations endpoints and the built client. In front of all of
 * them: the Host check (DNS rebinding) and the security headers; in front of REST, the cross-site
 * check, the write rate limit and access, in that order (cheapest refusal first).
 */
export function createApp(ctx: ServerContext, heartbeat: Heartbeat, writeLimit: RestWriteLimit): Hono {
  const app = new Hono();
  // Headers first, so every answer carries them, refusals of the Host guard included.
  app.use('*', apiHeaders);
  app.use('*', createHostGuard(ctx.config.publicHosts, ctx.metrics));
  app.use(`${ROUTES.collab}/*`, handshakeProbeCors);
  app.route(ROUTES.collab, createCollabRoute(ctx, heartbeat));
  const crossSite = createCrossSiteGuard(ctx.config.allowedOrigins, ctx.metrics);
  const restAuth = createRestAuth(ctx);
  // `/api/docs/*` matches `/api/docs` too: registering both paths would run each check twice there.
  app.use(`${ROUTES.api}/*`, crossSite, writeLimit.middleware, restAuth);
  app.route(ROUTES.api, createDocsRoutes(ctx));
  app.route('/', createOpsRoutes(ctx));
  app.route('/', createClientRoutes(ctx.config.clientDir));
  app.notFound((c) => jsonError(c, 404, 'not_found', 'Nothing here.'));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return jsonError(c, error.status, 'http_error', error.message);
    ctx.metrics.errors.inc({ kind: 'http' });
    ctx.logger.error({ err: error, path: c.req.path }, 'request failed');
    return jsonError(c, 500, 'internal_error', 'Something went wrong on the server.');
  });
  return app;
}
