/**
 * How many of a row's items, kept in order, fit in `available` pixels. `ends[i]` is where item `i`
 * ends, measured from the row's start (the gaps and dividers before it included). When they do not
 * all fit, the count leaves room for the More button (`moreWidth`: its width and the gap before it).
 */
export function fittingCount(ends: readonly number[], available: number, moreWidth: number): number {
  // Half a pixel of slack: fractional layout widths must not push the last item out and in again.
  const room = available + 0.5;
  const last = ends.at(-1);
  if (last === undefined || last <= room) return ends.length;
  let count = 0;
  while (count < ends.length && (ends[count] ?? Number.POSITIVE_INFINITY) + moreWidth <= room) count++;
  return count;
}
