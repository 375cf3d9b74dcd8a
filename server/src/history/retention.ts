import type { VersionMeta } from '../storage/doc-store.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Which versions retention removes: automatic versions older than `keepDays` days are thinned to the
 * newest one of each UTC day; named versions and recent ones are always kept. `keepDays` 0 keeps all.
 */
export function versionsToThin(
  versions: readonly Pick<VersionMeta, 'id' | 'kind' | 'createdAt'>[],
  now: Date,
  keepDays: number,
): number[] {
  if (keepDays <= 0) return [];
  const cutoff = now.getTime() - keepDays * DAY_MS;
  type Version = (typeof versions)[number];
  const newer = (a: Version, b: Version) =>
    a.createdAt.getTime() > b.createdAt.getTime() || (a.createdAt.getTime() === b.createdAt.getTime() && a.id > b.id);
  const newestOfDay = new Map<number, Version>();
  const old = versions.filter((v) => v.kind === 'auto' && v.createdAt.getTime() < cutoff);
  for (const version of old) {
    const day = Math.floor(version.createdAt.getTime() / DAY_MS);
    const kept = newestOfDay.get(day);
    if (kept === undefined || newer(version, kept)) newestOfDay.set(day, version);
  }
  const keep = new Set([...newestOfDay.values()].map((v) => v.id));
  return old.filter((v) => !keep.has(v.id)).map((v) => v.id);
}
