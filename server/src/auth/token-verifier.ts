import { createPublicKey, type KeyObject } from 'node:crypto';
import type { JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config.js';
import { AuthError } from './auth-error.js';
import { type Grant, grantFromClaims } from './grant.js';

/** Turns a token into a Grant or throws an AuthError (401 bad or expired, 503 keys unreachable). */
export interface TokenVerifier {
  verify(token: string): Promise<Grant>;
}

/** Longer tokens are refused before any parsing (a JWT with a few dozen patterns is well under 2 KiB). */
export const MAX_TOKEN_LENGTH = 8192;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** Seconds of clock difference tolerated between the token issuer and this server. */
const CLOCK_TOLERANCE_SECONDS = 5;

const ASYMMETRIC = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];

type Jose = typeof import('jose');
type Key = Uint8Array | KeyObject | JWTVerifyGetKey;

/**
 * Builds the verifier for the configured key source: HS256 secret, PEM public key or JWKS URL. A bad
 * key fails here, at start; `jose` itself loads on first use, so open mode never pays for it.
 */
export function createTokenVerifier(auth: AuthConfig): TokenVerifier {
  const source = keySource(auth);
  let ready: Promise<{ jose: Jose; key: Key }> | null = null;
  const load = () => {
    ready ??= import('jose').then((jose) => ({ jose, key: source.key ?? remoteKeys(jose, auth) }));
    return ready;
  };
  return {
    async verify(token) {
      if (token.length > MAX_TOKEN_LENGTH || !JWT_SHAPE.test(token)) {
        throw new AuthError(401, 'invalid_token', 'The token is not a JWT.');
      }
      const { jose, key } = await load();
      let payload: Record<string, unknown>;
      try {
        // Overloads differ by key kind; both are valid here.
        ({ payload } = await jose.jwtVerify(token, key as Uint8Array, {
          algorithms: source.algorithms,
          issuer: auth.issuer,
          audience: auth.audience,
          requiredClaims: ['exp'],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        }));
      } catch (error) {
        throw toAuthError(jose, error);
      }
      return grantFromClaims(payload);
    },
  };
}

/** The static key and the algorithms it may verify; a JWKS URL has its key set made once `jose` is loaded. */
function keySource(auth: AuthConfig): { key: Key | null; algorithms: string[] } {
  if (auth.secret) return { key: new TextEncoder().encode(auth.secret), algorithms: ['HS256'] };
  if (auth.publicKey) {
    const key = createPublicKey(auth.publicKey);
    return { key, algorithms: algorithmsFor(key) };
  }
  if (auth.jwksUrl) return { key: null, algorithms: ASYMMETRIC };
  throw new Error('token mode needs a secret, a public key or a JWKS URL');
}

const remoteKeys = (jose: Jose, auth: AuthConfig): JWTVerifyGetKey =>
  jose.createRemoteJWKSet(new URL(auth.jwksUrl as string), { timeoutDuration: 5000, cooldownDuration: 30_000 });

/** Only the algorithms the key can verify: a token cannot choose a weaker one (or HS256 with the public key). */
function algorithmsFor(key: KeyObject): string[] {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
    case 'rsa-pss':
      return ['PS256', 'PS384', 'PS512'];
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      return curve === 'secp384r1' ? ['ES384'] : curve === 'secp521r1' ? ['ES512'] : ['ES256'];
    }
    case 'ed25519':
      return ['EdDSA', 'Ed25519'];
    default:
      throw new Error(`unsupported public key type ${key.asymmetricKeyType}`);
  }
}

function toAuthError({ errors }: Jose, error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  if (error instanceof errors.JWTExpired) return new AuthError(401, 'token_expired', 'The token has expired.');
  if (error instanceof errors.JWKSTimeout || (error instanceof TypeError && !(error instanceof errors.JOSEError))) {
    // The key set could not be fetched: the server's problem, not the token's.
    return new AuthError(503, 'auth_unavailable', 'The token keys could not be fetched; try again.');
  }
  return new AuthError(401, 'invalid_token', 'The token is not valid.');
}
