import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../scripts/build-server.mjs';
import { REPO_ROOT } from './support/paths.js';

const BUILT_DIR = join(REPO_ROOT, 'dist/client');
const BUILT_INDEX = join(BUILT_DIR, 'index.html');
const SOURCES = ['client', 'shared', 'vite.config.ts'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * Bundles the server (the tests run what `npm start` runs) and builds the web client when `dist/client`
 * is missing or older than its sources (the tests drive the built app), then snapshots the client into
 * a temporary directory that every test server serves (`QUIRE_E2E_CLIENT_DIR`), so a rebuild during
 * the run cannot swap files under a loaded page. Returns the teardown that removes the snapshot.
 */
export default async function globalSetup(): Promise<() => void> {
  await buildServer();
  const builtAt = existsSync(BUILT_INDEX) ? statSync(BUILT_INDEX).mtimeMs : 0;
  const sourcesAt = Math.max(...SOURCES.map((source) => newestMtime(join(REPO_ROOT, source))));
  if (builtAt < sourcesAt) {
    console.log('e2e: building the web client (dist/client is missing or stale)…');
    const build = spawnSync('npx', ['vite', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error(`vite build failed (exit ${build.status ?? build.signal})`);
    if (!existsSync(BUILT_INDEX)) throw new Error(`vite build did not produce ${BUILT_INDEX}`);
  }
  const snapshot = mkdtempSync(join(tmpdir(), 'quire-e2e-client-'));
  cpSync(BUILT_DIR, snapshot, { recursive: true });
  process.env.QUIRE_E2E_CLIENT_DIR = snapshot;
  return () => rmSync(snapshot, { recursive: true, force: true });
}
