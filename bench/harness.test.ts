import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type BenchPlan, scenarioPlans } from './harness/plan.js';
import { runBench } from './harness/run-bench.js';
import { FLOOR, targetByName } from './harness/targets.js';
import { createFramer } from './load/frames.js';
import { forEachUpdateClock } from './load/update-ids.js';
import { makeWriterUpdates } from './load/writer-updates.js';
import { renderChart } from './report/chart.js';
import { checkGoals } from './report/goals.js';
import { renderMarkdown } from './report/markdown.js';
import { summarize } from './report/summary.js';
import { TraceMissingError } from './scenarios/trace.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The quick plan, made smaller still: the harness must run, the numbers do not matter here. */
function tinyPlan(): BenchPlan {
  const scenarios = scenarioPlans(true).filter((s) => s.kind !== 'cold-load' && s.id !== 'fanout-100');
  for (const scenario of scenarios) {
    if (scenario.kind === 'fanout')
      Object.assign(scenario.options, { readers: 5, updates: 10, warmup: 2, intervalMs: 5 });
    if (scenario.kind === 'throughput')
      Object.assign(scenario.options, { docs: 2, clientsPerDoc: 3, updatesPerClient: 20 });
    if (scenario.kind === 'idle-memory') Object.assign(scenario.options, { connections: 20, docs: 2, settleMs: 100 });
    if (scenario.kind === 'durable-ack') Object.assign(scenario.options, { updates: 10, warmup: 2 });
  }
  return {
    quick: true,
    runs: 1,
    freshTargets: false,
    targets: [targetByName(FLOOR), targetByName('quire-memory')],
    scenarios,
    tracePath: join(repoRoot, 'bench/no-such-trace.json.gz'),
  };
}

describe('bench harness', () => {
  it('runs every live scenario against Quire and the relay, and every reader sees every update', async () => {
    const plan = tinyPlan();
    const log: string[] = [];
    const cells = await runBench(plan, { repoRoot, log: (line) => log.push(line) });

    const expected = plan.scenarios.length * 2;
    expect(cells.map((c) => `${c.scenario}/${c.target}`)).toHaveLength(expected);
    for (const cell of cells) {
      expect(cell.error, `${cell.scenario} on ${cell.target}`).toBeUndefined();
      expect(cell.complete, `${cell.scenario} on ${cell.target}: ${cell.notes.join('; ')}`).toBe(true);
      if (cell.metrics.missing !== undefined) expect(cell.metrics.missing).toBe(0);
    }
    const quireFanout = cells.find((c) => c.scenario === 'fanout-10' && c.target === 'quire-memory');
    expect(quireFanout?.metrics.p50).toBeGreaterThan(0);
    expect(quireFanout?.metrics.p99).toBeGreaterThanOrEqual(quireFanout?.metrics.p50 ?? Number.POSITIVE_INFINITY);
    expect(cells.find((c) => c.scenario === 'durable-ack' && c.target === 'quire-memory')?.metrics.updates).toBe(10);

    const rows = summarize(cells, FLOOR);
    const relayThroughput = rows.find((r) => r.scenario === 'throughput' && r.target === FLOOR);
    expect(relayThroughput?.ratios.updatesPerSecond).toBe(1);
    const markdown = renderMarkdown({
      date: '2000-01-01',
      machine: { CPU: 'test' },
      quick: true,
      runs: 1,
      scenarios: plan.scenarios,
      targets: plan.targets,
      rows,
      goals: checkGoals(rows, 'quire-memory'),
    });
    expect(markdown).toContain('| quire-memory |');
    expect(renderChart(rows, ['relay', 'quire-memory'], 'test')).toContain('<svg');
  }, 180_000);

  it('stops with a message naming the missing trace before starting any target', async () => {
    const plan = { ...tinyPlan(), scenarios: scenarioPlans(true).filter((s) => s.kind === 'cold-load') };
    const started: string[] = [];
    await expect(runBench(plan, { repoRoot, log: (line) => started.push(line) })).rejects.toThrow(TraceMissingError);
    await expect(runBench(plan, { repoRoot, log: () => {} })).rejects.toThrow(/no-such-trace\.json\.gz/);
    expect(started).toEqual([]);
  });

  it('finds every item clock in an update, whether one keystroke or merged by a server', () => {
    const { clientId, updates } = makeWriterUpdates(424242, 30);
    const seen: number[] = [];
    for (const update of updates.slice(0, 10))
      forEachUpdateClock(update, (client, clock) => client === clientId && seen.push(clock));
    forEachUpdateClock(Y.mergeUpdates(updates.slice(10)), (client, clock) => client === clientId && seen.push(clock));
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('frames Hocuspocus messages with the document name and reads its answers', () => {
    const framer = createFramer('hocuspocus', 'doc-é');
    const update = makeWriterUpdates(7, 1).updates[0] as Uint8Array;
    const frame = framer.update(update);
    // varString name (6 UTF-8 bytes), then Sync (0), Update (2), then the update.
    expect([...frame.subarray(0, 9)]).toEqual([6, ...new TextEncoder().encode('doc-é'), 0, 2]);
    expect(framer.decode(frame)).toEqual({ kind: 'update', update });
    const syncStatus = new Uint8Array([...frame.subarray(0, 7), 8, 1]);
    expect(framer.decode(syncStatus)).toEqual({ kind: 'applied' });
  });
});
