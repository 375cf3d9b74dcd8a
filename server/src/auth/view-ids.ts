import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isValidDocId } from '../../../shared/doc-id.js';
import { isValidViewId } from '../../../shared/view-id.js';

const IV_BYTES = 16;
const SECRET_FILE = 'view-secret';

/**
 * Read-only view ids, derived without storage (docs/decisions/020-read-only-view-ids.md): a
 * deterministic authenticated encryption of the edit id (SIV: the IV is an HMAC of the id, then
 * AES-256-CTR). Without the key a view id reveals nothing of the edit id and cannot be forged; with it
 * the server maps a view id back to its document in microseconds, on any instance sharing the key.
 */
export class ViewIds {
  private readonly macKey: Buffer;
  private readonly encKey: Buffer;

  constructor(secret: string) {
    this.macKey = createHmac('sha256', secret).update('quire view id: mac').digest();
    this.encKey = createHmac('sha256', secret).update('quire view id: encrypt').digest();
  }

  /** The view id of a document (always the same for the same id and key). */
  viewIdFor(docId: string): string {
    const plain = Buffer.from(docId, 'utf8');
    const iv = this.tag(plain);
    const cipher = createCipheriv('aes-256-ctr', this.encKey, iv);
    return Buffer.concat([iv, cipher.update(plain), cipher.final()]).toString('base64url');
  }

  /** The document a view id names, or null if it was not made with this key. */
  docIdFor(viewId: string): string | null {
    if (!isValidViewId(viewId)) return null;
    const bytes = Buffer.from(viewId, 'base64url');
    // base64url decoding ignores stray bits; insist on the canonical spelling so each document has one view id.
    if (bytes.length <= IV_BYTES || bytes.toString('base64url') !== viewId) return null;
    const iv = bytes.subarray(0, IV_BYTES);
    const decipher = createDecipheriv('aes-256-ctr', this.encKey, iv);
    const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES)), decipher.final()]);
    if (!timingSafeEqual(this.tag(plain), iv)) return null;
    const docId = plain.toString('utf8');
    return isValidDocId(docId) ? docId : null;
  }

  private tag(plain: Buffer): Buffer {
    return createHmac('sha256', this.macKey).update(plain).digest().subarray(0, IV_BYTES);
  }
}

/**
 * The view-id key: `QUIRE_VIEW_SECRET` if set; else one generated on first start and kept in the data
 * directory (so links survive restarts); with memory storage, a fresh one per process.
 */
export function loadViewSecret(options: { secret: string | null; dataDir: string; persistent: boolean }): string {
  if (options.secret) return options.secret;
  if (!options.persistent) return randomBytes(32).toString('base64url');
  const file = join(options.dataDir, SECRET_FILE);
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(options.dataDir, { recursive: true });
  const fresh = randomBytes(32).toString('base64url');
  // `wx`: if two processes race on a fresh directory, the loser reads the winner's key.
  try {
    writeFileSync(file, `${fresh}\n`, { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(file, 'utf8').trim();
  }
}
