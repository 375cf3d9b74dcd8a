import type { AppendItem, DocStore } from '../storage/doc-store.js';

/** Called once the update is durable (with its sequence number) or failed to store (with the error). */
export type CommitCallback = (error: Error | null, seq: number) => void;

interface Pending {
  item: AppendItem;
  done: CommitCallback;
}

/**
 * Group commit: updates enqueued during one event-loop turn are written in a single transaction,
 * so the durable path costs one write per batch, not per update. One batch is in flight at a time,
 * which keeps acknowledgements in order.
 */
export class CommitQueue {
  private pending: Pending[] = [];
  private scheduled = false;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly store: DocStore,
    private readonly onBatch: (size: number, seconds: number) => void = () => {},
  ) {}

  enqueue(item: AppendItem, done: CommitCallback): void {
    this.pending.push({ item, done });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => void this.flush());
    }
  }

  /** Resolves when everything enqueued so far has settled. */
  async drain(): Promise<void> {
    while (this.inFlight || this.pending.length > 0) {
      if (this.inFlight) await this.inFlight;
      else await this.flush();
    }
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    // Wait for the batch in flight: a later batch must not be acknowledged before an earlier one.
    while (this.inFlight) await this.inFlight;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    this.inFlight = this.write(batch);
    try {
      await this.inFlight;
    } finally {
      this.inFlight = null;
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    const started = performance.now();
    let seqs: number[];
    try {
      seqs = await this.store.append(batch.map((p) => p.item));
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const p of batch) p.done(failure, 0);
      return;
    }
    this.onBatch(batch.length, (performance.now() - started) / 1000);
    for (const [i, p] of batch.entries()) p.done(null, seqs[i] ?? 0);
  }
}
