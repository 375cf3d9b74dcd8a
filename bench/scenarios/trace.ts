import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';

/** Where the trace lives: `bench/traces/` (CC BY 4.0; attribution in its README). */
export const DEFAULT_TRACE_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../traces/automerge-paper.json.gz');

/** `{ startContent, endContent, txns: [{ patches: [[pos, numDeleted, inserted]] }] }` (josephg/editing-traces). */
interface TraceFile {
  startContent: string;
  endContent: string;
  txns: { patches: [number, number, string][] }[];
}

export class TraceMissingError extends Error {
  override name = 'TraceMissingError';
}

/** Fails with a message that says where the trace is expected and how to get it. */
export function assertTrace(path: string): void {
  if (!existsSync(path)) {
    throw new TraceMissingError(
      `The editing trace for the cold-load benchmark is missing: ${path}\n` +
        'It ships in bench/traces/ (josephg/editing-traces, sequential_traces/automerge-paper.json.gz, ' +
        'CC BY 4.0); restore it from git, or set BENCH_TRACE=<path>, or leave cold-load out with BENCH_SCENARIOS.',
    );
  }
}

export function readTrace(path: string): TraceFile {
  assertTrace(path);
  return JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as TraceFile;
}

/** The trace's first `edits` transactions as Yjs updates (one per transaction) and the text they make. */
export function traceUpdates(path: string, edits: number): { updates: Uint8Array[]; text: string; edits: number } {
  const trace = readTrace(path);
  const doc = new Y.Doc();
  const text = doc.getText('t');
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  if (trace.startContent) text.insert(0, trace.startContent);
  const count = Math.min(edits, trace.txns.length);
  for (let i = 0; i < count; i++) {
    const patches = trace.txns[i]?.patches ?? [];
    doc.transact(() => {
      for (const [pos, deleted, inserted] of patches) {
        if (deleted > 0) text.delete(pos, deleted);
        if (inserted) text.insert(pos, inserted);
      }
    });
  }
  const result = text.toString();
  if (count === trace.txns.length && result !== trace.endContent) {
    throw new Error('replaying the trace did not produce its endContent');
  }
  doc.destroy();
  return { updates, text: result, edits: count };
}

/** Applies a full-state update to a fresh doc and returns its text (to check a cold sync). */
export function textOf(update: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const text = doc.getText('t').toString();
  doc.destroy();
  return text;
}

export const traceReadme = (path: string): string => join(dirname(path), 'README.md');
