import { connectMany } from '../load/connect-many.js';
import { Countdown, delay } from '../load/countdown.js';
import { LoadClient } from '../load/load-client.js';
import { latencySummary } from '../load/stats.js';
import type { ScenarioOutcome, TargetEndpoint } from '../load/target-endpoint.js';
import { forEachUpdateClock } from '../load/update-ids.js';
import { makeWriterUpdates, writerClientIds } from '../load/writer-updates.js';

export interface FanoutOptions {
  readers: number;
  /** Updates measured, after `warmup` unmeasured ones. */
  updates: number;
  warmup: number;
  /** Pause between updates: latency under a steady, unsaturated load. */
  intervalMs: number;
  /** Deadline for the last receipt after the last send. @default 15000 */
  drainMs?: number;
}

/**
 * One writer, N readers in one document. Every receipt of every update is a latency sample
 * (send to that reader's receipt); p50/p95/p99/max pool all of them.
 */
export async function runFanout(target: TargetEndpoint, options: FanoutOptions): Promise<ScenarioOutcome> {
  const docId = `fanout-${options.readers}-${Date.now().toString(36)}`;
  const total = options.warmup + options.updates;
  const [clientId] = writerClientIds(1) as [number];
  const sentAt = new Float64Array(total);
  const latencies = new Float64Array(options.readers * options.updates);
  let samples = 0;
  let unexpected = 0;
  const receipts = new Countdown(options.readers * total);
  const onUpdate = (update: Uint8Array) => {
    const now = performance.now();
    forEachUpdateClock(update, (client, clock) => {
      if (client !== clientId || clock >= total) {
        unexpected++;
        return;
      }
      if (clock >= options.warmup) latencies[samples++] = now - (sentAt[clock] as number);
      receipts.hit();
    });
  };
  const readers = await connectMany(options.readers, () => ({
    baseUrl: target.baseUrl,
    protocol: target.protocol,
    docId,
    onUpdate,
  }));
  const writer = await LoadClient.connect({ baseUrl: target.baseUrl, protocol: target.protocol, docId });
  const { updates } = makeWriterUpdates(clientId, total);
  const frames = updates.map((update) => writer.frameUpdate(update));
  try {
    for (let i = 0; i < total; i++) {
      sentAt[i] = performance.now();
      writer.sendFrame(frames[i] as Uint8Array);
      await delay(options.intervalMs);
    }
    const complete = await receipts.wait(options.drainMs ?? 15_000);
    const notes: string[] = [];
    if (!complete) notes.push(`${receipts.left} of ${options.readers * total} receipts missing`);
    if (unexpected > 0) notes.push(`${unexpected} unexpected items received`);
    const summary = latencySummary(latencies.subarray(0, samples));
    return {
      metrics: { ...summary, readers: options.readers, updates: options.updates, missing: receipts.left },
      complete: complete && unexpected === 0,
      notes,
    };
  } finally {
    for (const client of [writer, ...readers]) client.terminate();
  }
}
