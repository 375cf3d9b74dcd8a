import type { MiddlewareHandler } from 'hono';
import { jsonError } from './errors.js';

/** The media type of a request body, lower case, without parameters (`charset`…); '' when there is none. */
export const mediaTypeOf = (header: string | undefined): string =>
  (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/;

/**
 * Refuses a body that is not declared JSON with 415. Browsers send `text/plain` bodies across sites
 * without asking (a CORS-simple request); a JSON content type makes them ask first.
 */
export const requireJson =
  (message: string): MiddlewareHandler =>
  async (c, next) => {
    if (!JSON_TYPE.test(mediaTypeOf(c.req.header('content-type')))) {
      return jsonError(c, 415, 'unsupported_media_type', message);
    }
    await next();
  };
