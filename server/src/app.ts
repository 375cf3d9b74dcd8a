import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ROUTES } from '../../shared/routes.js';
import { createRestAuth } from './auth/rest-auth.js';
import { createClientRoutes, handshakeProbeCors } from './http/client-routes.js';
import { createDocsRoutes } from './http/docs-routes.js';
import { jsonError } from './http/errors.js';
import { createOpsRoutes } from './http/ops-routes.js';
import type { ServerContext } from './server-context.js';
import { createCollabRoute } from './ws/collab-route.js';
import type { Heartbeat } from './ws/heartbeat.js';

/** The Hono app: WebSocket route, REST, operations endpoints and the built client. */
export function createApp(ctx: ServerContext, heartbeat: Heartbeat): Hono {
  const app = new Hono();
  app.use(`${ROUTES.collab}/*`, handshakeProbeCors);
  app.route(ROUTES.collab, createCollabRoute(ctx, heartbeat));
  const restAuth = createRestAuth(ctx);
  app.use(ROUTES.api, restAuth);
  app.use(`${ROUTES.api}/*`, restAuth);
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
