import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { buildServer } from '../../scripts/build-server.mjs';
import { assertTrace, textOf } from '../scenarios/trace.js';
import { appliesTo, type BenchPlan, type ScenarioPlan } from './plan.js';
import { runInWorker } from './run-worker.js';
import { type RunningTarget, startTarget } from './target-process.js';
import type { TargetSpec } from './targets.js';

/** One measurement: one scenario, one target, one run. */
export interface CellResult {
  scenario: string;
  target: string;
  run: number;
  metrics: Record<string, number>;
  complete: boolean;
  notes: string[];
  error?: string;
}

export interface RunContext {
  repoRoot: string;
  /** Open-files limit to give target and load processes (undefined: inherit). */
  fileLimit?: number;
  log: (line: string) => void;
}

/** Deadline of one load process, generous: a stuck one must not hang the bench. */
const WORKER_TIMEOUT_MS = 15 * 60_000;

/**
 * Runs the plan: every (scenario, target) cell `runs` times, targets interleaved within each round
 * (and rotated between rounds) so a noisy neighbour hits every target alike. Cold load is run per
 * target: one replay of the trace, then one fresh restart and cold sync per run.
 */
export async function runBench(plan: BenchPlan, ctx: RunContext): Promise<CellResult[]> {
  const results: CellResult[] = [];
  const live = plan.scenarios.filter((s) => s.kind !== 'cold-load');
  const cold = plan.scenarios.find((s) => s.kind === 'cold-load');
  if (cold) assertTrace(plan.tracePath);
  if (plan.targets.some((t) => t.name.startsWith('quire'))) await buildServer();

  const cells: { scenario: ScenarioPlan; target: TargetSpec; run: number }[] = [];
  if (plan.freshTargets) {
    for (let run = 0; run < plan.runs; run++) {
      for (const scenario of live) {
        for (const target of rotate(plan.targets, run)) {
          if (appliesTo(scenario, target)) cells.push({ scenario, target, run });
        }
      }
    }
  } else {
    for (const target of plan.targets) {
      for (let run = 0; run < plan.runs; run++) {
        for (const scenario of live) if (appliesTo(scenario, target)) cells.push({ scenario, target, run });
      }
    }
  }

  // The target process in use; full runs replace it for every cell, quick runs once per target.
  let current: { running: RunningTarget; dataDir: string } | null = null;
  const stopCurrent = async () => {
    const stopping = current;
    current = null;
    if (!stopping) return;
    await stopping.running.stop();
    rmSync(stopping.dataDir, { recursive: true, force: true });
  };
  try {
    for (const [index, cell] of cells.entries()) {
      const { scenario, target, run } = cell;
      const cellStarted = Date.now();
      ctx.log(`[${index + 1}/${cells.length}] ${scenario.id} · ${target.name} · run ${run + 1}`);
      const base = { scenario: scenario.id, target: target.name, run };
      try {
        let running: RunningTarget | undefined = current?.running;
        if (plan.freshTargets || running?.spec !== target) {
          await stopCurrent();
          const dataDir: string = mkdtempSync(join(tmpdir(), `quire-bench-${target.name}-`));
          running = await startTarget(target, { repoRoot: ctx.repoRoot, dataDir, fileLimit: ctx.fileLimit });
          current = { running, dataDir };
        }
        const outcome = await runInWorker(
          { kind: scenario.kind, target: running.endpoint, options: scenario.options } as Parameters<
            typeof runInWorker
          >[0],
          { repoRoot: ctx.repoRoot, fileLimit: ctx.fileLimit, timeoutMs: WORKER_TIMEOUT_MS },
        );
        results.push({ ...base, metrics: outcome.metrics, complete: outcome.complete, notes: outcome.notes });
        if (!outcome.complete) ctx.log(`  incomplete: ${outcome.notes.join('; ')}`);
      } catch (error) {
        ctx.log(`  error: ${(error as Error).message.split('\n')[0]}`);
        results.push({ ...base, metrics: {}, complete: false, notes: [], error: (error as Error).message });
        await stopCurrent();
      }
      if (plan.freshTargets) await stopCurrent();
      ctx.log(`  ${((Date.now() - cellStarted) / 1000).toFixed(1)} s`);
    }
  } finally {
    await stopCurrent();
  }

  if (cold) results.push(...(await runColdLoad(plan, cold, ctx)));
  return results;
}

/** Replays the trace into each persistent target once, then restarts it fresh for every cold sync. */
async function runColdLoad(plan: BenchPlan, scenario: ScenarioPlan, ctx: RunContext): Promise<CellResult[]> {
  if (scenario.kind !== 'cold-load') return [];
  const results: CellResult[] = [];
  const targets = plan.targets.filter((t) => appliesTo(scenario, t));
  const prepared: { target: TargetSpec; dataDir: string; docId: string; text: string; replay: CellResult }[] = [];
  const startOptions = (dataDir: string) => ({ repoRoot: ctx.repoRoot, dataDir, fileLimit: ctx.fileLimit });
  try {
    for (const target of targets) {
      const dataDir = mkdtempSync(join(tmpdir(), `quire-bench-cold-${target.name}-`));
      const docId = `trace-${Date.now().toString(36)}`;
      ctx.log(`cold-load · ${target.name} · replaying the trace`);
      const running = await startTarget(target, startOptions(dataDir));
      try {
        const outcome = await runInWorker(
          {
            kind: 'replay',
            target: running.endpoint,
            options: { tracePath: plan.tracePath, edits: scenario.options.edits, docId },
          },
          { repoRoot: ctx.repoRoot, fileLimit: ctx.fileLimit, timeoutMs: WORKER_TIMEOUT_MS },
        );
        const text = outcome.text ?? '';
        // Hocuspocus writes after a debounce and does not wait for the write when it exits: stop only
        // once the database holds the whole document.
        const stored = await waitUntilStored(target, dataDir, docId, text, 60_000);
        await running.stop(60_000);
        const storedBytes = sumLengths(target.readStored?.(dataDir, docId) ?? []);
        if (!stored) outcome.notes.push('the stored document never matched the replayed trace');
        const replay: CellResult = {
          scenario: scenario.id,
          target: target.name,
          run: -1,
          metrics: { ...outcome.metrics, storedBytes },
          complete: outcome.complete && stored,
          notes: outcome.notes,
        };
        prepared.push({ target, dataDir, docId, text, replay });
      } catch (error) {
        await running.stop();
        ctx.log(`  error: ${(error as Error).message.split('\n')[0]}`);
        results.push({
          scenario: scenario.id,
          target: target.name,
          run: 0,
          metrics: {},
          complete: false,
          notes: [],
          error: (error as Error).message,
        });
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
    for (let run = 0; run < plan.runs; run++) {
      for (const item of rotate(prepared, run)) {
        ctx.log(`cold-load · ${item.target.name} · restart and sync, run ${run + 1}`);
        const running = await startTarget(item.target, startOptions(item.dataDir));
        try {
          const outcome = await runInWorker(
            { kind: 'cold-sync', target: running.endpoint, options: { docId: item.docId, expectedText: item.text } },
            { repoRoot: ctx.repoRoot, fileLimit: ctx.fileLimit, timeoutMs: WORKER_TIMEOUT_MS },
          );
          results.push({
            scenario: scenario.id,
            target: item.target.name,
            run,
            metrics: { ...item.replay.metrics, ...outcome.metrics },
            complete: item.replay.complete && outcome.complete,
            notes: [...item.replay.notes, ...outcome.notes],
          });
        } catch (error) {
          ctx.log(`  error: ${(error as Error).message.split('\n')[0]}`);
          results.push({
            scenario: scenario.id,
            target: item.target.name,
            run,
            metrics: {},
            complete: false,
            notes: [],
            error: (error as Error).message,
          });
        } finally {
          // A cold sync must not leave a snapshot or compaction behind for the next restart to find.
          await running.stop(60_000);
        }
      }
    }
  } finally {
    for (const item of prepared) rmSync(item.dataDir, { recursive: true, force: true });
  }
  return results;
}

async function waitUntilStored(
  target: TargetSpec,
  dataDir: string,
  docId: string,
  text: string,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const parts = target.readStored?.(dataDir, docId) ?? [];
    if (parts.length > 0 && textOf(Y.mergeUpdates(parts)) === text) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

const sumLengths = (parts: Uint8Array[]): number => parts.reduce((sum, part) => sum + part.length, 0);

function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
