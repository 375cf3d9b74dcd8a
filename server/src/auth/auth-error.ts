/** A refused request: `status` is the HTTP answer before an upgrade, `code` the JSON error code. */
export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403 | 404 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}
