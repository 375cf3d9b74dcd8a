import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { titleText } from '../../../shared/doc-fields.js';
import { applyTextChange, diffText, mapIndex, type TextDelta } from './title-binding.js';

describe('title diff', () => {
  it('finds inserts, deletions and replacements', () => {
    expect(diffText('Plan', 'Plans')).toEqual({ index: 4, remove: 0, insert: 's' });
    expect(diffText('Plans', 'Plan')).toEqual({ index: 4, remove: 1, insert: '' });
    expect(diffText('Hello world', 'Hello there world')).toEqual({ index: 6, remove: 0, insert: 'there ' });
    expect(diffText('abcdef', 'abXYef')).toEqual({ index: 2, remove: 2, insert: 'XY' });
    expect(diffText('', 'New')).toEqual({ index: 0, remove: 0, insert: 'New' });
    expect(diffText('same', 'same')).toBeNull();
  });

  it('uses the caret to place an edit inside repeated text', () => {
    expect(diffText('aa', 'aaa')).toEqual({ index: 2, remove: 0, insert: 'a' });
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
    expect(diffText('aa', 'aaa', 2)).toEqual({ index: 1, remove: 0, insert: 'a' });
    expect(diffText('aaa', 'aa', 0)).toEqual({ index: 0, remove: 1, insert: '' });
  });

  it('turns one value into the other when applied to a Y.Text', () => {
    const pairs = [
      ['', 'Weekly notes'],
      ['Weekly notes', 'Weekly team notes'],
      ['Weekly team notes', 'Team notes'],
      ['Team notes', '📝 Team notes'],
      ['📝 Team notes', ''],
    ] as const;
    const doc = new Y.Doc();
    const text = titleText(doc);
    for (const [before, after] of pairs) {
      expect(text.toString()).toBe(before);
      const change = diffText(before, after);
      if (change) applyTextChange(text, change);
      expect(text.toString()).toBe(after);
    }
  });

  it('keeps concurrent edits of two people', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    applyTextChange(titleText(a), { index: 0, remove: 0, insert: 'Roadmap' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const before = 'Roadmap';
    applyTextChange(titleText(a), diffText(before, 'Q3 Roadmap', 3) as NonNullable<ReturnType<typeof diffText>>);
    applyTextChange(titleText(b), diffText(before, 'Roadmap draft', 13) as NonNullable<ReturnType<typeof diffText>>);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(titleText(a).toString()).toBe('Q3 Roadmap draft');
    expect(titleText(b).toString()).toBe('Q3 Roadmap draft');
  });
});

describe('caret mapping through remote edits', () => {
  it('moves the caret by text inserted or deleted before it', () => {
    const delta: TextDelta = [{ insert: 'Q3 ' }];
    expect(mapIndex(4, delta)).toBe(7);
    expect(mapIndex(0, delta)).toBe(0);
    expect(mapIndex(5, [{ retain: 2 }, { delete: 2 }])).toBe(3);
    expect(mapIndex(3, [{ retain: 2 }, { delete: 4 }])).toBe(2);
    expect(mapIndex(2, [{ retain: 5 }, { insert: 'x' }])).toBe(2);
  });

  it('matches what Yjs reports for a real remote change', () => {
    const local = new Y.Doc();
    const remote = new Y.Doc();
    titleText(remote).insert(0, 'Roadmap');
    Y.applyUpdate(local, Y.encodeStateAsUpdate(remote));
    let mapped = -1;
    titleText(local).observe((event) => {
      mapped = mapIndex(4, event.delta as TextDelta);
    });
    titleText(remote).insert(0, 'Q3 ');
    Y.applyUpdate(local, Y.encodeStateAsUpdate(remote));
    expect(mapped).toBe(7);
    expect(titleText(local).toString().slice(mapped)).toBe('map');
  });
});
