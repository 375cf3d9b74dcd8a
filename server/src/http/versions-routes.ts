import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { REST_LIMITS, type RestoreJson, type VersionJson, type VersionPageJson } from '../../../shared/rest-api.js';
import { FormatError } from '../formats/format-error.js';
import { VersionCapError } from '../history/version-cap.js';
import { requestClient } from '../limits/request-client.js';
import type { ServerContext } from '../server-context.js';
import type { VersionMeta } from '../storage/doc-store.js';
import { jsonError } from './errors.js';
import { exportFormat, exportResponse, formatErrorResponse } from './format-routes.js';
import { requireJson } from './media-type.js';

/** A request to name a version is a few bytes of JSON. */
const MAX_NAME_BODY_BYTES = 16 * 1024;

export const versionJson = (meta: VersionMeta): VersionJson => ({
  id: meta.id,
  kind: meta.kind,
  name: meta.name,
  editors: meta.editors,
  createdAt: meta.createdAt.toISOString(),
  size: meta.size,
});

const parseId = (text: string | undefined): number | null => {
  if (text === undefined || !/^[1-9]\d{0,15}$/.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : null;
};

const docIdOf = (c: Context): string => c.req.param('docId') as string;

/** Runs a request that keeps a version; past the document's cap the answer is 409 with what to do. */
async function keepingVersion(c: Context, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof VersionCapError) return jsonError(c, 409, error.code, error.message);
    // A restore's diff runs in the format queue, which may be busy (503/429 with Retry-After).
    if (error instanceof FormatError) return formatErrorResponse(c, error);
    throw error;
  }
}

/**
 * Versions of one document, mounted at `/api/docs/:docId/versions` (under the docs router, so its
 * id check and access rules apply): list, name the current state, read one as metadata, Yjs update or
 * export, and restore one.
 */
export function createVersionsRoutes(ctx: ServerContext) {
  const route = new Hono();
  const { history } = ctx;

  route.get('/', async (c) => {
    const limitText = c.req.query('limit');
    const limit = limitText === undefined ? REST_LIMITS.defaultPageSize : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > REST_LIMITS.maxPageSize) {
      return jsonError(c, 400, 'invalid_limit', `limit must be a whole number from 1 to ${REST_LIMITS.maxPageSize}.`);
    }
    const beforeText = c.req.query('before');
    const before = beforeText === undefined ? undefined : parseId(beforeText);
    if (before === null) return jsonError(c, 400, 'invalid_cursor', 'before must be a version id.');
    const docId = docIdOf(c);
    const page = await history.list(docId, { limit, before });
    if (page.versions.length === 0 && before === undefined && !(await ctx.store.meta(docId))) {
      return jsonError(c, 404, 'not_found', 'No such document.');
    }
    return c.json({ versions: page.versions.map(versionJson), next: page.next ?? null } satisfies VersionPageJson);
  });

  route.post(
    '/',
    bodyLimit({
      maxSize: MAX_NAME_BODY_BYTES,
      onError: (c) => jsonError(c, 413, 'payload_too_large', 'The request body is too large.'),
    }),
    // A text/plain body would make this a CORS-simple request any page could send.
    requireJson('Send JSON (Content-Type: application/json): { "name": "Sent to review" }.'),
    async (c) => {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return jsonError(c, 400, 'invalid_json', 'Send JSON: { "name": "Sent to review" }.');
      }
      const raw = (body as { name?: unknown } | null)?.name;
      const name = typeof raw === 'string' ? raw.replace(/\s+/g, ' ').trim() : '';
      const maxLength = REST_LIMITS.maxVersionNameLength;
      if (name === '' || name.length > maxLength) {
        return jsonError(c, 400, 'invalid_name', `name must be 1 to ${maxLength} characters.`);
      }
      return keepingVersion(c, async () => {
        const saved = await history.saveNamed(docIdOf(c), name);
        if (!saved) return jsonError(c, 404, 'not_found', 'No such document.');
        return c.json(versionJson(saved), 201);
      });
    },
  );

  route.use('/:versionId/*', async (c, next) => {
    if (parseId(c.req.param('versionId')) === null)
      return jsonError(c, 400, 'invalid_version_id', 'Invalid version id.');
    await next();
  });
  route.use('/:versionId', async (c, next) => {
    if (parseId(c.req.param('versionId')) === null)
      return jsonError(c, 400, 'invalid_version_id', 'Invalid version id.');
    await next();
  });

  const readVersion = (c: Context) => history.read(docIdOf(c), parseId(c.req.param('versionId')) as number);
  const noVersion = (c: Context) => jsonError(c, 404, 'not_found', 'No such version.');

  route.get('/:versionId', async (c) => {
    const version = await readVersion(c);
    return version ? c.json(versionJson(version.meta)) : noVersion(c);
  });

  /** The document as it was, as one Yjs update (`Y.applyUpdate` it into an empty Y.Doc). */
  route.get('/:versionId/update', async (c) => {
    const version = await readVersion(c);
    if (!version) return noVersion(c);
    return c.body(version.state as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/octet-stream' });
  });

  route.get('/:versionId/export', async (c) => {
    const format = exportFormat(c);
    if (format instanceof Response) return format;
    const version = await readVersion(c);
    if (!version) return noVersion(c);
    const name = `${docIdOf(c)}-version-${version.meta.id}`;
    return exportResponse(c, ctx, version.state, format, name);
  });

  /** A forward change to the version's content, live for every editor; undo by restoring the backup. */
  route.post('/:versionId/restore', (c) =>
    keepingVersion(c, async () => {
      const client = requestClient(c, ctx.config.trustProxy);
      const result = await history.restore(docIdOf(c), parseId(c.req.param('versionId')) as number, client);
      if (!result) return noVersion(c);
      return c.json({
        restored: versionJson(result.restored),
        backup: versionJson(result.backup),
      } satisfies RestoreJson);
    }),
  );

  /** Frees a place under the document's version cap; the document itself is untouched. */
  route.delete('/:versionId', async (c) => {
    const deleted = await history.deleteVersion(docIdOf(c), parseId(c.req.param('versionId')) as number);
    return deleted ? c.body(null, 204) : noVersion(c);
  });

  return route;
}
