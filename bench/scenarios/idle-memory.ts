import { connectMany } from '../load/connect-many.js';
import { delay } from '../load/countdown.js';
import { memory } from '../load/proc-stats.js';
import type { ScenarioOutcome, TargetEndpoint } from '../load/target-endpoint.js';

export interface IdleMemoryOptions {
  connections: number;
  docs: number;
  /** Quiet time before each RSS reading, so allocation spikes of the handshakes settle. @default 1500 */
  settleMs?: number;
}

/**
 * Server RSS growth per synced, idle connection: RSS after a warm-up, then after `connections`
 * clients joined `docs` documents and went quiet; the difference divided by the count.
 */
export async function runIdleMemory(target: TargetEndpoint, options: IdleMemoryOptions): Promise<ScenarioOutcome> {
  const run = Date.now().toString(36);
  const settleMs = options.settleMs ?? 1500;
  const client = (docIndex: number) => ({
    baseUrl: target.baseUrl,
    protocol: target.protocol,
    docId: `idle-${run}-${docIndex}`,
  });
  // Warm-up: load the code paths and one room per document, so the reading counts connections.
  const warm = await connectMany(options.docs, (i) => client(i));
  await delay(settleMs);
  const before = memory(target.pid).rss;
  const clients = await connectMany(options.connections, (i) => client(i % options.docs));
  await delay(settleMs);
  const after = memory(target.pid).rss;
  for (const c of [...warm, ...clients]) c.terminate();
  return {
    metrics: {
      bytesPerConnection: (after - before) / options.connections,
      rssBeforeMiB: before / 2 ** 20,
      rssAfterMiB: after / 2 ** 20,
      connections: clients.length,
    },
    complete: clients.length === options.connections,
    notes: [],
  };
}
