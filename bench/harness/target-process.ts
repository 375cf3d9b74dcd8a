import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import type { TargetEndpoint } from '../load/target-endpoint.js';
import type { TargetSpec } from './targets.js';

/** A target started as its own process on 127.0.0.1. */
export interface RunningTarget {
  spec: TargetSpec;
  endpoint: TargetEndpoint;
  /** Graceful stop (SIGTERM, then SIGKILL after `graceMs`); resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** What it printed, for error messages. */
  output(): string;
}

export interface StartOptions {
  repoRoot: string;
  dataDir: string;
  /** Raise the open-files limit of the process to this (a shell `ulimit -n` before exec). */
  fileLimit?: number;
  /** @default 30000 */
  readyTimeoutMs?: number;
  /** Extra Node options before the target's own arguments (`--cpu-prof`, `--heapsnapshot-signal`…). */
  nodeArgs?: string[];
}

/** A port nobody listens on right now (the kernel's pick, released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts `node <args>` with a limit-raising shell wrapper when asked; `exec` keeps the pid the node one. */
export function spawnNode(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; fileLimit?: number; ipc?: boolean },
): ChildProcess {
  const stdio = options.ipc ? (['ignore', 'pipe', 'pipe', 'ipc'] as const) : (['ignore', 'pipe', 'pipe'] as const);
  if (options.fileLimit) {
    return spawn('sh', ['-c', `ulimit -n ${options.fileLimit} && exec "$0" "$@"`, process.execPath, ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: [...stdio],
    });
  }
  return spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: [...stdio] });
}

export async function startTarget(spec: TargetSpec, options: StartOptions): Promise<RunningTarget> {
  const port = await freePort();
  const { args, env } = spec.launch(port, options.dataDir);
  const child = spawnNode([...(options.nodeArgs ?? []), ...args], {
    cwd: options.repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', ...env },
    fileLimit: options.fileLimit,
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running: RunningTarget = {
    spec,
    endpoint: {
      name: spec.name,
      baseUrl: `ws://127.0.0.1:${port}`,
      protocol: spec.protocol,
      pid: child.pid ?? 0,
      durableAcks: spec.durableAcks,
    },
    output: () => output,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  try {
    await waitForPort(port, options.readyTimeoutMs ?? 30_000, exited);
  } catch (error) {
    await running.stop(1000);
    throw new Error(`${spec.name} did not start: ${(error as Error).message}\n${output}`);
  }
  return running;
}

/** Resolves once something accepts TCP connections on the port; rejects if the process exits first. */
async function waitForPort(port: number, timeoutMs: number, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error('the process exited');
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`port ${port} not open after ${timeoutMs} ms`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
