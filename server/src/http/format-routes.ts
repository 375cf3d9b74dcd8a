import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { MiddlewareHandler } from 'hono/types';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  type ImportFormat,
  isExportFormat,
  type Rendered,
} from '../formats/doc-formats.js';
import { FormatBusyError, FormatError } from '../formats/format-error.js';
import { requestClient } from '../limits/request-client.js';
import type { ServerContext } from '../server-context.js';
import { jsonError } from './errors.js';

/** Media types an import may have (parameters such as `charset` are ignored; bodies are UTF-8). */
const IMPORT_TYPES: Record<string, ImportFormat> = {
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/html': 'html',
  'application/json': 'json',
};

/** Refuses bodies over `maxBytes` with 413 before they are read whole. */
export const importBodyLimit = (maxBytes: number): MiddlewareHandler =>
  bodyLimit({
    maxSize: maxBytes,
    onError: (c) => jsonError(c, 413, 'payload_too_large', `Imports are limited to ${maxBytes} bytes.`),
  });

/** The JSON error response for a `FormatError`; a busy queue also says when to come back. */
export const formatErrorResponse = (c: Context, error: FormatError) => {
  if (error instanceof FormatBusyError) c.header('Retry-After', String(error.retryAfterSeconds));
  return jsonError(c, error.status, error.code, error.message);
};

/**
 * Reads a request body to its end, keeping none of it. A refusal is sent after the upload ends: a
 * server that answers mid-upload and closes makes clients see a reset instead of the answer.
 */
async function discardBody(c: Context): Promise<void> {
  const reader = c.req.raw.body?.getReader();
  if (!reader) return;
  while (!(await reader.read()).done) {
    // Each chunk is dropped as it comes; only the end matters.
  }
}

/**
 * The new document a `POST /api/docs` body describes (its full Yjs state): Markdown, HTML or Quire JSON,
 * sanitised through the editor's schema; null for an empty body (an empty document). The title comes
 * from `?title=`, else from the HTML `<title>` or the JSON. Throws `FormatError` for bodies that are
 * not a document, and `FormatBusyError` (without keeping the body) when the format queue cannot take it.
 */
export async function readImport(c: Context, ctx: ServerContext): Promise<{ update: Uint8Array } | null> {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const format = IMPORT_TYPES[mediaType];
  if (!format && mediaType !== '') throw unsupportedMediaType();
  const client = requestClient(c, ctx.config.trustProxy);
  if (format) {
    // A declared length is checked before the body is read; without one, the largest body allowed.
    const declared = Number(c.req.header('content-length') ?? ctx.config.maxImportBytes);
    const busy = ctx.formats.check(client, Number.isFinite(declared) ? declared : ctx.config.maxImportBytes);
    if (busy) {
      await discardBody(c);
      throw busy;
    }
  }
  const body = await c.req.text();
  if (body.trim() === '' && (mediaType === '' || mediaType === 'application/json')) return null;
  if (!format) throw unsupportedMediaType();
  return ctx.formats.run('import', { text: body, format, title: c.req.query('title') ?? null }, client);
}

const unsupportedMediaType = () =>
  new FormatError(
    'unsupported_media_type',
    'Send Markdown (text/markdown), HTML (text/html) or Quire JSON (application/json), or no body.',
    415,
  );

/** The `format` query parameter of an export, or a 400 response naming the formats. */
export function exportFormat(c: Context): ExportFormat | Response {
  const format = c.req.query('format');
  if (isExportFormat(format)) return format;
  return jsonError(c, 400, 'invalid_format', `format must be one of ${EXPORT_FORMATS.join(', ')}.`);
}

/** A document (full Yjs state) rendered as a download named after its title (or `fallbackName`). */
export async function exportResponse(
  c: Context,
  ctx: ServerContext,
  state: Uint8Array,
  format: ExportFormat,
  fallbackName: string,
): Promise<Response> {
  let rendered: Rendered & { title: string };
  try {
    rendered = await ctx.formats.run('render', { state, format }, requestClient(c, ctx.config.trustProxy));
  } catch (error) {
    if (error instanceof FormatError) return formatErrorResponse(c, error);
    throw error;
  }
  const name = `${rendered.title.trim() || fallbackName}.${rendered.extension}`;
  return c.body(rendered.body, 200, {
    'Content-Type': rendered.contentType,
    'Content-Disposition': contentDisposition(name),
    'X-Content-Type-Options': 'nosniff',
  });
}

/** `attachment` with an ASCII fallback name and the exact UTF-8 one (RFC 6266). */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\w .-]/g, '_').slice(0, 120);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The file name of an untitled document exported through a read-only link. */
const UNTITLED_VIEW_EXPORT = 'Untitled';

/** `GET /api/docs/<id>/export?format=` and the same for read-only links (`/api/docs/r/<viewId>/export`). */
export function createExportRoutes(ctx: ServerContext) {
  const route = new Hono();
  const send = async (c: Context, docId: string, fallbackName: string) => {
    const format = exportFormat(c);
    if (format instanceof Response) return format;
    const state = await ctx.history.currentState(docId);
    if (!state) return jsonError(c, 404, 'not_found', 'No such document.');
    return exportResponse(c, ctx, state, format, fallbackName);
  };
  route.get('/r/:viewId/export', (c) => {
    const docId = c.get('viewDocId');
    // Never the edit id: a view link must not turn into an edit link through a file name.
    return docId ? send(c, docId, UNTITLED_VIEW_EXPORT) : jsonError(c, 404, 'not_found', 'No such document.');
  });
  route.get('/:docId/export', (c) => {
    const docId = c.req.param('docId');
    return send(c, docId, docId);
  });
  return route;
}
