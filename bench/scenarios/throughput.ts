import { connectMany } from '../load/connect-many.js';
import { Countdown } from '../load/countdown.js';
import type { LoadClient } from '../load/load-client.js';
import { cpuSeconds, memory } from '../load/proc-stats.js';
import type { ScenarioOutcome, TargetEndpoint } from '../load/target-endpoint.js';
import { forEachUpdateClock } from '../load/update-ids.js';
import { makeWriterUpdates, writerClientIds } from '../load/writer-updates.js';

export interface ThroughputOptions {
  docs: number;
  /** Every client of a document writes and reads. */
  clientsPerDoc: number;
  updatesPerClient: number;
  /** Updates a writer may have in flight (sent, not yet seen by every other client of its document). */
  window: number;
  /**
   * Share of the updates delivered before the clock starts: a fresh server process is still compiling
   * its hot paths, and servers run for days, so the steady state is what counts. @default 0.2
   */
  warmupShare?: number;
  /** Deadline for the whole run. @default 120000 */
  timeoutMs?: number;
}

interface Writer {
  client: LoadClient;
  frames: Uint8Array[];
  next: number;
  inFlight: number;
  /** Receipts per update by the other clients of the document. */
  seen: Uint16Array;
}

/**
 * Many writers: `docs` documents, each with `clientsPerDoc` clients that all write and read, each
 * keeping `window` updates in flight. An update counts as delivered once every other client of its
 * document has it. Reports delivered updates per second and the server's CPU seconds per 1,000 updates.
 */
export async function runThroughput(target: TargetEndpoint, options: ThroughputOptions): Promise<ScenarioOutcome> {
  const run = Date.now().toString(36);
  const clientCount = options.docs * options.clientsPerDoc;
  const ids = writerClientIds(clientCount);
  const writerByClientId = new Map<number, Writer>();
  const others = options.clientsPerDoc - 1;
  const total = clientCount * options.updatesPerClient;
  const delivered = new Countdown(total);
  const warmup = Math.floor(total * (options.warmupShare ?? 0.2));
  let measuredFrom: { time: number; cpu: number } | null = null;
  let unexpected = 0;
  const pump = (writer: Writer) => {
    while (writer.inFlight < options.window && writer.next < writer.frames.length) {
      writer.inFlight++;
      writer.client.sendFrame(writer.frames[writer.next++] as Uint8Array);
    }
  };
  const receiverFor = (ownId: number) => (update: Uint8Array) => {
    forEachUpdateClock(update, (client, clock) => {
      if (client === ownId) return; // an echo of its own update (Hocuspocus sends those)
      const writer = writerByClientId.get(client);
      if (!writer || clock >= writer.seen.length) {
        unexpected++;
        return;
      }
      const seen = (writer.seen[clock] as number) + 1;
      writer.seen[clock] = seen;
      if (seen === others) {
        writer.inFlight--;
        delivered.hit();
        if (measuredFrom === null && total - delivered.left >= warmup) {
          measuredFrom = { time: performance.now(), cpu: cpuSeconds(target.pid) };
        }
        pump(writer);
      }
    });
  };
  const clients = await connectMany(clientCount, (i) => ({
    baseUrl: target.baseUrl,
    protocol: target.protocol,
    docId: `throughput-${run}-${i % options.docs}`,
    onUpdate: receiverFor(ids[i] as number),
  }));
  const writers = clients.map((client, i): Writer => {
    const clientId = ids[i] as number;
    const { updates } = makeWriterUpdates(clientId, options.updatesPerClient);
    const writer: Writer = {
      client,
      frames: updates.map((update) => client.frameUpdate(update)),
      next: 0,
      inFlight: 0,
      seen: new Uint16Array(options.updatesPerClient),
    };
    writerByClientId.set(clientId, writer);
    return writer;
  });
  try {
    if (warmup === 0) measuredFrom = { time: performance.now(), cpu: cpuSeconds(target.pid) };
    for (const writer of writers) pump(writer);
    const complete = await delivered.wait(options.timeoutMs ?? 120_000);
    const from = measuredFrom ?? { time: performance.now(), cpu: cpuSeconds(target.pid) };
    const seconds = (performance.now() - from.time) / 1000;
    const cpu = cpuSeconds(target.pid) - from.cpu;
    // Counted from the start of the measured stretch (the warm-up's last delivery included once).
    const done = Math.max(0, total - delivered.left - warmup);
    const notes: string[] = [];
    if (!complete) notes.push(`${delivered.left} of ${total} updates not delivered to every reader`);
    if (unexpected > 0) notes.push(`${unexpected} unexpected items received`);
    return {
      metrics: {
        updatesPerSecond: done / seconds,
        deliveriesPerSecond: (done * others) / seconds,
        cpuSecondsPer1000: (cpu / Math.max(1, done)) * 1000,
        peakRssMiB: memory(target.pid).peakRss / 2 ** 20,
        seconds,
        updates: done,
        missing: delivered.left,
      },
      complete: complete && unexpected === 0,
      notes,
    };
  } finally {
    for (const client of clients) client.terminate();
  }
}
