import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Input that cannot become a document (bad Markdown/HTML, unsafe HTML, unknown format): maps to a 4xx. */
export class FormatError extends Error {
  override name = 'FormatError';

  constructor(
    /** Machine-readable code for the JSON error body. */
    readonly code: string,
    message: string,
    readonly status: ContentfulStatusCode = 422,
  ) {
    super(message);
  }
}

/**
 * The format queue cannot take the task now (decision 110): 503 when the server is busy, 429 when this
 * client already has its share waiting or running. `retryAfterSeconds` goes into `Retry-After`.
 */
export class FormatBusyError extends FormatError {
  override name = 'FormatBusyError';

  constructor(
    code: string,
    message: string,
    status: 429 | 503,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message, status);
  }
}
