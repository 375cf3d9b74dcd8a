import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthError } from './auth-error.js';
import { type Grant, OPEN_GRANT } from './grant.js';

/** What the operator credential allows: everything, like a token for `*` with `write`. */
export const ADMIN_GRANT: Grant = OPEN_GRANT;

const digest = (value: string) => createHash('sha256').update(value).digest();

/** True if `presented` is the configured operator credential (compared in constant time). */
export function isAdminToken(configured: string | null, presented: string | null): boolean {
  if (configured === null || presented === null) return false;
  return timingSafeEqual(digest(configured), digest(presented));
}

/**
 * Open mode lists documents only for the operator: ids are the secret there, and a list hands out
 * every edit link. Throws the refusal that says what to set or send.
 */
export function refuseListing(adminTokenConfigured: boolean): never {
  if (!adminTokenConfigured) {
    throw new AuthError(
      403,
      'listing_disabled',
      'Listing documents needs an operator credential: start the server with QUIRE_ADMIN_TOKEN and send it as Authorization: Bearer <token>.',
    );
  }
  throw new AuthError(
    401,
    'admin_required',
    'Listing documents needs the operator credential (QUIRE_ADMIN_TOKEN) as Authorization: Bearer <token>.',
  );
}
