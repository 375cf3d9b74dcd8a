import { LoadClient } from '../load/load-client.js';
import type { ScenarioOutcome, TargetEndpoint } from '../load/target-endpoint.js';
import { textOf, traceUpdates } from './trace.js';

export interface ReplayOptions {
  tracePath: string;
  /** Trace transactions to replay (all 259,778 in the full run). */
  edits: number;
  docId: string;
  /** Updates sent but not yet confirmed by the server. @default 2000 */
  window?: number;
  /** @default 600000 */
  timeoutMs?: number;
}

/**
 * Replays the editing trace into one document through the target, one update per trace transaction,
 * and waits until the server confirmed every one (Quire's durable acks, Hocuspocus' sync status).
 * Returns the expected text for the cold sync that follows a restart.
 */
export async function runReplay(
  target: TargetEndpoint,
  options: ReplayOptions,
): Promise<ScenarioOutcome & { text: string }> {
  const { updates, text, edits } = traceUpdates(options.tracePath, options.edits);
  const window = options.window ?? 2000;
  let confirmed = 0;
  let wake: (() => void) | null = null;
  const confirm = (count: number) => {
    confirmed = count;
    wake?.();
  };
  const client = await LoadClient.connect({
    baseUrl: target.baseUrl,
    protocol: target.protocol,
    docId: options.docId,
    acks: target.durableAcks,
    // Both count every sync update this connection sent, the handshake's SyncStep2 included.
    onAck: (count) => confirm(count),
    onApplied: () => confirm(confirmed + 1),
  });
  let closed = false;
  void client.closed.then(() => {
    closed = true;
    wake?.();
  });
  const started = performance.now();
  const deadline = started + (options.timeoutMs ?? 600_000);
  const notes: string[] = [];
  try {
    const waitFor = async (count: number) => {
      while (confirmed < count) {
        if (closed) throw new Error(`closed (${client.closeReason}) at ${confirmed} of ${client.updatesSent} updates`);
        if (performance.now() > deadline) throw new Error(`replay timed out at ${confirmed} of ${client.updatesSent}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 1000);
        });
        wake = null;
      }
    };
    for (const update of updates) {
      if (client.updatesSent - confirmed >= window) await waitFor(client.updatesSent - window / 2);
      client.sendUpdate(update);
    }
    await waitFor(client.updatesSent);
  } catch (error) {
    notes.push(String(error));
  } finally {
    await client.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    metrics: { edits, replaySeconds: seconds, replayUpdatesPerSecond: edits / seconds },
    complete: notes.length === 0 && confirmed >= client.updatesSent,
    notes,
    text,
  };
}

export interface ColdSyncOptions {
  docId: string;
  expectedText: string;
}

/**
 * A fresh client joins the document right after a restart: time to the server's first message and to
 * the full state (its SyncStep2), from the moment the connection is opened. The state is checked
 * against the expected text afterwards, outside the timing.
 */
export async function runColdSync(target: TargetEndpoint, options: ColdSyncOptions): Promise<ScenarioOutcome> {
  let firstFrameAt = Number.NaN;
  const started = performance.now();
  const client = await LoadClient.connect({
    baseUrl: target.baseUrl,
    protocol: target.protocol,
    docId: options.docId,
    onFirstFrame: () => {
      firstFrameAt = performance.now();
    },
  });
  const syncedAt = performance.now();
  const update = client.syncUpdate ?? new Uint8Array([0, 0]);
  client.terminate();
  const matches = textOf(update) === options.expectedText;
  return {
    metrics: { firstReplyMs: firstFrameAt - started, fullSyncMs: syncedAt - started, syncBytes: update.length },
    complete: matches,
    notes: matches ? [] : ['the synced document differs from the replayed trace'],
  };
}
