/**
 * `npm run bench:profile -- <target> <scenario>`: runs one scenario of the full plan against one target
 * started with `--cpu-prof`, then prints where the target's CPU time went (self time by function and
 * by file; idle time and module loading left out). Profiles are kept in bench/results/tmp/profiles/
 * for Chrome DevTools.
 *
 *   npm run bench:profile -- quire-sqlite throughput
 */

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../scripts/build-server.mjs';
import { scenarioPlans } from './harness/plan.js';
import { runInWorker } from './harness/run-worker.js';
import { startTarget } from './harness/target-process.js';
import { targetByName } from './harness/targets.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const [targetName = 'quire-sqlite', scenarioId = 'throughput'] = process.argv.slice(2);
  const target = targetByName(targetName);
  if (target.name.startsWith('quire')) await buildServer();
  const scenario = scenarioPlans(process.env.BENCH_QUICK === '1').find((s) => s.id === scenarioId);
  if (!scenario || scenario.kind === 'cold-load') throw new Error(`profile a live scenario, not "${scenarioId}"`);
  const profileDir = join(repoRoot, 'bench/results/tmp/profiles', `${targetName}-${scenarioId}-${Date.now()}`);
  mkdirSync(profileDir, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), `quire-profile-${targetName}-`));
  const running = await startTarget(target, {
    repoRoot,
    dataDir,
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
  });
  try {
    const outcome = await runInWorker(
      { kind: scenario.kind, target: running.endpoint, options: scenario.options } as Parameters<typeof runInWorker>[0],
      { repoRoot, timeoutMs: 15 * 60_000 },
    );
    console.log(JSON.stringify(outcome.metrics));
  } finally {
    await running.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  for (const file of readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'))) {
    report(join(profileDir, file));
  }
}

/** Frames of module loading (tsx, the ESM loader): startup, not the measured work. */
const isStartup = (url: string) => url.startsWith('node:internal/modules') || url.includes('node_modules/tsx/');

function report(file: string): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: (ProfileNode & { children?: number[] })[];
    samples: number[];
  };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  // A sample is startup when any frame of its stack loads modules.
  const startup = new Map<number, boolean>();
  const inStartup = (id: number): boolean => {
    const known = startup.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const result = node !== undefined && (isStartup(node.callFrame.url) || (up !== undefined && inStartup(up)));
    startup.set(id, result);
    return result;
  };
  const hits = new Map<number, number>();
  let busy = 0;
  for (const id of profile.samples) {
    const name = byId.get(id)?.callFrame.functionName;
    if (name === '(idle)' || inStartup(id)) continue;
    busy++;
    hits.set(id, (hits.get(id) ?? 0) + 1);
  }
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const [id, count] of hits) {
    const { functionName, url, lineNumber } = (byId.get(id) as ProfileNode).callFrame;
    const where = url.replace(/^file:\/\//, '').replace(`${repoRoot}/`, '') || '(native)';
    const fn = `${functionName || '(anonymous)'}  ${where}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + count);
    const group = where.includes('node_modules/') ? where.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1') : where;
    byFile.set(group, (byFile.get(group) ?? 0) + count);
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, count]) => `${((count / busy) * 100).toFixed(1).padStart(5)}%  ${name}`)
      .join('\n');
  console.log(
    `\n${file}\n${busy} busy samples of ${profile.samples.length} (idle and module loading left out)\n\n` +
      `Self time by function:\n${top(byFunction, 45)}\n\nBy file or package:\n${top(byFile, 25)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
