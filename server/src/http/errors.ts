import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody } from '../../../shared/rest-api.js';

/** Every HTTP error body: `{ "error": code, "message": text }`. */
export const jsonError = (c: Context, status: ContentfulStatusCode, error: string, message: string) =>
  c.json({ error, message } satisfies ApiErrorBody, status);
