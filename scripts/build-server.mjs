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
