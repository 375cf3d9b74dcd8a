import { Worker } from 'node:worker_threads';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { FormatError } from './format-error.js';
import type { FormatTaskName, FormatTasks } from './format-tasks.js';
import type { FormatRequest, FormatWorkerMessage } from './format-worker.js';

/** A task as the pool hands it to a thread: what to run and whom to answer. */
export interface FormatJob {
  name: FormatTaskName;
  input: FormatTasks[FormatTaskName]['input'];
  resolve: (output: FormatTasks[FormatTaskName]['output']) => void;
  reject: (error: Error) => void;
}

export interface FormatThreadOptions {
  /** A task running longer is stopped and its worker replaced. */
  timeoutMs: number;
  /** Heap of the worker (`resourceLimits`): a conversion that needs more fails alone. */
  maxHeapMb: number;
  /** The worker exits after this long without a task (it starts again on demand). */
  idleMs: number;
  /** Called once the task ended, however it ended, with how long it ran. */
  onFree: (elapsedMs: number) => void;
}

/** Which failure status a task's input is to blame for: an import's file, or the server's own data. */
const FAILURE_STATUS: Record<FormatTaskName, ContentfulStatusCode> = { import: 422, render: 500, replace: 500 };

/** Loading the converter (Tiptap, linkedom) takes seconds on a loaded machine, never this long. */
const BOOT_TIMEOUT_MS = 120_000;

interface RunningTask {
  job: FormatJob;
  id: number;
  timer: NodeJS.Timeout;
  /** When it was posted to a ready worker; null while the worker still loads. */
  postedAt: number | null;
}

/**
 * One worker thread that runs one format task at a time. Its time budget counts from when the task
 * reaches a ready worker (not the worker's start-up); a task past it, a crash or an exhausted heap fails
 * that task alone with a clear `FormatError`, and the worker is replaced on the next task.
 */
export class FormatThread {
  private worker: Worker | null = null;
  private ready = false;
  private task: RunningTask | null = null;
  private nextId = 0;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: FormatThreadOptions) {}

  get busy(): boolean {
    return this.task !== null;
  }

  run(job: FormatJob): void {
    if (this.task) throw new Error('a format thread runs one task at a time');
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.ensureWorker();
    const timer = setTimeout(() => this.fail(startFailure(job.name)), BOOT_TIMEOUT_MS);
    this.task = { job, id: ++this.nextId, timer, postedAt: null };
    if (this.ready) this.post();
  }

  /** Stops the worker; a running task fails with `error`. */
  async close(error: Error): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const task = this.task;
    this.task = null;
    if (task) {
      clearTimeout(task.timer);
      task.job.reject(error);
    }
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private post(): void {
    const task = this.task;
    if (!task || task.postedAt !== null || !this.worker) return;
    clearTimeout(task.timer);
    task.postedAt = performance.now();
    task.timer = setTimeout(
      () => this.fail(timeoutFailure(task.job.name, this.options.timeoutMs)),
      this.options.timeoutMs,
    );
    const { name, input } = task.job;
    this.worker.postMessage({ id: task.id, name, input } satisfies FormatRequest);
  }

  private ensureWorker(): void {
    if (this.worker) return;
    const worker = startWorker(this.options.maxHeapMb);
    worker.unref();
    this.worker = worker;
    this.ready = false;
    worker.on('message', (message: FormatWorkerMessage) => {
      if (this.worker !== worker) return;
      if ('ready' in message) {
        this.ready = true;
        this.post();
      } else this.settle(message);
    });
    // Only the current worker's troubles concern the running task; a replaced one may still report its end.
    worker.on('error', (error: Error & { code?: string }) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const status = this.task ? FAILURE_STATUS[this.task.job.name] : 500;
      this.fail(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new FormatError(
              'conversion_out_of_memory',
              `The conversion needed more than ${this.options.maxHeapMb} MB of memory and was stopped.`,
              status,
            )
          : new FormatError('conversion_failed', `The conversion failed: ${error.message}`, status),
      );
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = null;
      const status = this.task ? FAILURE_STATUS[this.task.job.name] : 500;
      this.fail(new FormatError('conversion_failed', 'The conversion stopped unexpectedly.', status));
    });
  }

  private settle(response: Exclude<FormatWorkerMessage, { ready: true }>): void {
    const task = this.task;
    if (!task || task.id !== response.id) return;
    this.task = null;
    clearTimeout(task.timer);
    if (response.ok) task.job.resolve(response.output);
    else if ('code' in response.error) {
      const { code, message, status } = response.error;
      task.job.reject(new FormatError(code, message, status as ContentfulStatusCode));
    } else task.job.reject(new Error(response.error.message));
    this.becomeFree(task);
  }

  /** Fails the running task and stops the worker (it may be stuck or broken); the next task gets a fresh one. */
  private fail(error: FormatError): void {
    const task = this.task;
    this.task = null;
    this.stopWorker();
    if (!task) return;
    clearTimeout(task.timer);
    task.job.reject(error);
    this.becomeFree(task);
  }

  private becomeFree(task: RunningTask): void {
    this.idleTimer = setTimeout(() => this.stopWorker(), this.options.idleMs);
    this.idleTimer.unref();
    this.options.onFree(task.postedAt === null ? 0 : performance.now() - task.postedAt);
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
  }
}

const timeoutFailure = (name: FormatTaskName, timeoutMs: number) =>
  new FormatError(
    'conversion_timeout',
    `The conversion took longer than ${Math.round(timeoutMs / 100) / 10} s and was stopped.`,
    FAILURE_STATUS[name],
  );

const startFailure = (name: FormatTaskName) =>
  new FormatError('conversion_failed', 'The converter did not start.', FAILURE_STATUS[name]);

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
