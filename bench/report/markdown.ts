import type { ScenarioPlan } from '../harness/plan.js';
import type { TargetSpec } from '../harness/targets.js';
import type { GoalCheck } from './goals.js';
import type { SummaryRow } from './summary.js';

/** A column: a metric's median, or its ratio to the floor. */
interface Column {
  title: string;
  metric: string;
  ratio?: boolean;
  format: (v: number) => string;
}

const ms = (v: number) => v.toFixed(v < 10 ? 2 : 1);
const times = (v: number) => `${v.toFixed(2)}×`;
const int = (v: number) => Math.round(v).toLocaleString('en-US');
const kb = (v: number) => (v / 1000).toFixed(1);

const COLUMNS: Record<ScenarioPlan['kind'], Column[]> = {
  fanout: [
    { title: 'p50', metric: 'p50', format: ms },
    { title: 'p95', metric: 'p95', format: ms },
    { title: 'p99', metric: 'p99', format: ms },
    { title: 'max', metric: 'max', format: ms },
    { title: 'p50 ÷ relay', metric: 'p50', ratio: true, format: times },
    { title: 'p99 ÷ relay', metric: 'p99', ratio: true, format: times },
  ],
  throughput: [
    { title: 'updates/s', metric: 'updatesPerSecond', format: int },
    { title: '÷ relay', metric: 'updatesPerSecond', ratio: true, format: times },
    { title: 'CPU s / 1,000 updates', metric: 'cpuSecondsPer1000', format: (v) => v.toFixed(3) },
    { title: '÷ relay', metric: 'cpuSecondsPer1000', ratio: true, format: times },
    { title: 'peak RSS MiB', metric: 'peakRssMiB', format: (v) => v.toFixed(0) },
    { title: '÷ relay', metric: 'peakRssMiB', ratio: true, format: times },
  ],
  'idle-memory': [
    { title: 'KB per connection', metric: 'bytesPerConnection', format: kb },
    { title: '÷ relay', metric: 'bytesPerConnection', ratio: true, format: times },
    { title: 'RSS before MiB', metric: 'rssBeforeMiB', format: (v) => v.toFixed(0) },
    { title: 'RSS after MiB', metric: 'rssAfterMiB', format: (v) => v.toFixed(0) },
  ],
  'durable-ack': [
    { title: 'p50', metric: 'p50', format: ms },
    { title: 'p95', metric: 'p95', format: ms },
    { title: 'p99', metric: 'p99', format: ms },
    { title: 'max', metric: 'max', format: ms },
    { title: 'p50 ÷ relay', metric: 'p50', ratio: true, format: times },
    { title: 'p99 ÷ relay', metric: 'p99', ratio: true, format: times },
  ],
  'cold-load': [
    { title: 'edits', metric: 'edits', format: int },
    { title: 'stored KB', metric: 'storedBytes', format: kb },
    { title: 'first reply ms', metric: 'firstReplyMs', format: ms },
    { title: 'full sync ms', metric: 'fullSyncMs', format: ms },
    { title: 'sync KB', metric: 'syncBytes', format: kb },
    { title: 'replay s', metric: 'replaySeconds', format: (v) => v.toFixed(1) },
  ],
};

export interface MarkdownInput {
  date: string;
  machine: Record<string, string>;
  quick: boolean;
  runs: number;
  scenarios: readonly ScenarioPlan[];
  targets: readonly TargetSpec[];
  rows: readonly SummaryRow[];
  goals: readonly GoalCheck[];
}

/** The results as Markdown tables: one per scenario, a row per target, ratios to the relay floor. */
export function renderMarkdown(input: MarkdownInput): string {
  const out: string[] = [];
  out.push(
    `Run ${input.date}${input.quick ? ' (quick smoke run: small sizes, 1 run; not comparable)' : ''}, median of ${input.runs} run${input.runs === 1 ? '' : 's'} per cell.`,
  );
  out.push('');
  out.push('| Machine | |');
  out.push('| --- | --- |');
  for (const [key, value] of Object.entries(input.machine)) out.push(`| ${key} | ${value} |`);
  out.push('');
  out.push('### Quire (durable SQLite) against its targets');
  out.push('');
  out.push('| Target | Measured | Met |');
  out.push('| --- | --- | --- |');
  for (const goal of input.goals) {
    out.push(`| ${goal.goal} | ${goal.measured} | ${goal.met === null ? '–' : goal.met ? 'yes' : '**no**'} |`);
  }
  for (const scenario of input.scenarios) {
    const rows = input.targets
      .map((t) => input.rows.find((r) => r.scenario === scenario.id && r.target === t.name))
      .filter((r): r is SummaryRow => r !== undefined);
    if (rows.length === 0) continue;
    const columns = COLUMNS[scenario.kind];
    out.push('');
    out.push(`### ${scenario.title}`);
    out.push('');
    out.push(`| Target | ${columns.map((c) => c.title).join(' | ')} | complete |`);
    out.push(`| --- | ${columns.map(() => '---:').join(' | ')} | --- |`);
    for (const row of rows) {
      const cells = columns.map((c) => {
        const value = c.ratio ? row.ratios[c.metric] : row.metrics[c.metric];
        return value === undefined || !Number.isFinite(value) ? '–' : c.format(value);
      });
      const status = row.errors.length > 0 ? `error (${row.errors.length})` : row.complete ? 'yes' : '**no**';
      out.push(`| ${row.target} | ${cells.join(' | ')} | ${status} |`);
    }
  }
  out.push('');
  out.push('Targets:');
  out.push('');
  for (const target of input.targets) out.push(`- \`${target.name}\`: ${target.label}`);
  return `${out.join('\n')}\n`;
}
