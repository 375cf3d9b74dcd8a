import type { CellResult } from '../harness/run-bench.js';
import { median } from '../load/stats.js';

/** One table row: a target's medians in one scenario and their ratios to the floor. */
export interface SummaryRow {
  scenario: string;
  target: string;
  /** Runs that produced numbers. */
  runs: number;
  /** Median of each metric over the runs. */
  metrics: Record<string, number>;
  /**
   * Per metric, the median over runs of (this target ÷ the floor in the same run): the floor measured
   * minutes apart on a shared machine drifts, the pair measured side by side drifts less.
   */
  ratios: Record<string, number>;
  /** Every run was complete (every reader saw every update). */
  complete: boolean;
  errors: string[];
}

export function summarize(cells: readonly CellResult[], floor: string): SummaryRow[] {
  const groups = new Map<string, CellResult[]>();
  for (const cell of cells) {
    const key = `${cell.scenario}\u0000${cell.target}`;
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  const floorOf = (scenario: string, run: number) =>
    cells.find((c) => c.scenario === scenario && c.target === floor && c.run === run && !c.error);
  const rows: SummaryRow[] = [];
  for (const group of groups.values()) {
    const first = group[0] as CellResult;
    const measured = group.filter((c) => !c.error);
    const names = new Set(measured.flatMap((c) => Object.keys(c.metrics)));
    const metrics: Record<string, number> = {};
    const ratios: Record<string, number> = {};
    for (const name of names) {
      metrics[name] = median(measured.map((c) => c.metrics[name] ?? Number.NaN).filter(Number.isFinite));
      const pairs = measured
        .map((c) => {
          const base = floorOf(c.scenario, c.run)?.metrics[name];
          const value = c.metrics[name];
          return base && value !== undefined ? value / base : Number.NaN;
        })
        .filter(Number.isFinite);
      if (pairs.length > 0) ratios[name] = median(pairs);
    }
    rows.push({
      scenario: first.scenario,
      target: first.target,
      runs: measured.length,
      metrics,
      ratios,
      complete: group.every((c) => c.complete),
      errors: group.filter((c) => c.error).map((c) => (c.error ?? '').split('\n')[0] as string),
    });
  }
  return rows;
}
