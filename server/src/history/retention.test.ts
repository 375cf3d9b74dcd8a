import { describe, expect, it } from 'vitest';
import type { VersionKind } from '../storage/doc-store.js';
import { versionsToThin } from './retention.js';

const now = new Date(Date.UTC(2025, 5, 20, 12));
const at = (day: number, hour: number) => new Date(Date.UTC(2025, 5, day, hour));
const v = (id: number, kind: VersionKind, createdAt: Date) => ({ id, kind, createdAt });

describe('versionsToThin', () => {
  it('keeps the newest automatic version of each old day, every named one and everything recent', () => {
    const versions = [
      v(1, 'auto', at(1, 8)),
      v(2, 'named', at(1, 9)),
      v(3, 'auto', at(1, 22)),
      v(4, 'auto', at(1, 12)),
      v(5, 'auto', at(2, 0)),
      v(6, 'auto', at(19, 1)),
      v(7, 'auto', at(19, 2)),
    ];
    expect(versionsToThin(versions, now, 7).sort()).toEqual([1, 4]);
  });

  it('breaks ties on time by id, and keeps everything when retention is 0', () => {
    const same = at(1, 10);
    expect(versionsToThin([v(8, 'auto', same), v(9, 'auto', same)], now, 1)).toEqual([8]);
    expect(versionsToThin([v(1, 'auto', at(1, 1)), v(2, 'auto', at(1, 2))], now, 0)).toEqual([]);
  });
});
