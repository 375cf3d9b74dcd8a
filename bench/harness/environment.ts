import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

/** The open-files limits of this shell (soft, hard); the kernel's defaults if `sh` cannot tell. */
export function fileLimits(): { soft: number; hard: number } {
  const result = spawnSync('sh', ['-c', 'ulimit -n; ulimit -Hn'], { encoding: 'utf8' });
  const [soft, hard] = result.stdout
    .trim()
    .split('\n')
    .map((line) => (line === 'unlimited' ? Number.POSITIVE_INFINITY : Number(line)));
  return { soft: soft || 1024, hard: hard || 1024 };
}

/**
 * What to do about `needed` open sockets per process: nothing when the soft limit allows it, raise it
 * (up to the hard limit) in the spawned processes when that suffices, else fewer connections.
 */
export function planFileLimit(needed: number): { fileLimit?: number; maxConnections: number; note?: string } {
  const { soft, hard } = fileLimits();
  const margin = 256;
  if (soft >= needed + margin) return { maxConnections: needed };
  if (hard >= needed + margin) return { fileLimit: needed + margin, maxConnections: needed };
  const maxConnections = Math.max(0, hard - margin);
  return {
    fileLimit: hard,
    maxConnections,
    note: `open-files hard limit ${hard} < ${needed + margin}: idle memory measured with ${maxConnections} connections`,
  };
}

/** The machine, for the results header. */
export function describeMachine(dataDir = tmpdir()): Record<string, string> {
  const cpu = cpus();
  const fs = spawnSync('stat', ['-f', '-c', '%T', dataDir], { encoding: 'utf8' }).stdout.trim() || 'unknown';
  return {
    CPU: `${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`,
    Memory: `${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    OS: `Linux ${release()}`,
    Node: process.version,
    'Data directory': `${dataDir} (${fs})`,
  };
}

/**
 * Installs `bench/peers` (`npm ci`) when its node_modules is missing or older than its lockfile.
 * Only the npm registry is needed; sqlite3 (for Hocuspocus' SQLite extension) compiles from source
 * when no prebuilt binary can be downloaded, which takes a minute or two.
 */
export function ensurePeers(repoRoot: string, log: (line: string) => void): void {
  const dir = join(repoRoot, 'bench/peers');
  const marker = join(dir, 'node_modules/.package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(join(dir, 'package-lock.json')).mtimeMs) return;
  log('Installing the peer servers (npm --prefix bench/peers ci)…');
  const env = { ...process.env };
  // Distribution Node ships its headers; node-gyp would otherwise download them (not from the registry).
  if (!env.npm_config_nodedir && process.execPath === '/usr/bin/node' && existsSync('/usr/include/node/node.h')) {
    env.npm_config_nodedir = '/usr';
  }
  const npm = ['npm', '--prefix', 'bench/peers', 'ci', '--no-audit', '--no-fund'];
  const hasFlock = spawnSync('sh', ['-c', 'command -v flock'], { encoding: 'utf8' }).status === 0;
  const command = hasFlock ? ['flock', '/tmp/npm.lock', ...npm] : npm;
  const result = spawnSync(command[0] as string, command.slice(1), { cwd: repoRoot, env, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(
      'Installing bench/peers failed. Run `npm --prefix bench/peers ci` to see why, or bench Quire alone: BENCH_TARGETS=relay,quire-sqlite,quire-memory npm run bench',
    );
  }
}
