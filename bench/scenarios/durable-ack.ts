import { LoadClient } from '../load/load-client.js';
import { latencySummary } from '../load/stats.js';
import type { ScenarioOutcome, TargetEndpoint } from '../load/target-endpoint.js';
import { forEachUpdateClock } from '../load/update-ids.js';
import { makeWriterUpdates, writerClientIds } from '../load/writer-updates.js';

export interface DurableAckOptions {
  updates: number;
  warmup: number;
  /** Deadline for one answer. @default 5000 */
  answerTimeoutMs?: number;
}

/**
 * One edit at a time: the time from sending it to the server saying it is durable (Quire's ack,
 * `?ack=1`). A target without durable acks (the relay floor) is measured from sending to a second
 * client receiving the edit: one hop through the server, the least any answer can cost.
 */
export async function runDurableAck(target: TargetEndpoint, options: DurableAckOptions): Promise<ScenarioOutcome> {
  const docId = `ack-${Date.now().toString(36)}`;
  const total = options.warmup + options.updates;
  const [clientId] = writerClientIds(1) as [number];
  let answered: (() => void) | null = null;
  let acked = 0;
  // Assigned once connected; an ack of the initial sync can arrive before that.
  let writer: LoadClient | undefined;
  writer = await LoadClient.connect({
    baseUrl: target.baseUrl,
    protocol: target.protocol,
    docId,
    acks: target.durableAcks,
    onAck: (count) => {
      acked = count;
      if (writer && acked >= writer.updatesSent) answered?.();
    },
  });
  const reader = target.durableAcks
    ? null
    : await LoadClient.connect({
        baseUrl: target.baseUrl,
        protocol: target.protocol,
        docId,
        onUpdate: (update) =>
          forEachUpdateClock(update, (client) => {
            if (client === clientId) answered?.();
          }),
      });
  const connected = writer;
  const frames = makeWriterUpdates(clientId, total).updates.map((update) => connected.frameUpdate(update));
  const latencies: number[] = [];
  const notes: string[] = [];
  try {
    for (let i = 0; i < total; i++) {
      let timer: NodeJS.Timeout | undefined;
      const answer = new Promise<boolean>((resolve) => {
        answered = () => resolve(true);
        timer = setTimeout(() => resolve(false), options.answerTimeoutMs ?? 5000);
      });
      const started = performance.now();
      connected.sendFrame(frames[i] as Uint8Array);
      const ok = await answer;
      const elapsed = performance.now() - started;
      clearTimeout(timer);
      answered = null;
      if (!ok) {
        notes.push(`update ${i} got no answer in time`);
        break;
      }
      if (i >= options.warmup) latencies.push(elapsed);
    }
    return {
      metrics: { ...latencySummary(latencies), updates: latencies.length },
      complete: latencies.length === options.updates,
      notes,
    };
  } finally {
    connected.terminate();
    reader?.terminate();
  }
}
