import type { ScenarioOutcome } from '../load/target-endpoint.js';
import type { WorkerReply, WorkerTask } from '../load/worker.js';
import { spawnNode } from './target-process.js';

/** Runs one task in a fresh load process and returns its outcome; fails on a crash or the deadline. */
export async function runInWorker(
  task: WorkerTask,
  options: { repoRoot: string; fileLimit?: number; timeoutMs: number },
): Promise<ScenarioOutcome & { text?: string }> {
  const child = spawnNode(['--import', 'tsx', 'bench/load/worker.ts'], {
    cwd: options.repoRoot,
    env: { ...process.env, NODE_ENV: 'production' },
    fileLimit: options.fileLimit,
    ipc: true,
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const reply = await new Promise<WorkerReply>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${task.kind} on ${task.target.name} took longer than ${options.timeoutMs} ms\n${output}`));
    }, options.timeoutMs);
    child.once('message', (message: WorkerReply) => {
      clearTimeout(timer);
      resolve(message);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`load process for ${task.kind} on ${task.target.name} exited (${code ?? signal})\n${output}`));
    });
    child.send(task);
  });
  if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
  if (!reply.ok) throw new Error(`${task.kind} on ${task.target.name} failed: ${reply.error}`);
  return reply.outcome;
}
