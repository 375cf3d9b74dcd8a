import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every HTTP error body: `{ "error": code, "message": text }`. */
export const jsonError = (c: Context, status: ContentfulStatusCode, error: string, message: string) =>
  c.json({ error, message }, status);
