import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverNodeArgs } from '../../scripts/build-server.mjs';
import { REPO_ROOT } from './paths.js';

/** How long a server may take to print its URL (the machine is shared). */
const START_TIMEOUT_MS = 60_000;

export interface QuireProcessOptions {
  /** Extra environment, e.g. `QUIRE_HEARTBEAT_MS`. */
  env?: Record<string, string>;
}

/**
 * The server as `npm start` runs it (`dist/server/main.js`, bundled by the global setup) as a child
 * process with its own temporary data directory, so a test can SIGKILL it and start it again on the
 * same port and data.
 */
export class QuireProcess {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'quire-e2e-'));
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private log = '';
  private boundPort = 0;

  constructor(private readonly options: QuireProcessOptions = {}) {}

  /** The port it listens on (stays the same across restarts). */
  get port(): number {
    if (!this.boundPort) throw new Error('the server has not started');
    return this.boundPort;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Everything every run of the process printed, for failure reports. */
  output(): string {
    return this.log;
  }

  /** Starts the server (port 0 the first time, the same port after a kill) and waits for its URL. */
  async start(): Promise<void> {
    if (this.running) throw new Error('the server is already running');
    const child = spawn(process.execPath, serverNodeArgs(), {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(this.boundPort),
        HOST: '127.0.0.1',
        QUIRE_DATA_DIR: this.dataDir,
        // The global setup's snapshot of the build; dist/client when run without it.
        QUIRE_CLIENT_DIR: process.env.QUIRE_E2E_CLIENT_DIR ?? join(REPO_ROOT, 'dist/client'),
        LOG_LEVEL: 'warn',
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.log += `--- start (port ${this.boundPort || 'any'}) ---\n`;
    let printed = '';
    const onOutput = (chunk: Buffer) => {
      printed += chunk.toString();
      this.log += chunk.toString();
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.boundPort = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the server did not start within ${START_TIMEOUT_MS} ms:\n${printed}`));
      }, START_TIMEOUT_MS);
      const onData = () => {
        const match = /running at http:\/\/[^:]+:(\d+)/.exec(printed);
        if (!match) return;
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(Number(match[1]));
      };
      child.stdout?.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${code ?? signal}) before listening:\n${printed}`));
      });
    });
  }

  /** SIGKILL: no flush, no close frames, exactly like a crash. Resolves once the process is gone. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** Kills the process (if running) and removes its data. */
  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
