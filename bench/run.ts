/**
 * `npm run bench`: Quire against the servers users would pick instead, and against a raw relay as the
 * floor. Environment: BENCH_QUICK=1 (one-minute smoke run), BENCH_RUNS (default 3), BENCH_TARGETS and
 * BENCH_SCENARIOS (comma-separated names), BENCH_TRACE (path of automerge-paper.json.gz).
 * A full run writes bench/results/<date>.{json,md,svg} and refreshes the table in BENCHMARKS.md; quick or
 * partial runs write to bench/results/tmp/ (ignored by git).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine, ensurePeers, planFileLimit } from './harness/environment.js';
import { type BenchPlan, scenarioPlans } from './harness/plan.js';
import { runBench } from './harness/run-bench.js';
import { FLOOR, TARGETS, targetByName } from './harness/targets.js';
import { renderChart } from './report/chart.js';
import { checkGoals } from './report/goals.js';
import { renderMarkdown } from './report/markdown.js';
import { summarize } from './report/summary.js';
import { DEFAULT_TRACE_PATH } from './scenarios/trace.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => console.log(line);
const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const RESULTS_START = '<!-- bench:results:start -->';
const RESULTS_END = '<!-- bench:results:end -->';

async function main(): Promise<void> {
  const quick = process.env.BENCH_QUICK === '1';
  const targets = (list(process.env.BENCH_TARGETS) ?? TARGETS.map((t) => t.name)).map(targetByName);
  if (!targets.some((t) => t.name === FLOOR)) targets.unshift(targetByName(FLOOR));
  let scenarios = scenarioPlans(quick);
  const only = list(process.env.BENCH_SCENARIOS);
  if (only) {
    const unknown = only.filter((id) => !scenarios.some((s) => s.id === id));
    if (unknown.length > 0)
      throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${scenarios.map((s) => s.id).join(', ')}`);
    scenarios = scenarios.filter((s) => only.includes(s.id));
  }
  const notes: string[] = [];
  const idle = scenarios.find((s) => s.kind === 'idle-memory');
  const limits = planFileLimit(idle?.kind === 'idle-memory' ? idle.options.connections + 100 : 1000);
  if (idle?.kind === 'idle-memory' && limits.maxConnections < idle.options.connections + 100) {
    idle.options.connections = Math.max(100, limits.maxConnections - 100);
  }
  if (limits.note) notes.push(limits.note);
  const plan: BenchPlan = {
    quick,
    runs: Number(process.env.BENCH_RUNS ?? (quick ? 1 : 3)),
    freshTargets: !quick,
    targets,
    scenarios,
    tracePath: process.env.BENCH_TRACE ?? DEFAULT_TRACE_PATH,
  };
  if (targets.some((t) => t.peer)) ensurePeers(repoRoot, log);

  const started = new Date();
  log(
    `Quire bench: ${quick ? 'quick' : 'full'}, ${plan.runs} run(s), targets ${targets.map((t) => t.name).join(', ')}`,
  );
  const cells = await runBench(plan, { repoRoot, fileLimit: limits.fileLimit, log });
  const rows = summarize(cells, FLOOR);
  const goals = checkGoals(rows);
  const date = started.toISOString().slice(0, 10);
  const machine = describeMachine();
  const markdown = renderMarkdown({ date, machine, quick, runs: plan.runs, scenarios, targets, rows, goals });
  const chart = renderChart(
    rows,
    targets.map((t) => t.name),
    `Quire bench ${date}: ratios to the raw relay (1.0 = floor)`,
  );

  // Quick and partial runs are smoke tests: they go to the ignored tmp folder, not the committed results.
  const partial = quick || only !== undefined || process.env.BENCH_TARGETS !== undefined;
  const outDir = join(repoRoot, partial ? 'bench/results/tmp' : 'bench/results');
  mkdirSync(outDir, { recursive: true });
  const base = join(outDir, date);
  const json = {
    date: started.toISOString(),
    minutes: (Date.now() - started.getTime()) / 60_000,
    machine,
    notes,
    plan: { ...plan, targets: targets.map((t) => t.name), tracePath: relative(repoRoot, plan.tracePath) },
    goals,
    summary: rows,
    cells,
  };
  writeFileSync(`${base}.json`, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(`${base}.md`, markdown);
  writeFileSync(`${base}.svg`, chart);
  log(`\n${markdown}`);
  log(`Results: ${relative(repoRoot, base)}.{json,md,svg}`);
  if (!partial) updateBenchmarksDoc(markdown, relative(repoRoot, `${base}.svg`));
  const incomplete = cells.filter((c) => !c.complete);
  if (incomplete.length > 0) {
    log(`${incomplete.length} measurement(s) incomplete or failed; see the JSON for details.`);
    process.exitCode = 1;
  }
}

/** Puts the latest table and chart between the markers in BENCHMARKS.md, leaving the prose alone. */
function updateBenchmarksDoc(markdown: string, chartPath: string): void {
  const file = join(repoRoot, 'BENCHMARKS.md');
  if (!existsSync(file)) return;
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(RESULTS_START);
  const end = text.indexOf(RESULTS_END);
  if (start < 0 || end < start) return;
  const block = `${RESULTS_START}\n![Ratios to the relay](${chartPath})\n\n${markdown}${RESULTS_END}`;
  writeFileSync(file, text.slice(0, start) + block + text.slice(end + RESULTS_END.length));
  log('BENCHMARKS.md updated.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
