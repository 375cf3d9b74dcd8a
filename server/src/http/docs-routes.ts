import { Hono } from 'hono';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../../shared/close-codes.js';
import { createDocId, isValidDocId } from '../../../shared/doc-id.js';
import { ROUTES } from '../../../shared/routes.js';
import type { ServerContext } from '../server-context.js';
import type { DocMeta } from '../storage/doc-store.js';
import { jsonError } from './errors.js';

const MAX_PAGE = 200;
const DEFAULT_PAGE = 50;

const metaJson = (meta: DocMeta, peers: number) => ({
  id: meta.id,
  size: meta.size,
  createdAt: meta.createdAt.toISOString(),
  updatedAt: meta.updatedAt.toISOString(),
  peers,
});

/** REST under `/api/docs`: create, list, metadata, content as a Yjs update, delete. */
export function createDocsRoutes(ctx: ServerContext) {
  const route = new Hono();

  route.use('/:docId/*', async (c, next) => {
    if (!isValidDocId(c.req.param('docId'))) return jsonError(c, 400, 'invalid_doc_id', 'Invalid document id.');
    await next();
  });
  route.use('/:docId', async (c, next) => {
    if (!isValidDocId(c.req.param('docId'))) return jsonError(c, 400, 'invalid_doc_id', 'Invalid document id.');
    await next();
  });

  route.post('/', async (c) => {
    const id = createDocId();
    await ctx.store.create(id);
    const meta = await ctx.store.meta(id);
    if (!meta) return jsonError(c, 500, 'storage_error', 'The document was not created.');
    c.header('Location', `${ROUTES.api}/${id}`);
    return c.json(metaJson(meta, 0), 201);
  });

  route.get('/', async (c) => {
    const limitText = c.req.query('limit');
    const limit = limitText === undefined ? DEFAULT_PAGE : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
      return jsonError(c, 400, 'invalid_limit', `limit must be a whole number from 1 to ${MAX_PAGE}.`);
    }
    const after = c.req.query('after');
    if (after !== undefined && !isValidDocId(after)) return jsonError(c, 400, 'invalid_cursor', 'Invalid cursor.');
    const page = await ctx.store.list({ limit, after });
    return c.json({
      docs: page.docs.map((meta) => metaJson(meta, ctx.registry.peek(meta.id)?.peerCount ?? 0)),
      next: page.next ?? null,
    });
  });

  route.get('/:docId', async (c) => {
    const docId = c.req.param('docId');
    const meta = await ctx.store.meta(docId);
    if (!meta) return jsonError(c, 404, 'not_found', 'No such document.');
    return c.json(metaJson(meta, ctx.registry.peek(docId)?.peerCount ?? 0));
  });

  /** The whole document as one Yjs update (`Y.applyUpdate` it into an empty Y.Doc). */
  route.get('/:docId/update', async (c) => {
    const docId = c.req.param('docId');
    const loaded = ctx.registry.peek(docId);
    let update: Uint8Array;
    if (loaded) {
      update = Y.encodeStateAsUpdate(loaded.doc);
    } else {
      const stored = await ctx.store.load(docId);
      if (!stored) return jsonError(c, 404, 'not_found', 'No such document.');
      const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
      update = parts.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : Y.mergeUpdates(parts);
    }
    return c.body(update as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/octet-stream' });
  });

  route.delete('/:docId', async (c) => {
    const docId = c.req.param('docId');
    // Close editors first so no write lands after the delete.
    await ctx.registry.evict(docId, CLOSE_CODE.documentDeleted, 'document deleted');
    const deleted = await ctx.store.delete(docId);
    if (!deleted) return jsonError(c, 404, 'not_found', 'No such document.');
    return c.body(null, 204);
  });

  return route;
}
