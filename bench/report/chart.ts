import type { SummaryRow } from './summary.js';

interface Panel {
  title: string;
  scenario: string;
  metric: string;
  /** Quire's target as a ratio, drawn as a dashed line. */
  goal: number;
  better: 'higher' | 'lower';
}

const PANELS: Panel[] = [
  {
    title: 'Throughput ÷ relay (higher is better)',
    scenario: 'throughput',
    metric: 'updatesPerSecond',
    goal: 0.9,
    better: 'higher',
  },
  {
    title: 'CPU per 1,000 updates ÷ relay (lower is better)',
    scenario: 'throughput',
    metric: 'cpuSecondsPer1000',
    goal: 1.2,
    better: 'lower',
  },
  {
    title: 'Fan-out p99, N = 100, ÷ relay (lower is better)',
    scenario: 'fanout-100',
    metric: 'p99',
    goal: 1.1,
    better: 'lower',
  },
];

const COLORS: Record<string, string> = {
  relay: '#9ca3af',
  'quire-sqlite': '#2563eb',
  'quire-sqlite-normal': '#60a5fa',
  'quire-memory': '#93c5fd',
  'y-websocket-server': '#f59e0b',
  hocuspocus: '#10b981',
  'hocuspocus-sqlite': '#6ee7b7',
};

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A self-contained SVG of the main ratios to the relay floor: one panel per ratio, a bar per target. */
export function renderChart(rows: readonly SummaryRow[], targets: readonly string[], caption: string): string {
  const width = 760;
  const labelWidth = 170;
  const barHeight = 18;
  const gap = 6;
  const panelHeader = 28;
  const plotWidth = width - labelWidth - 70;
  const parts: string[] = [];
  let y = 36;
  parts.push(`<text x="16" y="22" font-size="15" font-weight="600">${escapeXml(caption)}</text>`);
  for (const panel of PANELS) {
    const bars = targets
      .map((target) => ({
        target,
        value: rows.find((r) => r.scenario === panel.scenario && r.target === target)?.ratios[panel.metric],
      }))
      .filter((b): b is { target: string; value: number } => b.value !== undefined && Number.isFinite(b.value));
    if (bars.length === 0) continue;
    const max = Math.max(1.5, panel.goal * 1.2, ...bars.map((b) => b.value)) * 1.05;
    const scale = (v: number) => labelWidth + (v / max) * plotWidth;
    parts.push(`<text x="16" y="${y + 16}" font-size="13" font-weight="600">${escapeXml(panel.title)}</text>`);
    const top = y + panelHeader;
    const bottom = top + bars.length * (barHeight + gap);
    bars.forEach((bar, i) => {
      const by = top + i * (barHeight + gap);
      const color = COLORS[bar.target] ?? '#6b7280';
      parts.push(
        `<text x="${labelWidth - 8}" y="${by + 13}" font-size="12" text-anchor="end">${escapeXml(bar.target)}</text>`,
      );
      parts.push(
        `<rect x="${labelWidth}" y="${by}" width="${Math.max(1, scale(bar.value) - labelWidth).toFixed(1)}" height="${barHeight}" fill="${color}"/>`,
      );
      parts.push(
        `<text x="${(scale(bar.value) + 4).toFixed(1)}" y="${by + 13}" font-size="12">${bar.value.toFixed(2)}×</text>`,
      );
    });
    parts.push(
      `<line x1="${scale(1).toFixed(1)}" y1="${top - 4}" x2="${scale(1).toFixed(1)}" y2="${bottom}" stroke="#111827" stroke-width="1"/>`,
    );
    parts.push(
      `<line x1="${scale(panel.goal).toFixed(1)}" y1="${top - 4}" x2="${scale(panel.goal).toFixed(1)}" y2="${bottom}" stroke="#dc2626" stroke-dasharray="4 3" stroke-width="1.5"/>`,
    );
    parts.push(
      `<text x="${scale(panel.goal).toFixed(1)}" y="${bottom + 11}" font-size="10" fill="#dc2626" text-anchor="middle">Quire target ${panel.goal}×</text>`,
    );
    y = bottom + 26;
  }
  const height = y + 8;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
