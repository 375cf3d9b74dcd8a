import { createDocId, isValidDocId } from '../../../shared/doc-id.js';
import type { ApiErrorBody, DocMetaJson } from '../../../shared/rest-api.js';
import { docApiUrl, ROUTES } from '../../../shared/routes.js';
import { isValidViewId } from '../../../shared/view-id.js';

/** A server answer that is not a success, with the server's `{ error, message }` when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The refusal in a response, with the server's sentence (`ApiErrorBody.message`) when it sent one. */
export async function errorOf(response: Response): Promise<ApiError> {
  let message = `The server answered ${response.status}.`;
  try {
    const body = (await response.json()) as Partial<Record<keyof ApiErrorBody, unknown>>;
    if (typeof body.message === 'string' && body.message) message = body.message;
  } catch {
    // Not JSON: keep the status text.
  }
  return new ApiError(response.status, message);
}

/** The response when it is a success; else its refusal, thrown as an `ApiError`. */
export async function ensureOk(response: Response): Promise<Response> {
  if (response.ok) return response;
  throw await errorOf(response);
}

/**
 * Creates a document on the server (`POST /api/docs`) and returns its id. When the server cannot be
 * reached at all, the id is made here instead: the server creates a document on its first edit, so a
 * document started offline is saved once the connection returns. Refusals (4xx/5xx) are thrown.
 */
export async function createDocument(
  base: string,
  fetchImpl: typeof fetch = fetch,
): Promise<{ id: string; offline: boolean }> {
  let response: Response;
  try {
    response = await fetchImpl(`${base.replace(/\/+$/, '')}${ROUTES.api}`, { method: 'POST' });
  } catch {
    return { id: createDocId(), offline: true };
  }
  await ensureOk(response);
  const body = (await response.json()) as Partial<Record<keyof DocMetaJson, unknown>>;
  if (!isValidDocId(body.id)) throw new ApiError(response.status, 'The server sent an invalid document id.');
  return { id: body.id, offline: false };
}

/** What the app reads from `GET /api/docs/<id>`; `viewId` appears only for people who may edit. */
export type DocInfo = Pick<DocMetaJson, 'id' | 'viewId'>;

/** Document metadata, or null when it cannot be had (offline, unknown, refused): it is only ever a bonus. */
export async function fetchDocInfo(
  base: string,
  docId: string,
  fetchImpl: typeof fetch = fetch,
): Promise<DocInfo | null> {
  try {
    const response = await fetchImpl(docApiUrl(base, docId), { headers: { accept: 'application/json' } });
    if (!response.ok) return null;
    const body = (await response.json()) as Partial<Record<keyof DocMetaJson, unknown>>;
    if (!isValidDocId(body.id)) return null;
    return { id: body.id, ...(isValidViewId(body.viewId) ? { viewId: body.viewId } : {}) };
  } catch {
    return null;
  }
}
