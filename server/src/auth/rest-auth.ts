import type { MiddlewareHandler } from 'hono';
import { isValidDocId } from '../../../shared/doc-id.js';
import { ROUTES } from '../../../shared/routes.js';
import { isValidViewId } from '../../../shared/view-id.js';
import { jsonError } from '../http/errors.js';
import type { ServerContext } from '../server-context.js';
import { ADMIN_GRANT, isAdminToken, refuseListing } from './admin-token.js';
import { AuthError } from './auth-error.js';
import { authorize, authorizeEverything, type Grant } from './grant.js';
import { tokenFromBearer } from './request-token.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** What the caller may do, set by the REST auth middleware for every `/api/docs` request. */
    grant: Grant;
    /** For `/api/docs/r/<viewId>…`: the document the view id names. */
    viewDocId: string;
  }
}

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * Access for everything under `/api/docs`, whatever routes live there: reads (`GET`, `HEAD`) need
 * `read` on the document, anything else `write`; the collection itself (list, create) needs a grant
 * for `*`; `/api/docs/r/<viewId>…` is read-only and needs `read` on the document or its view id.
 * Open mode passes everything with a full grant, except listing, which needs the operator credential
 * (`QUIRE_ADMIN_TOKEN`, accepted in token mode too). The bearer token is parsed here and nowhere else.
 */
export function createRestAuth(ctx: ServerContext): MiddlewareHandler {
  const { access, metrics } = ctx;
  const { adminToken } = ctx.config;
  return async (c, next) => {
    const rest = c.req.path.slice(ROUTES.api.length).split('/').filter(Boolean);
    const reading = READ_METHODS.has(c.req.method);
    const bearer = tokenFromBearer(c.req.header('authorization'));
    try {
      const [first, second] = rest;
      const listing = first === undefined && reading;
      if (listing && isAdminToken(adminToken, bearer)) {
        c.set('grant', ADMIN_GRANT);
        return next();
      }
      if (listing && access.mode === 'open') refuseListing(adminToken !== null);
      const grant = await access.grantFor(bearer);
      if (first === undefined) {
        authorizeEverything(grant, reading ? 'read' : 'write');
      } else if (first === 'r' && isValidViewId(second)) {
        const docId = access.viewIds.docIdFor(second);
        if (!docId) throw new AuthError(404, 'unknown_view', 'No document has this view id.');
        if (!reading) return jsonError(c, 405, 'read_only', 'View links are read-only.');
        authorize(grant, 'read', docId, second);
        c.set('viewDocId', docId);
      } else if (isValidDocId(first)) {
        authorize(grant, reading ? 'read' : 'write', first);
      } else {
        // Checked on the raw path: a percent-encoded id must not slip past here and be decoded by a route.
        return jsonError(c, 400, 'invalid_doc_id', 'Invalid document id.');
      }
      c.set('grant', grant);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      metrics.refusals.inc({ reason: error.code });
      if (error.status === 401) c.header('WWW-Authenticate', 'Bearer');
      return jsonError(c, error.status, error.code, error.message);
    }
    await next();
  };
}
