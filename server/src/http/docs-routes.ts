import { type Context, Hono } from 'hono';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../../shared/close-codes.js';
import { createDocId, isValidDocId } from '../../../shared/doc-id.js';
import { type DocMetaJson, type DocPageJson, REST_LIMITS, type ViewMetaJson } from '../../../shared/rest-api.js';
import { ROUTES } from '../../../shared/routes.js';
import { allows } from '../auth/grant.js';
import { FormatError } from '../formats/format-error.js';
import type { ServerContext } from '../server-context.js';
import type { DocMeta } from '../storage/doc-store.js';
import { jsonError } from './errors.js';
import { createExportRoutes, formatErrorResponse, importBodyLimit, readImport } from './format-routes.js';
import { createVersionsRoutes } from './versions-routes.js';

const metaJson = (meta: DocMeta, peers: number, viewId?: string): DocMetaJson => ({
  id: meta.id,
  size: meta.size,
  createdAt: meta.createdAt.toISOString(),
  updatedAt: meta.updatedAt.toISOString(),
  peers,
  // The read-only link is shown only to callers who could edit (they may share less than they have).
  ...(viewId === undefined ? {} : { viewId }),
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

  /** The view id of a document, if the caller may write it (set by the REST auth middleware). */
  const viewIdFor = (c: Context, docId: string): string | undefined => {
    const grant = c.get('grant');
    return grant && allows(grant, 'write', docId) ? ctx.access.viewIds.viewIdFor(docId) : undefined;
  };

  /** A read-only link's metadata: no edit id, no view id beyond the one asked about. */
  route.get('/r/:viewId{[A-Za-z0-9_-]{22,200}}', async (c) => {
    const docId = c.get('viewDocId');
    const meta = docId ? await ctx.store.meta(docId) : null;
    if (!docId || !meta) return jsonError(c, 404, 'not_found', 'No such document.');
    const { id: _editId, ...rest } = metaJson(meta, ctx.registry.peek(docId)?.peerCount ?? 0);
    return c.json({ ...rest, viewId: c.req.param('viewId'), readOnly: true } satisfies ViewMetaJson);
  });

  /**
   * An empty document, or one made from a Markdown, HTML or Quire JSON body (`format-routes.ts`). The
   * content is stored before the id is handed out, so the first editors cannot seed it twice.
   */
  route.post('/', importBodyLimit(ctx.config.maxImportBytes), async (c) => {
    const id = createDocId();
    let imported: Awaited<ReturnType<typeof readImport>>;
    try {
      imported = await readImport(c, ctx);
    } catch (error) {
      if (error instanceof FormatError) return formatErrorResponse(c, error);
      throw error;
    }
    if (imported) await ctx.store.append([{ docId: id, update: imported.update }]);
    else await ctx.store.create(id);
    const meta = await ctx.store.meta(id);
    if (!meta) return jsonError(c, 500, 'storage_error', 'The document was not created.');
    c.header('Location', `${ROUTES.api}/${id}`);
    return c.json(metaJson(meta, 0, viewIdFor(c, id)), 201);
  });

  route.get('/', async (c) => {
    const limitText = c.req.query('limit');
    const limit = limitText === undefined ? REST_LIMITS.defaultPageSize : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > REST_LIMITS.maxPageSize) {
      return jsonError(c, 400, 'invalid_limit', `limit must be a whole number from 1 to ${REST_LIMITS.maxPageSize}.`);
    }
    const after = c.req.query('after');
    if (after !== undefined && !isValidDocId(after)) return jsonError(c, 400, 'invalid_cursor', 'Invalid cursor.');
    const page = await ctx.store.list({ limit, after });
    return c.json({
      docs: page.docs.map((meta) => metaJson(meta, ctx.registry.peek(meta.id)?.peerCount ?? 0, viewIdFor(c, meta.id))),
      next: page.next ?? null,
    } satisfies DocPageJson);
  });

  route.get('/:docId', async (c) => {
    const docId = c.req.param('docId');
    const meta = await ctx.store.meta(docId);
    if (!meta) return jsonError(c, 404, 'not_found', 'No such document.');
    return c.json(metaJson(meta, ctx.registry.peek(docId)?.peerCount ?? 0, viewIdFor(c, docId)));
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

  route.route('/', createExportRoutes(ctx));
  route.route('/:docId/versions', createVersionsRoutes(ctx));

  return route;
}
