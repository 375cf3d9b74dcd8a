/** Document ids: 1–128 characters of `[A-Za-z0-9_-]`, safe in URLs, storage keys and logs. */
export const DOC_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export const MAX_DOC_ID_LENGTH = 128;

export const isValidDocId = (value: unknown): value is string =>
  typeof value === 'string' && DOC_ID_PATTERN.test(value);

/** Bytes of randomness in a generated id: 128 bits, unguessable. */
const NEW_ID_BYTES = 16;

/** A fresh unguessable id (22 base64url characters), using the platform's crypto (Node 20 and browsers). */
export function createDocId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(NEW_ID_BYTES));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
