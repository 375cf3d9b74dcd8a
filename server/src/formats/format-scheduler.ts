/** The bounds of the format queue (decision 110); every number is a configuration setting. */
export interface FormatQueueLimits {
  /** Tasks waiting in all (held places included); more are refused with 503. */
  maxWaiting: number;
  /** Input bytes of the waiting tasks; a task that would pass it is refused with 503 (unless none waits). */
  maxWaitingBytes: number;
  /** Tasks one client may have waiting or running; more are refused with 429. */
  maxPerClient: number;
  /** Tasks with at most this many input bytes are small: the small lane runs only those. */
  smallTaskBytes: number;
}

/** Defaults of the queue bounds (decision 110); the config's defaults are these. */
export const FORMAT_QUEUE_DEFAULTS: FormatQueueLimits = {
  maxWaiting: 64,
  maxWaitingBytes: 64 * 1024 * 1024,
  maxPerClient: 4,
  smallTaskBytes: 128 * 1024,
};

/** A place in the queue: held (no job yet, its body is still being read), waiting, or running. */
export interface QueueEntry<J> {
  readonly client: string;
  bytes: number;
  job: J | null;
}

export type QueueRefusal = 'queue_full' | 'client_busy';

/** Which tasks a free worker may take: the small lane keeps small tasks from waiting behind big ones. */
export type Lane = 'small' | 'any';

interface ClientQueue<J> {
  waiting: QueueEntry<J>[];
  running: number;
  /** When this client was last served (a counter), for round-robin between clients. */
  servedAt: number;
}

/**
 * Who runs next among the waiting format tasks: one FIFO per client, and a free worker takes the task
 * of the client with the fewest tasks running, least recently served first, so one caller's burst
 * cannot starve the others. Counts and bytes are bounded; places are held before a body is read, so a
 * refusal costs nothing. Pure bookkeeping: no workers, no timers.
 */
export class FormatScheduler<J> {
  private readonly clients = new Map<string, ClientQueue<J>>();
  private waitingCount = 0;
  private bytesWaiting = 0;
  private runningCount = 0;
  private serveClock = 0;

  constructor(private readonly limits: FormatQueueLimits) {}

  get waiting(): number {
    return this.waitingCount;
  }

  get waitingBytes(): number {
    return this.bytesWaiting;
  }

  get running(): number {
    return this.runningCount;
  }

  /**
   * Holds a place for `client`'s task of about `bytes`, or says why not. A task that `startsNow` (a
   * free worker may take it) will not wait, so only the client's own cap applies to it.
   */
  hold(client: string, bytes: number, startsNow = false): QueueEntry<J> | QueueRefusal {
    const queue = this.clients.get(client);
    if (queue && queue.waiting.length + queue.running >= this.limits.maxPerClient) return 'client_busy';
    if (!startsNow && this.waitingCount >= this.limits.maxWaiting) return 'queue_full';
    if (!startsNow && this.waitingCount > 0 && this.bytesWaiting + bytes > this.limits.maxWaitingBytes) {
      return 'queue_full';
    }
    const entry: QueueEntry<J> = { client, bytes, job: null };
    this.queueOf(client).waiting.push(entry);
    this.waitingCount++;
    this.bytesWaiting += bytes;
    return entry;
  }

  /** A held place gets its job (and its real size): from now on a worker may take it. */
  fill(entry: QueueEntry<J>, job: J, bytes: number): void {
    this.bytesWaiting += bytes - entry.bytes;
    entry.bytes = bytes;
    entry.job = job;
  }

  /** A held or waiting place is given up (the body could not be read, the pool closes). */
  release(entry: QueueEntry<J>): void {
    const queue = this.clients.get(entry.client);
    const index = queue?.waiting.indexOf(entry) ?? -1;
    if (!queue || index < 0) return;
    queue.waiting.splice(index, 1);
    this.waitingCount--;
    this.bytesWaiting -= entry.bytes;
    this.forgetIfIdle(entry.client, queue);
  }

  /** The next task for a worker of `lane`, now counted as running; null if none fits. */
  take(lane: Lane): QueueEntry<J> | null {
    let best: { queue: ClientQueue<J>; entry: QueueEntry<J> } | null = null;
    for (const queue of this.clients.values()) {
      const entry = queue.waiting.find((one) => one.job !== null && (lane === 'any' || this.isSmall(one)));
      if (!entry) continue;
      const better =
        !best ||
        queue.running < best.queue.running ||
        (queue.running === best.queue.running && queue.servedAt < best.queue.servedAt);
      if (better) best = { queue, entry };
    }
    if (!best) return null;
    const { queue, entry } = best;
    queue.waiting.splice(queue.waiting.indexOf(entry), 1);
    queue.running++;
    queue.servedAt = ++this.serveClock;
    this.waitingCount--;
    this.bytesWaiting -= entry.bytes;
    this.runningCount++;
    return entry;
  }

  /** A taken task ended (whatever its outcome). */
  finish(entry: QueueEntry<J>): void {
    const queue = this.clients.get(entry.client);
    if (!queue) return;
    queue.running--;
    this.runningCount--;
    this.forgetIfIdle(entry.client, queue);
  }

  /** Every waiting or held place, removed (for closing). */
  drain(): QueueEntry<J>[] {
    const entries: QueueEntry<J>[] = [];
    for (const [client, queue] of this.clients) {
      entries.push(...queue.waiting.splice(0));
      this.forgetIfIdle(client, queue);
    }
    this.waitingCount = 0;
    this.bytesWaiting = 0;
    return entries;
  }

  isSmall(entry: { bytes: number }): boolean {
    return entry.bytes <= this.limits.smallTaskBytes;
  }

  private queueOf(client: string): ClientQueue<J> {
    let queue = this.clients.get(client);
    if (!queue) {
      queue = { waiting: [], running: 0, servedAt: 0 };
      this.clients.set(client, queue);
    }
    return queue;
  }

  private forgetIfIdle(client: string, queue: ClientQueue<J>): void {
    if (queue.waiting.length === 0 && queue.running === 0) this.clients.delete(client);
  }
}
