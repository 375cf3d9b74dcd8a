// `npm run build:server`: bundles the server into plain JavaScript in dist/server/ (packages stay in
// node_modules). `npm start` and the benchmarks run this bundle: running TypeScript through tsx costs
// CPU on every hot path (its `keepNames` wraps each new closure in a defineProperty call) and about
// 60 MiB of resident memory for the compiler. Tests and `npm run dev` run the sources directly.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Writes dist/server/main.js and, beside it, the formats worker it starts (format-pool.ts looks there). */
export async function buildServer() {
  await build({
    absWorkingDir: repoRoot,
    entryPoints: ['server/src/main.ts', 'server/src/formats/format-worker.ts'],
    outdir: 'dist/server',
    entryNames: '[name]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();

/**
 * Node's arguments to run the bundle, for everything that starts it (npm start, the cluster script, the
 * benchmarks, the browser tests). Young-generation semispaces of 8 MiB instead of Node's 16: a burst of
 * handshakes otherwise makes all 32 MiB of them resident for good, about 6 KB of RSS per idle connection
 * at 2,000 connections, for a few percent of CPU under full load (BENCHMARKS.md). A
 * `--max-semi-space-size` in NODE_OPTIONS is left to win.
 */
export function serverNodeArgs() {
  const userSet = (process.env.NODE_OPTIONS ?? '').includes('semi-space-size');
  return [...(userSet ? [] : ['--max-semi-space-size=8']), 'dist/server/main.js'];
}
