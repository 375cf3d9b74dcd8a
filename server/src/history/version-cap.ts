import type { DocStore, VersionMeta } from '../storage/doc-store.js';

/** Version metadata read per query while adding up a document's usage. */
const USAGE_PAGE = 500;

/**
 * What one document may keep on request: named versions and the backups restores keep. Automatic
 * versions come on the server's own schedule and are thinned by retention, so they do not count.
 */
export interface VersionCap {
  /** @default 100 (`QUIRE_MAX_NAMED_VERSIONS`) */
  count: number;
  /** Stored bytes. @default 128 MiB (`QUIRE_MAX_NAMED_VERSION_BYTES`) */
  bytes: number;
}

/** A version made on request would pass the document's cap (answered with 409). */
export class VersionCapError extends Error {
  override name = 'VersionCapError';
  readonly code = 'too_many_versions';
}

/** Named versions, and restore backups (automatic ones that carry a note). */
export const keptOnRequest = (meta: VersionMeta): boolean => meta.kind === 'named' || meta.name !== null;

/**
 * Throws a VersionCapError if the document already keeps `cap.count` versions made on request, or
 * their bytes reached `cap.bytes`. Reads metadata only (never version data).
 */
export async function checkVersionCap(store: DocStore, docId: string, cap: VersionCap): Promise<void> {
  let count = 0;
  let bytes = 0;
  let before: number | undefined;
  do {
    const page = await store.listVersions(docId, { limit: USAGE_PAGE, before });
    for (const meta of page.versions) {
      if (!keptOnRequest(meta)) continue;
      count++;
      bytes += meta.size;
    }
    before = page.next;
  } while (before !== undefined);
  if (count >= cap.count || bytes >= cap.bytes) {
    const limit =
      count >= cap.count
        ? `${cap.count} named versions`
        : `${Math.floor(cap.bytes / 1024 / 1024)} MiB of named versions`;
    throw new VersionCapError(
      `This document keeps at most ${limit} (restore backups included). Delete one it no longer needs ` +
        '(DELETE /api/docs/<id>/versions/<versionId>), or ask the operator to raise QUIRE_MAX_NAMED_VERSIONS ' +
        'or QUIRE_MAX_NAMED_VERSION_BYTES.',
    );
  }
}
