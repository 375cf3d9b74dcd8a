import type { DurableAckOptions } from '../scenarios/durable-ack.js';
import type { FanoutOptions } from '../scenarios/fanout.js';
import type { IdleMemoryOptions } from '../scenarios/idle-memory.js';
import type { ThroughputOptions } from '../scenarios/throughput.js';
import type { TargetSpec } from './targets.js';

/** One scenario of the plan (one table row per target). */
export type ScenarioPlan =
  | { id: string; title: string; kind: 'fanout'; options: FanoutOptions }
  | { id: string; title: string; kind: 'throughput'; options: ThroughputOptions }
  | { id: string; title: string; kind: 'idle-memory'; options: IdleMemoryOptions }
  | { id: string; title: string; kind: 'durable-ack'; options: DurableAckOptions }
  | { id: string; title: string; kind: 'cold-load'; options: { edits: number } };

export interface BenchPlan {
  quick: boolean;
  /** Measurements per cell; each cell reports the median. */
  runs: number;
  /** Fresh target process for every measurement (full runs); quick runs reuse one per target. */
  freshTargets: boolean;
  targets: TargetSpec[];
  scenarios: ScenarioPlan[];
  tracePath: string;
}

/** Which targets a scenario applies to. */
export function appliesTo(scenario: ScenarioPlan, target: TargetSpec): boolean {
  if (scenario.kind === 'durable-ack') return target.durableAcks || target.name === 'relay';
  if (scenario.kind === 'cold-load') return target.persistent && target.readStored !== undefined;
  return true;
}

/** The scenarios of the issue, sized for a full run (minutes) or a quick smoke run (about one). */
export function scenarioPlans(quick: boolean): ScenarioPlan[] {
  const fanout = (readers: number, updates: number, intervalMs: number): ScenarioPlan => ({
    id: `fanout-${readers}`,
    title: `Fan-out latency, 1 writer → ${readers} readers (ms, send to each receipt)`,
    kind: 'fanout',
    options: { readers, updates, warmup: Math.ceil(updates / 10), intervalMs },
  });
  if (quick) {
    return [
      fanout(10, 40, 10),
      fanout(100, 30, 20),
      {
        id: 'throughput',
        title: 'Throughput, 4 docs × 3 clients all writing',
        kind: 'throughput',
        options: { docs: 4, clientsPerDoc: 3, updatesPerClient: 100, window: 16 },
      },
      {
        id: 'idle-memory',
        title: 'Idle memory, 200 synced connections',
        kind: 'idle-memory',
        options: { connections: 200, docs: 4, settleMs: 500 },
      },
      {
        id: 'durable-ack',
        title: 'Durable-ack latency (ms, edit sent → server says it is stored)',
        kind: 'durable-ack',
        options: { updates: 50, warmup: 5 },
      },
      {
        id: 'cold-load',
        title: 'Cold load of the first 10,000 trace edits',
        kind: 'cold-load',
        options: { edits: 10_000 },
      },
    ];
  }
  return [
    fanout(10, 300, 10),
    fanout(100, 200, 20),
    fanout(500, 100, 50),
    {
      id: 'throughput',
      title: 'Throughput, 8 docs × 4 clients all writing, 16 in flight each (after a 20% warm-up)',
      kind: 'throughput',
      options: { docs: 8, clientsPerDoc: 4, updatesPerClient: 1500, window: 16 },
    },
    {
      id: 'idle-memory',
      title: 'Idle memory, 2,000 synced connections in 20 documents',
      kind: 'idle-memory',
      options: { connections: 2000, docs: 20 },
    },
    {
      id: 'durable-ack',
      title: 'Durable-ack latency (ms, edit sent → server says it is stored)',
      kind: 'durable-ack',
      options: { updates: 300, warmup: 30 },
    },
    {
      id: 'cold-load',
      title: 'Cold load of the automerge-paper trace (259,778 edits)',
      kind: 'cold-load',
      options: { edits: Number.MAX_SAFE_INTEGER },
    },
  ];
}
