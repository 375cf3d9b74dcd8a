import type { Scope } from '../../../shared/auth.js';
import { AuthError } from './auth-error.js';

/** What a verified token (or open mode) allows. */
export interface Grant {
  readonly scope: Scope;
  /** Milliseconds since the epoch when the token expires; null when it never does (open mode). */
  readonly expiresAt: number | null;
  /** The token's subject, only if it is a short plain string (safe to log). */
  readonly subject: string | null;
  /** True if the grant names this document id or view id. */
  covers(id: string): boolean;
  /** True if the grant covers every document (a `*` entry): needed to list and create documents. */
  readonly everything: boolean;
}

/** Open mode: anyone who knows an id may edit it (ids are unguessable). */
export const OPEN_GRANT: Grant = {
  scope: 'write',
  expiresAt: null,
  subject: null,
  covers: () => true,
  everything: true,
};

/** A `docs` entry: an id, or a pattern where `*` is any run of id characters. */
const DOC_PATTERN = /^[A-Za-z0-9_*-]{1,200}$/;
const MAX_DOC_PATTERNS = 100;
const SAFE_SUBJECT = /^[\w.@:+-]{1,128}$/;

/** Builds a grant from already-verified claims; anything unexpected is a 401. */
export function grantFromClaims(claims: Record<string, unknown>): Grant {
  const { docs, scope, exp, sub } = claims;
  if (scope !== 'read' && scope !== 'write') throw invalid('the token has no scope "read" or "write"');
  if (!Array.isArray(docs) || docs.length === 0 || docs.length > MAX_DOC_PATTERNS) {
    throw invalid(`the token's "docs" claim must list 1-${MAX_DOC_PATTERNS} ids or patterns`);
  }
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const entry of docs) {
    if (typeof entry !== 'string' || !DOC_PATTERN.test(entry)) throw invalid('the token names an invalid document');
    if (entry.includes('*')) patterns.push(new RegExp(`^${entry.replace(/\*+/g, '[A-Za-z0-9_-]*')}$`));
    else exact.add(entry);
  }
  return {
    scope,
    expiresAt: typeof exp === 'number' ? exp * 1000 : null,
    subject: typeof sub === 'string' && SAFE_SUBJECT.test(sub) ? sub : null,
    covers: (id) => exact.has(id) || patterns.some((pattern) => pattern.test(id)),
    everything: docs.includes('*'),
  };
}

/**
 * Checks that `grant` allows `need` on a document, named by its id or (for read-only links) its view id.
 * Throws a 403 AuthError otherwise.
 */
export function authorize(grant: Grant, need: Scope, ...ids: string[]): void {
  if (!ids.some((id) => grant.covers(id)))
    throw new AuthError(403, 'forbidden', 'The token does not name this document.');
  if (need === 'write' && grant.scope !== 'write') {
    throw new AuthError(403, 'forbidden', 'The token allows reading only.');
  }
}

/** Like `authorize`, for requests about all documents (list, create). */
export function authorizeEverything(grant: Grant, need: Scope): void {
  if (!grant.everything) throw new AuthError(403, 'forbidden', 'The token does not cover every document.');
  if (need === 'write' && grant.scope !== 'write') {
    throw new AuthError(403, 'forbidden', 'The token allows reading only.');
  }
}

/** True if `grant` allows `need` on the document (no throw). */
export function allows(grant: Grant, need: Scope, docId: string): boolean {
  return grant.covers(docId) && (need === 'read' || grant.scope === 'write');
}

const invalid = (message: string) => new AuthError(401, 'invalid_token', `Invalid token: ${message}.`);
