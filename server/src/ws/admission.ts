import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isValidDocId } from '../../../shared/doc-id.js';
import { isOriginAllowed } from '../auth/access.js';
import { AuthError } from '../auth/auth-error.js';
import { authorize, type Grant } from '../auth/grant.js';
import { tokenFromUpgrade } from '../auth/request-token.js';
import { jsonError } from '../http/errors.js';
import { clientAddress } from '../limits/client-address.js';
import type { ServerContext } from '../server-context.js';

/** What a handshake was admitted to; set on the context for the upgrade handler. */
export interface Admission {
  docId: string;
  /** Updates from this connection are refused (read-only link or read-scoped token). */
  readOnly: boolean;
  grant: Grant;
}

export type CollabEnv = { Bindings: HttpBindings; Variables: { admission: Admission } };

/**
 * Every check before a WebSocket exists, in order of cost: the id, the Origin, the handshake rate and
 * connection caps of the address, then the token. Refusals are a plain HTTP status with a JSON body
 * (the upgrade path sends only the status); a plain GET that passes answers 426, so a browser client
 * can learn why its handshake was refused. An upgrade that passes reserves a connection slot, released
 * when its socket closes.
 */
export function createAdmission(ctx: ServerContext): MiddlewareHandler<CollabEnv> {
  const { access, limiter, config } = ctx;
  const refuse = (c: Context<CollabEnv>, status: ContentfulStatusCode, error: string, message: string) => {
    ctx.metrics.refusals.inc({ reason: error });
    if (status === 429 || status === 503) c.header('Retry-After', '1');
    if (status === 401) c.header('WWW-Authenticate', 'Bearer');
    return jsonError(c, status, error, message);
  };

  return async (c, next) => {
    const viewId = c.req.param('viewId');
    let docId: string | null;
    if (viewId !== undefined) {
      docId = access.viewIds.docIdFor(viewId);
      if (!docId) return refuse(c, 404, 'unknown_view', 'No document has this view id.');
    } else {
      docId = c.req.param('docId') ?? null;
      if (!isValidDocId(docId)) {
        return refuse(c, 400, 'invalid_doc_id', 'Document ids are 1-128 characters of A-Z a-z 0-9 _ -.');
      }
    }
    if (!isOriginAllowed(config.allowedOrigins, c.req.header('origin'))) {
      return refuse(c, 403, 'origin_not_allowed', 'This page may not connect to this server.');
    }
    const upgrading = c.req.header('upgrade')?.toLowerCase() === 'websocket';
    const ip = clientAddress(c.env.incoming.socket.remoteAddress, c.req.header('x-forwarded-for'), config.trustProxy);
    const refusal = (upgrading ? limiter.countHandshake(ip) : null) ?? limiter.check(ip);
    if (refusal) return refuse(c, refusal.status, refusal.error, refusal.message);

    let grant: Grant;
    try {
      grant = await access.grantFor(tokenFromUpgrade(new URL(c.req.url), c.req.header('sec-websocket-protocol')));
      if (viewId !== undefined) authorize(grant, 'read', docId, viewId);
      else authorize(grant, 'read', docId);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      return refuse(c, error.status, error.code, error.message);
    }
    if (upgrading) {
      // Checked again: the token check may have waited on a key fetch while other handshakes got in.
      const slot = limiter.reserve(ip);
      if ('status' in slot) return refuse(c, slot.status, slot.error, slot.message);
      const socket = c.env.incoming.socket;
      if (socket.destroyed) slot.release();
      else socket.once('close', slot.release);
    }
    c.set('admission', { docId, readOnly: viewId !== undefined || grant.scope === 'read', grant });
    await next();
  };
}
