import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../testing/memory-storage.js';
import { formatRelativeTime, MAX_RECENT_DOCS, RECENT_DOCS_KEY, RecentDocs } from './recent-docs.js';

describe('recent documents', () => {
  it('lists visits newest first and moves a revisited document to the top', () => {
    let now = 1000;
    const recent = new RecentDocs(memoryStorage(), () => now);
    recent.touch('a', 'Alpha');
    now = 2000;
    recent.touch('b');
    now = 3000;
    recent.touch('a');
    expect(recent.list()).toEqual([
      { id: 'a', title: 'Alpha', openedAt: 3000 },
      { id: 'b', title: '', openedAt: 2000 },
    ]);
  });

  it('renames in place and forgets on request', () => {
    const recent = new RecentDocs(memoryStorage(), () => 5);
    recent.touch('a');
    recent.touch('b');
    recent.rename('a', 'Plans');
    recent.rename('zzz', 'ignored');
    // b was opened last and stays on top: renaming does not count as a visit.
    expect(recent.list().map((doc) => [doc.id, doc.title])).toEqual([
      ['b', ''],
      ['a', 'Plans'],
    ]);
    recent.remove('a');
    expect(recent.list().map((doc) => doc.id)).toEqual(['b']);
  });

  it(`keeps at most ${MAX_RECENT_DOCS}`, () => {
    let now = 0;
    const recent = new RecentDocs(memoryStorage(), () => ++now);
    for (let i = 0; i < MAX_RECENT_DOCS + 5; i++) recent.touch(`doc${i}`);
    const list = recent.list();
    expect(list).toHaveLength(MAX_RECENT_DOCS);
    expect(list[0]?.id).toBe(`doc${MAX_RECENT_DOCS + 4}`);
  });

  it('ignores corrupt or hostile stored data', () => {
    for (const stored of ['not json', '{"a":1}', 'null']) {
      expect(new RecentDocs(memoryStorage({ [RECENT_DOCS_KEY]: stored })).list()).toEqual([]);
    }
    const mixed = JSON.stringify([
      { id: '../x', title: 't', openedAt: 1 },
      { id: 'ok', title: 42, openedAt: 2 },
      { id: 'ok2', title: 'x'.repeat(500), openedAt: 3 },
      { id: 'bad-time', title: '', openedAt: 'soon' },
      null,
    ]);
    const list = new RecentDocs(memoryStorage({ [RECENT_DOCS_KEY]: mixed })).list();
    expect(list.map((doc) => doc.id)).toEqual(['ok2', 'ok']);
    expect(list[0]?.title).toHaveLength(200);
    expect(list[1]?.title).toBe('');
  });

  it('works without storage', () => {
    const recent = new RecentDocs(null);
    recent.touch('a');
    expect(recent.list()).toEqual([]);
  });
});

describe('relative times', () => {
  const now = Date.UTC(2025, 5, 15, 12);
  it.each([
    [10_000, 'just now'],
    [5 * 60_000, '5 min ago'],
    [3 * 3_600_000, '3 h ago'],
    [30 * 3_600_000, 'yesterday'],
    [4 * 86_400_000, '4 days ago'],
  ])('%i ms ago reads "%s"', (ago, text) => {
    expect(formatRelativeTime(now - ago, now)).toBe(text);
  });

  it('shows a date for anything older than a week', () => {
    // Local noon: the same calendar day in every time zone the machine may be set to.
    expect(formatRelativeTime(new Date(2024, 0, 2, 12).getTime(), now, 'en-US')).toBe('Jan 2, 2024');
  });
});
