import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './helpers.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildServer {
  process: ChildProcess;
  port: number;
  wsUrl: string;
  url: string;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
  /** Everything the process printed, for failure messages. */
  output(): string;
}

/**
 * Runs the real server entry point (`server/src/main.ts`) as a child process, as `npm start` does,
 * so tests can SIGKILL it. Resolves once it printed its URL.
 */
export async function spawnServer(env: Record<string, string>, timeoutMs = 15_000): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', QUIRE_CLIENT_DIR: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), timeoutMs);
    const onData = () => {
      const match = /running at http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${output}`));
    });
  });
  return {
    process: child,
    port,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    url: `http://127.0.0.1:${port}`,
    exited,
    output: () => output,
  };
}

/** Resident memory of a process (Linux `/proc`), in bytes. */
export const rssOf = (pid: number): number => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
};

/** Samples a child server's RSS every 25 ms from now: `peak()` is the highest seen, `stop()` ends it. */
export function sampleRss(server: ChildServer): { baseline: number; peak(): number; stop(): void } {
  const pid = server.process.pid as number;
  const baseline = rssOf(pid);
  let peak = baseline;
  const measure = () => {
    if (server.process.exitCode === null) peak = Math.max(peak, rssOf(pid));
  };
  const sampler = setInterval(measure, 25);
  onCleanup(() => clearInterval(sampler));
  return {
    baseline,
    peak: () => peak,
    stop: () => {
      clearInterval(sampler);
      measure();
    },
  };
}
