import { FormatBusyError } from './format-error.js';
import {
  FORMAT_QUEUE_DEFAULTS,
  type FormatQueueLimits,
  FormatScheduler,
  type Lane,
  type QueueEntry,
  type QueueRefusal,
} from './format-scheduler.js';
import type { FormatTaskName, FormatTasks } from './format-tasks.js';
import { type FormatJob, FormatThread } from './format-thread.js';

export interface FormatPoolOptions extends Partial<FormatQueueLimits> {
  /** Worker threads for tasks of any size (one more runs small tasks only). @default 1 */
  workers?: number;
  /** A task running longer is stopped (its worker is replaced): hostile input must not hang. @default 30000 */
  timeoutMs?: number;
  /** Heap of each worker; an import that needs more fails alone instead of the server. @default 512 */
  maxHeapMb?: number;
  /** A worker exits after this long without tasks (it is started again on demand). @default 60000 */
  idleMs?: number;
  /** Told after every change of the queue (for metrics). */
  observe?: (stats: FormatPoolStats) => void;
  /** Told of every refusal (for metrics). */
  refused?: (reason: QueueRefusal) => void;
}

export interface FormatPoolStats {
  waiting: number;
  waitingBytes: number;
  running: number;
}

/** The caller of tasks the server starts by itself (tests, tools): one client like any other. */
export const LOCAL_FORMAT_CLIENT = 'local';

interface Slot {
  thread: FormatThread;
  lane: Lane;
}

/** Input bytes of a task: what it holds in memory while it waits, and whether it is small. */
export function taskBytes<N extends FormatTaskName>(name: N, input: FormatTasks[N]['input']): number {
  if (name === 'render') return (input as FormatTasks['render']['input']).state.byteLength;
  if (name === 'replace') {
    const { current, target } = input as FormatTasks['replace']['input'];
    return current.byteLength + target.byteLength;
  }
  return Buffer.byteLength((input as FormatTasks['import']['input']).text);
}

/**
 * Runs format conversions (`format-tasks.ts`) off the event loop, in worker threads: parsing a large
 * Markdown or HTML file, rendering a long document or diffing it for a restore takes long enough to
 * stall every room if it ran on the event loop. Tasks wait in a bounded, per-client fair queue
 * (`format-scheduler.ts`); `workers` threads take any task and one more takes only small ones, so a
 * one-line export never waits behind someone's big import. Refusals are `FormatBusyError`s.
 */
export class FormatPool {
  private readonly scheduler: FormatScheduler<FormatJob>;
  private readonly slots: Slot[];
  private readonly running = new Map<FormatThread, QueueEntry<FormatJob>>();
  private readonly generalWorkers: number;
  /** Moving average of how long tasks run, for `Retry-After`. */
  private averageMs = 1000;
  private closed = false;

  constructor(private readonly options: FormatPoolOptions = {}) {
    this.scheduler = new FormatScheduler({ ...FORMAT_QUEUE_DEFAULTS, ...definedOnly(options) });
    this.generalWorkers = Math.max(1, Math.floor(options.workers ?? 1));
    // The small lane first: a small task goes there and leaves the general workers to big ones.
    const lanes: Lane[] = ['small', ...Array<Lane>(this.generalWorkers).fill('any')];
    this.slots = lanes.map((lane) => {
      const thread: FormatThread = new FormatThread({
        timeoutMs: options.timeoutMs ?? 30_000,
        maxHeapMb: options.maxHeapMb ?? 512,
        idleMs: options.idleMs ?? 60_000,
        onFree: (elapsedMs) => this.freed(thread, elapsedMs),
      });
      return { lane, thread };
    });
  }

  get stats(): FormatPoolStats {
    const { waiting, waitingBytes, running } = this.scheduler;
    return { waiting, waitingBytes, running };
  }

  /**
   * The refusal a task of `bytes` from `client` would meet now, or null: lets a route refuse before it
   * reads a large body. Nothing is held, so a slow upload cannot keep a place from anyone.
   */
  check(client: string, bytes: number): FormatBusyError | null {
    const entry = this.scheduler.hold(client, bytes, this.startsNow(bytes));
    if (typeof entry === 'string') return this.refusal(entry);
    this.scheduler.release(entry);
    return null;
  }

  /**
   * Runs a task for `client` (its address or token subject: the fairness key). Rejects with
   * `FormatBusyError` when the queue cannot take it, and with `FormatError` for input that is not a
   * document or a task past its time or memory budget.
   */
  run<N extends FormatTaskName>(
    name: N,
    input: FormatTasks[N]['input'],
    client = LOCAL_FORMAT_CLIENT,
  ): Promise<FormatTasks[N]['output']> {
    if (this.closed) return Promise.reject(new Error('the format pool is closed'));
    const bytes = taskBytes(name, input);
    const entry = this.scheduler.hold(client, bytes, this.startsNow(bytes));
    if (typeof entry === 'string') return Promise.reject(this.refusal(entry));
    return new Promise((resolve, reject) => {
      this.scheduler.fill(entry, { name, input, resolve: resolve as FormatJob['resolve'], reject }, bytes);
      this.changed();
      this.dispatch();
    });
  }

  /** Stops the workers; waiting and running tasks fail. */
  async close(): Promise<void> {
    this.closed = true;
    const failure = new Error('the format pool is closed');
    for (const entry of this.scheduler.drain()) entry.job?.reject(failure);
    await Promise.all(this.slots.map((slot) => slot.thread.close(failure)));
  }

  /** True if a free worker would take a task of `bytes` at once (dispatching leaves none with work waiting). */
  private startsNow(bytes: number): boolean {
    const small = this.scheduler.isSmall({ bytes });
    return this.slots.some(({ thread, lane }) => !thread.busy && (lane === 'any' || small));
  }

  private dispatch(): void {
    for (const { thread, lane } of this.slots) {
      if (this.closed || thread.busy) continue;
      const entry = this.scheduler.take(lane);
      if (!entry?.job) continue;
      this.running.set(thread, entry);
      try {
        thread.run(entry.job);
      } catch (error) {
        // The worker could not even be created (out of threads or memory): this task fails, the pool goes on.
        this.running.delete(thread);
        this.scheduler.finish(entry);
        entry.job.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    this.changed();
  }

  private freed(thread: FormatThread, elapsedMs: number): void {
    const entry = this.running.get(thread);
    this.running.delete(thread);
    if (entry) this.scheduler.finish(entry);
    if (elapsedMs > 0) this.averageMs = this.averageMs * 0.8 + elapsedMs * 0.2;
    this.dispatch();
  }

  private refusal(reason: QueueRefusal): FormatBusyError {
    this.options.refused?.(reason);
    // About when a place frees up: the tasks ahead, shared by the workers, at their usual duration.
    const ahead = this.scheduler.waiting / this.generalWorkers + 1;
    const retryAfter = Math.min(60, Math.max(1, Math.ceil((this.averageMs * ahead) / 1000)));
    if (reason === 'client_busy') {
      return new FormatBusyError(
        'too_many_conversions',
        'You already have several imports or exports waiting or running; try again when one has finished.',
        429,
        retryAfter,
      );
    }
    return new FormatBusyError(
      'formats_busy',
      `The server is busy converting other documents; try again in ${retryAfter} s.`,
      503,
      retryAfter,
    );
  }

  private changed(): void {
    this.options.observe?.(this.stats);
  }
}

/** The limits among `options` that are set (undefined must not override a default). */
function definedOnly(options: Partial<FormatQueueLimits>): Partial<FormatQueueLimits> {
  const { maxWaiting, maxWaitingBytes, maxPerClient, smallTaskBytes } = options;
  return Object.fromEntries(
    Object.entries({ maxWaiting, maxWaitingBytes, maxPerClient, smallTaskBytes }).filter(([, v]) => v !== undefined),
  );
}
