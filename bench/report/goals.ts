import type { SummaryRow } from './summary.js';

/** One of the targets for Quire, checked against a run's summary. */
export interface GoalCheck {
  goal: string;
  measured: string;
  /** null when the run did not measure it. */
  met: boolean | null;
}

/** KB here is 1,000 bytes: the stricter reading of the targets. */
const KB = 1000;

/** The targets for Quire with durable SQLite (`target`), as ratios to the floor of the same run. */
export function checkGoals(rows: readonly SummaryRow[], target = 'quire-sqlite'): GoalCheck[] {
  const row = (scenario: string) => rows.find((r) => r.scenario === scenario && r.target === target);
  const check = (
    goal: string,
    value: number | undefined,
    ok: (v: number) => boolean,
    show: (v: number) => string,
  ): GoalCheck =>
    value === undefined || !Number.isFinite(value)
      ? { goal, measured: 'not measured', met: null }
      : { goal, measured: show(value), met: ok(value) };
  const throughput = row('throughput');
  const cold = row('cold-load');
  const coldSync = cold?.metrics.fullSyncMs;
  const stored = cold?.metrics.storedBytes;
  return [
    check(
      'Throughput ≥ 0.9× relay',
      throughput?.ratios.updatesPerSecond,
      (v) => v >= 0.9,
      (v) => `${v.toFixed(2)}×`,
    ),
    check(
      'Server CPU per 1,000 updates ≤ 1.2× relay',
      throughput?.ratios.cpuSecondsPer1000,
      (v) => v <= 1.2,
      (v) => `${v.toFixed(2)}×`,
    ),
    check(
      'Fan-out p99 at N = 100 ≤ 1.1× relay',
      row('fanout-100')?.ratios.p99,
      (v) => v <= 1.1,
      (v) => `${v.toFixed(2)}×`,
    ),
    check(
      'Idle memory ≤ 16 KB per connection',
      row('idle-memory')?.metrics.bytesPerConnection,
      (v) => v <= 16 * KB,
      (v) => `${(v / KB).toFixed(1)} KB`,
    ),
    check(
      'Cold full sync of the trace ≤ 50 ms',
      coldSync,
      (v) => v <= 50,
      (v) => `${v.toFixed(1)} ms`,
    ),
    check(
      'Stored size of the trace ≤ 320 KB',
      stored,
      (v) => v <= 320 * KB,
      (v) => `${(v / KB).toFixed(1)} KB`,
    ),
    check(
      'Durable-ack p50 ≤ 3 ms',
      row('durable-ack')?.metrics.p50,
      (v) => v <= 3,
      (v) => `${v.toFixed(2)} ms`,
    ),
  ];
}
