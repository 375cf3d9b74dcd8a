/**
 * View ids name a document read-only (`/r/<viewId>`). The server derives them from the edit id with a
 * key only it holds (see docs/decisions/020-read-only-view-ids.md); clients treat them as opaque.
 */
export const VIEW_ID_PATTERN = /^[A-Za-z0-9_-]{22,200}$/;

export const isValidViewId = (value: unknown): value is string =>
  typeof value === 'string' && VIEW_ID_PATTERN.test(value);
