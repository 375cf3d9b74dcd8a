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
