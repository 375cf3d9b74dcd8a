import type { Node as PMNode } from '@tiptap/pm/model';
import { type DiffOp, diffSequences } from './sequence-diff.js';

/** One text block (or rule) of a document, with where it sits: the unit a comparison works on. */
export interface Line {
  /** `paragraph`, `heading`, `codeBlock` or `horizontalRule`. */
  type: string;
  /** Heading level; 0 otherwise. */
  level: number;
  /** Containers from the outside in: `bulletList`, `orderedList`, `taskList`, `blockquote`. */
  context: string[];
  /** Shown before the line: `•`, `3.`, `☐`, `☑` on an item's first block, else empty. */
  marker: string;
  text: string;
  /** The block itself, to render with its marks. */
  node: PMNode;
  /** Equal keys: the same line, marks and place included. */
  key: string;
}

export type DiffLine =
  /** In both documents. */
  | { kind: 'equal'; line: Line }
  /** Only in the version (`added` back by a restore). */
  | { kind: 'added'; line: Line }
  /** Only in the current document (`removed` by a restore). */
  | { kind: 'removed'; line: Line }
  /** The same kind of line in both places, with different text: word by word. */
  | { kind: 'changed'; line: Line; words: DiffOp<string>[] };

const LISTS = new Set(['bulletList', 'orderedList', 'taskList']);

/** The document's lines in reading order. */
export function linesOf(doc: PMNode): Line[] {
  const lines: Line[] = [];
  const visit = (node: PMNode, context: string[], marker: string): void => {
    if (node.isTextblock || node.type.name === 'horizontalRule') {
      const level = node.type.name === 'heading' ? Number(node.attrs.level) || 1 : 0;
      const key = JSON.stringify([context, node.type.name, level, marker, node.toJSON()]);
      lines.push({ type: node.type.name, level, context, marker, text: node.textContent, node, key });
      return;
    }
    if (LISTS.has(node.type.name)) {
      const start = Number(node.attrs.start) || 1;
      node.forEach((item, _offset, index) => {
        const itemMarker =
          node.type.name === 'orderedList'
            ? `${start + index}.`
            : node.type.name === 'taskList'
              ? item.attrs.checked
                ? '☑'
                : '☐'
              : '•';
        item.forEach((child, _o, childIndex) => {
          visit(child, [...context, node.type.name], childIndex === 0 ? itemMarker : '');
        });
      });
      return;
    }
    const inner = node.type.name === 'doc' ? context : [...context, node.type.name];
    node.forEach((child) => {
      visit(child, inner, '');
    });
  };
  visit(doc, [], '');
  return lines;
}

/** Words and the spaces between them, so a diff keeps spacing exactly. */
export const wordsOf = (text: string): string[] => text.match(/\s+|[^\s]+/g) ?? [];

const samePlace = (a: Line, b: Line) =>
  a.type === b.type && a.level === b.level && a.context.join('>') === b.context.join('>');

/**
 * What differs between the current document and a version, as the version's lines (plus the current
 * document's lines the version lacks), in reading order.
 */
export function compareDocs(current: PMNode, version: PMNode): DiffLine[] {
  const ops = diffSequences(linesOf(current), linesOf(version), (a, b) => a.key === b.key);
  const out: DiffLine[] = [];
  let removed: Line[] = [];
  let added: Line[] = [];
  const flush = () => {
    // Within one changed stretch, lines of the same kind in the same place pair up and compare by words.
    let r = 0;
    let a = 0;
    while (r < removed.length || a < added.length) {
      const before = removed[r];
      const after = added[a];
      const words = before && after && samePlace(before, after) ? wordDiff(before.text, after.text) : null;
      if (words) {
        out.push({ kind: 'changed', line: after as Line, words });
        r++;
        a++;
      } else if (before && (!after || removed.length - r >= added.length - a)) {
        out.push({ kind: 'removed', line: before });
        r++;
      } else if (after) {
        out.push({ kind: 'added', line: after });
        a++;
      }
    }
    removed = [];
    added = [];
  };
  for (const { op, item } of ops) {
    if (op === 'equal') {
      flush();
      out.push({ kind: 'equal', line: item });
    } else if (op === 'removed') removed.push(item);
    else added.push(item);
  }
  flush();
  return out;
}

/** Below this share of unchanged characters, a line reads better as removed and added than word by word. */
const MIN_SIMILARITY = 0.5;

/**
 * Word-by-word differences of two versions of a line, each changed stretch as one removal followed by
 * one addition; null when the lines have too little in common to compare that way.
 */
export function wordDiff(before: string, after: string): DiffOp<string>[] | null {
  const ops = diffSequences(wordsOf(before), wordsOf(after), (x, y) => x === y);
  const letters = (text: string) => text.replace(/\s+/g, '').length;
  const same = ops.reduce((sum, { op, item }) => sum + (op === 'equal' ? letters(item) : 0), 0);
  const total = letters(before) + letters(after);
  if (total > 0 && (2 * same) / total < MIN_SIMILARITY) return null;
  const grouped: DiffOp<string>[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed) grouped.push({ op: 'removed', item: removed });
    if (added) grouped.push({ op: 'added', item: added });
    removed = '';
    added = '';
  };
  for (const { op, item } of ops) {
    if (op === 'removed') removed += item;
    else if (op === 'added') added += item;
    else {
      flush();
      grouped.push({ op, item });
    }
  }
  flush();
  return grouped;
}

/** Counts for a summary line ("3 changes"). */
export function countChanges(lines: readonly DiffLine[]): number {
  return lines.filter((line) => line.kind !== 'equal').length;
}
