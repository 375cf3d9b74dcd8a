import type { Config } from '../config.js';
import { AuthError } from './auth-error.js';
import { type Grant, OPEN_GRANT } from './grant.js';
import { createTokenVerifier } from './token-verifier.js';
import { loadViewSecret, ViewIds } from './view-ids.js';

/** Who may do what: open mode (ids are the secret) or token mode, plus read-only view ids. */
export interface Access {
  readonly mode: 'open' | 'token';
  readonly viewIds: ViewIds;
  /** The grant of a request's token. Open mode ignores tokens; token mode without one is a 401. */
  grantFor(token: string | null): Promise<Grant>;
}

export function createAccess(config: Config): Access {
  const viewIds = new ViewIds(
    loadViewSecret({ secret: config.viewSecret, dataDir: config.dataDir, persistent: config.storage !== 'memory' }),
  );
  if (!config.auth) return { mode: 'open', viewIds, grantFor: async () => OPEN_GRANT };
  const verifier = createTokenVerifier(config.auth);
  return {
    mode: 'token',
    viewIds,
    grantFor: async (token) => {
      if (!token) throw new AuthError(401, 'unauthorized', 'This server needs an access token.');
      return verifier.verify(token);
    },
  };
}

/**
 * `QUIRE_ALLOWED_ORIGINS`: a browser always sends its page's exact origin, so anything else (`null`
 * from sandboxed frames and files, look-alike hosts, other ports or schemes) is refused. Requests
 * without an Origin do not come from a browser page and are left to the token check.
 */
export const isOriginAllowed = (allowed: readonly string[] | null, origin: string | undefined): boolean =>
  allowed === null || origin === undefined || allowed.includes(origin);
