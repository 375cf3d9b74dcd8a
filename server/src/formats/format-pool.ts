import { Worker } from 'node:worker_threads';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { FormatError } from './format-error.js';
import type { FormatTaskName, FormatTasks } from './format-tasks.js';
import type { FormatRequest, FormatResponse } from './format-worker.js';

export interface FormatPoolOptions {
  /** A task running longer is stopped (its worker is replaced): hostile input must not hang. @default 30000 */
  timeoutMs?: number;
  /** Heap of the worker; an import that needs more fails alone instead of the server. @default 512 */
  maxHeapMb?: number;
  /** The worker exits after this long without tasks (it is started again on demand). @default 60000 */
  idleMs?: number;
}

interface Job {
  name: FormatTaskName;
  input: FormatTasks[FormatTaskName]['input'];
  resolve: (output: FormatTasks[FormatTaskName]['output']) => void;
  reject: (error: Error) => void;
}

/** Which failure status a task's input is to blame for: an import's file, or the server's own data. */
const FAILURE_STATUS: Record<FormatTaskName, ContentfulStatusCode> = { import: 422, render: 500, replace: 500 };

/**
 * Runs format conversions (`format-tasks.ts`) in a worker thread, one at a time: parsing a large
 * Markdown or HTML file, rendering a long document or diffing it for a restore takes long enough to
 * stall every room if it ran on the event loop. The worker is started on first use and stopped when
 * idle; a task that runs too long or exhausts the worker's heap fails alone.
 */
export class FormatPool {
  private worker: Worker | null = null;
  private readonly queue: Job[] = [];
  private running: (Job & { id: number; timer: NodeJS.Timeout }) | null = null;
  private nextId = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly timeoutMs: number;
  private readonly maxHeapMb: number;
  private readonly idleMs: number;

  constructor(options: FormatPoolOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxHeapMb = options.maxHeapMb ?? 512;
    this.idleMs = options.idleMs ?? 60_000;
  }

  /** Runs a task; rejects with `FormatError` for input that is not a document or a task that failed. */
  run<N extends FormatTaskName>(name: N, input: FormatTasks[N]['input']): Promise<FormatTasks[N]['output']> {
    if (this.closed) return Promise.reject(new Error('the format pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ name, input, resolve: resolve as Job['resolve'], reject });
      this.next();
    });
  }

  /** Stops the worker; queued and running tasks fail. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const failure = new Error('the format pool is closed');
    if (this.running) {
      clearTimeout(this.running.timer);
      this.running.reject(failure);
      this.running = null;
    }
    for (const job of this.queue.splice(0)) job.reject(failure);
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private next(): void {
    if (this.running || this.closed) return;
    const job = this.queue.shift();
    if (!job) {
      this.idleTimer = setTimeout(() => this.stopWorker(), this.idleMs);
      this.idleTimer.unref();
      return;
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.ensureWorker();
    const id = ++this.nextId;
    const timer = setTimeout(() => {
      this.fail(new FormatError('conversion_timeout', 'The conversion took too long.', FAILURE_STATUS[job.name]));
    }, this.timeoutMs);
    this.running = { ...job, id, timer };
    worker.postMessage({ id, name: job.name, input: job.input } satisfies FormatRequest);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(this.maxHeapMb);
    worker.unref();
    worker.on('message', (response: FormatResponse) => this.settle(response));
    // Only the current worker's troubles concern the running task; a replaced one may still report its end.
    worker.on('error', (error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.fail(new FormatError('conversion_failed', `The conversion failed: ${error.message}`, this.failureStatus()));
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.fail(new FormatError('conversion_failed', 'The conversion stopped unexpectedly.', this.failureStatus()));
    });
    this.worker = worker;
    return worker;
  }

  private failureStatus(): ContentfulStatusCode {
    return this.running ? FAILURE_STATUS[this.running.name] : 500;
  }

  private settle(response: FormatResponse): void {
    const job = this.running;
    if (!job || job.id !== response.id) return;
    clearTimeout(job.timer);
    this.running = null;
    if (response.ok) job.resolve(response.output);
    else if ('code' in response.error) {
      const { code, message, status } = response.error;
      job.reject(new FormatError(code, message, status as ContentfulStatusCode));
    } else job.reject(new Error(response.error.message));
    this.next();
  }

  /** Fails the running task and replaces the worker (it may be stuck or broken). */
  private fail(error: FormatError): void {
    const job = this.running;
    if (!job) return;
    clearTimeout(job.timer);
    this.running = null;
    this.stopWorker();
    job.reject(error);
    this.next();
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
  }
}

/**
 * Under tsx (npm start, tests) the worker's entry is TypeScript, and a worker thread does not inherit
 * the main thread's loader hooks (Node 20): a small bootstrap registers tsx in the worker first.
 */
function startWorker(maxHeapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb };
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./format-worker.js', import.meta.url), { resourceLimits });
  const entry = JSON.stringify(new URL('./format-worker.ts', import.meta.url).href);
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}); });`;
  return new Worker(boot, { eval: true, resourceLimits });
}
