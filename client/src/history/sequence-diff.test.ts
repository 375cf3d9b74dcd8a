import { describe, expect, it } from 'vitest';
import { type DiffOp, diffSequences } from './sequence-diff.js';

const same = (x: string, y: string) => x === y;
const diff = (a: string, b: string) => diffSequences([...a], [...b], same);

/** Applying the ops to `a` must give `b`, and the equal items must be common to both. */
function replay(ops: DiffOp<string>[]): { a: string; b: string } {
  let a = '';
  let b = '';
  for (const { op, item } of ops) {
    if (op !== 'added') a += item;
    if (op !== 'removed') b += item;
  }
  return { a, b };
}

describe('diffSequences', () => {
  it('turns one sequence into the other with the fewest edits', () => {
    const cases: [string, string, number][] = [
      ['', '', 0],
      ['abc', 'abc', 0],
      ['', 'abc', 3],
      ['abc', '', 3],
      ['abcabba', 'cbabac', 5],
      ['kitten', 'sitting', 5],
      ['the quick brown fox', 'the quick red fox jumps', 12],
    ];
    for (const [a, b, edits] of cases) {
      const ops = diff(a, b);
      expect(replay(ops)).toEqual({ a, b });
      expect(ops.filter((o) => o.op !== 'equal')).toHaveLength(edits);
    }
  });

  it('agrees with a brute-force edit distance on random inputs', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const word = () => Array.from({ length: Math.floor(rand() * 12) }, () => 'abc'[Math.floor(rand() * 3)]).join('');
    for (let i = 0; i < 300; i++) {
      const a = word();
      const b = word();
      const ops = diff(a, b);
      expect(replay(ops)).toEqual({ a, b });
      expect(ops.filter((o) => o.op !== 'equal')).toHaveLength(a.length + b.length - 2 * lcs(a, b));
    }
  });
});

function lcs(a: string, b: string): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j] as number;
      row[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(up, row[j - 1] as number);
      diag = up;
    }
  }
  return row[b.length] as number;
}
