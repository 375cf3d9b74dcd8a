/** One step of turning sequence `a` into sequence `b`. */
export interface DiffOp<T> {
  op: 'equal' | 'removed' | 'added';
  /** From `a` for `equal` and `removed`, from `b` for `added`. */
  item: T;
}

/**
 * The shortest edit script from `a` to `b` (Myers' O((N+M)·D) algorithm), after trimming the common
 * start and end. Removals come before additions within a changed stretch.
 */
export function diffSequences<T>(a: readonly T[], b: readonly T[], equal: (x: T, y: T) => boolean): DiffOp<T>[] {
  let start = 0;
  while (start < a.length && start < b.length && equal(a[start] as T, b[start] as T)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && equal(a[endA - 1] as T, b[endB - 1] as T)) {
    endA--;
    endB--;
  }
  const head = a.slice(0, start).map((item) => ({ op: 'equal' as const, item }));
  const tail = a.slice(endA).map((item) => ({ op: 'equal' as const, item }));
  return [...head, ...myers(a.slice(start, endA), b.slice(start, endB), equal), ...tail];
}

function myers<T>(a: readonly T[], b: readonly T[], equal: (x: T, y: T) => boolean): DiffOp<T>[] {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  /** `trace[d]`: the furthest x on each diagonal k before step d. */
  const trace: Int32Array[] = [];
  const takesB = (state: Int32Array, k: number, d: number) =>
    k === -d || (k !== d && (state[offset + k - 1] as number) < (state[offset + k + 1] as number));
  search: for (let d = 0; d <= n + m; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = takesB(v, k, d) ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && equal(a[x] as T, b[y] as T)) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) break search;
    }
  }
  const ops: DiffOp<T>[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const state = trace[d] as Int32Array;
    const k = x - y;
    const prevK = takesB(state, k, d) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : (state[offset + prevK] as number);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ op: 'equal', item: a[x] as T });
    }
    if (d > 0) {
      if (x === prevX) ops.push({ op: 'added', item: b[prevY] as T });
      else ops.push({ op: 'removed', item: a[prevX] as T });
    }
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}
