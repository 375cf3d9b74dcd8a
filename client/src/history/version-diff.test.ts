import { getSchema } from '@tiptap/core';
import { Node as PMNode } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { schemaExtensions } from '../editor/schema-extensions.js';
import { compareDocs, linesOf } from './version-diff.js';

const schema = getSchema(schemaExtensions());
const text = (value: string, marks?: { type: string }[]) => ({
  type: 'text',
  text: value,
  ...(marks ? { marks } : {}),
});
const p = (value: string) => ({ type: 'paragraph', content: value ? [text(value)] : [] });
const h = (level: number, value: string) => ({ type: 'heading', attrs: { level }, content: [text(value)] });
const list = (type: string, items: string[], checked?: boolean[]) => ({
  type,
  content: items.map((item, i) => ({
    type: type === 'taskList' ? 'taskItem' : 'listItem',
    ...(type === 'taskList' ? { attrs: { checked: checked?.[i] ?? false } } : {}),
    content: [p(item)],
  })),
});
const doc = (...content: unknown[]) => PMNode.fromJSON(schema, { type: 'doc', content });

describe('linesOf', () => {
  it('flattens blocks into lines with their markers and containers', () => {
    const lines = linesOf(
      doc(
        h(2, 'Title'),
        list('orderedList', ['one', 'two']),
        list('taskList', ['todo', 'done'], [false, true]),
        { type: 'blockquote', content: [list('bulletList', ['quoted'])] },
        { type: 'horizontalRule' },
      ),
    );
    expect(lines.map((l) => [l.type, l.level, l.context.join('>'), l.marker, l.text])).toEqual([
      ['heading', 2, '', '', 'Title'],
      ['paragraph', 0, 'orderedList', '1.', 'one'],
      ['paragraph', 0, 'orderedList', '2.', 'two'],
      ['paragraph', 0, 'taskList', '☐', 'todo'],
      ['paragraph', 0, 'taskList', '☑', 'done'],
      ['paragraph', 0, 'blockquote>bulletList', '•', 'quoted'],
      ['horizontalRule', 0, '', '', ''],
    ]);
  });
});

describe('compareDocs', () => {
  it('marks lines only in the version as added, only in the current document as removed', () => {
    const current = doc(p('Keep'), p('Only now'), p('End'));
    const version = doc(p('Keep'), p('End'), h(1, 'Only then'));
    const kinds = compareDocs(current, version).map((l) => [l.kind, l.line.text]);
    expect(kinds).toEqual([
      ['equal', 'Keep'],
      ['removed', 'Only now'],
      ['equal', 'End'],
      ['added', 'Only then'],
    ]);
  });

  it('compares a changed line word by word', () => {
    const [line] = compareDocs(doc(p('the quick brown fox')), doc(p('the slow brown fox jumps')));
    expect(line?.kind).toBe('changed');
    if (line?.kind !== 'changed') return;
    expect(line.words).toEqual([
      { op: 'equal', item: 'the' },
      { op: 'equal', item: ' ' },
      { op: 'removed', item: 'quick' },
      { op: 'added', item: 'slow' },
      { op: 'equal', item: ' ' },
      { op: 'equal', item: 'brown' },
      { op: 'equal', item: ' ' },
      { op: 'equal', item: 'fox' },
      { op: 'added', item: ' jumps' },
    ]);
  });

  it('shows a rewritten line as removed and added, not as a mix of words', () => {
    const lines = compareDocs(doc(p('Bob rewrote everything.')), doc(p('The first draft, sent to review.')));
    expect(lines.map((l) => [l.kind, l.line.text])).toEqual([
      ['removed', 'Bob rewrote everything.'],
      ['added', 'The first draft, sent to review.'],
    ]);
  });

  it('sees a mark or a checked box as a change, and identical documents as no change', () => {
    const plain = doc(p('word'), list('taskList', ['task'], [false]));
    const bold = doc(
      { type: 'paragraph', content: [text('word', [{ type: 'bold' }])] },
      list('taskList', ['task'], [true]),
    );
    expect(compareDocs(plain, bold).filter((l) => l.kind !== 'equal')).toHaveLength(2);
    expect(compareDocs(plain, plain).every((l) => l.kind === 'equal')).toBe(true);
  });
});
