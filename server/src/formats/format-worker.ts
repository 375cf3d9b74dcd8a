import { parentPort } from 'node:worker_threads';
import { DocFormats } from './doc-formats.js';
import { FormatError } from './format-error.js';
import { type FormatTaskName, type FormatTasks, runFormatTask } from './format-tasks.js';

/** A request from `FormatPool`. */
export interface FormatRequest {
  id: number;
  name: FormatTaskName;
  input: FormatTasks[FormatTaskName]['input'];
}

/** The answer: the output, or the error as plain data (classes do not cross threads). */
export type FormatResponse =
  | { id: number; ok: true; output: FormatTasks[FormatTaskName]['output'] }
  | { id: number; ok: false; error: { code: string; message: string; status: number } | { message: string } };

/** What the worker posts: `ready` once, when it can convert (a task's time budget starts then), then answers. */
export type FormatWorkerMessage = { ready: true } | FormatResponse;

// The worker thread's entry: the schema and parsers are built once and serve every task.
const formats = new DocFormats();
parentPort?.postMessage({ ready: true } satisfies FormatWorkerMessage);

parentPort?.on('message', ({ id, name, input }: FormatRequest) => {
  let response: FormatResponse;
  try {
    response = { id, ok: true, output: runFormatTask(formats, name, input) };
  } catch (error) {
    response = {
      id,
      ok: false,
      error:
        error instanceof FormatError
          ? { code: error.code, message: error.message, status: error.status }
          : { message: error instanceof Error ? error.message : String(error) },
    };
  }
  parentPort?.postMessage(response);
});
