/**
 * The load process: the runner forks one per measurement (fresh memory, no leftovers from the previous
 * target), sends it one task over IPC and gets one result back.
 */
import { type ColdSyncOptions, type ReplayOptions, runColdSync, runReplay } from '../scenarios/cold-load.js';
import { type DurableAckOptions, runDurableAck } from '../scenarios/durable-ack.js';
import { type FanoutOptions, runFanout } from '../scenarios/fanout.js';
import { type IdleMemoryOptions, runIdleMemory } from '../scenarios/idle-memory.js';
import { runThroughput, type ThroughputOptions } from '../scenarios/throughput.js';
import type { ScenarioOutcome, TargetEndpoint } from './target-endpoint.js';

/** One measurement, as the runner asks for it. */
export type WorkerTask = { target: TargetEndpoint } & (
  | { kind: 'fanout'; options: FanoutOptions }
  | { kind: 'throughput'; options: ThroughputOptions }
  | { kind: 'idle-memory'; options: IdleMemoryOptions }
  | { kind: 'durable-ack'; options: DurableAckOptions }
  | { kind: 'replay'; options: ReplayOptions }
  | { kind: 'cold-sync'; options: ColdSyncOptions }
);

export type WorkerReply = { ok: true; outcome: ScenarioOutcome & { text?: string } } | { ok: false; error: string };

export function runTask(task: WorkerTask): Promise<ScenarioOutcome & { text?: string }> {
  switch (task.kind) {
    case 'fanout':
      return runFanout(task.target, task.options);
    case 'throughput':
      return runThroughput(task.target, task.options);
    case 'idle-memory':
      return runIdleMemory(task.target, task.options);
    case 'durable-ack':
      return runDurableAck(task.target, task.options);
    case 'replay':
      return runReplay(task.target, task.options);
    case 'cold-sync':
      return runColdSync(task.target, task.options);
  }
}

if (process.send) {
  process.once('message', (task: WorkerTask) => {
    runTask(task).then(
      (outcome) => process.send?.({ ok: true, outcome } satisfies WorkerReply, () => process.exit(0)),
      (error: unknown) =>
        process.send?.(
          {
            ok: false,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          } satisfies WorkerReply,
          () => process.exit(0),
        ),
    );
  });
}
