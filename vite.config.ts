import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { build, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { isPrecached } from './client/src/sw/cache-policy.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const clientRoot = join(here, 'client');
const outDir = join(here, 'dist/client');
/** The server the dev proxy forwards `/collab` and `/api` to (`npm run dev` starts it). */
const devApiTarget = `http://127.0.0.1:${process.env.PORT ?? 1234}`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Writes the list of built files and a content hash into the service worker, so it precaches exactly
 * this build and a new build replaces the old cache.
 */
function precacheManifest(): Plugin {
  return {
    name: 'quire-precache-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const hash = createHash('sha256');
      const files: string[] = [];
      for (const [name, item] of Object.entries(bundle).sort(([a], [b]) => a.localeCompare(b))) {
        if (!isPrecached(name)) continue;
        files.push(name);
        hash.update(name).update(item.type === 'chunk' ? item.code : item.source);
      }
      // Files in client/public are copied after bundling, so they are not in `bundle`.
      const publicDir = join(clientRoot, 'public');
      for (const path of filesUnder(publicDir).sort()) {
        const name = relative(publicDir, path).split('\\').join('/');
        if (!isPrecached(name)) continue;
        files.push(name);
        hash.update(name).update(readFileSync(path));
      }
      const worker = bundle['sw.js'];
      if (worker?.type !== 'chunk') throw new Error('the service worker chunk (sw.js) is missing');
      const manifest = JSON.stringify({ version: hash.digest('hex').slice(0, 16), files });
      worker.code = worker.code.replaceAll('__QUIRE_PRECACHE__', manifest);
    },
  };
}

/** Writes `.br` and `.gz` beside every text file of the build; the server sends them when accepted. */
function precompress(): Plugin {
  let dir = outDir;
  return {
    name: 'quire-precompress',
    apply: 'build',
    configResolved(config) {
      dir = config.build.outDir;
    },
    closeBundle() {
      for (const path of filesUnder(dir)) {
        if (!/\.(js|css|html|svg|json|webmanifest)$/.test(path) || statSync(path).size < 1024) continue;
        const source = readFileSync(path);
        writeFileSync(`${path}.gz`, gzipSync(source, { level: 9 }));
        writeFileSync(`${path}.br`, brotliCompressSync(source, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

/**
 * Builds the embed script right after the app, so a plain `vite build` (which empties dist/client)
 * always leaves both behind, whoever runs it.
 */
function embedBuild(): Plugin {
  return {
    name: 'quire-embed-build',
    apply: 'build',
    async closeBundle() {
      await build({ configFile: fileURLToPath(import.meta.url), mode: 'embed', logLevel: 'warn' });
    },
  };
}

/**
 * `vite build`: the web app into dist/client (plus its service worker, sw.js).
 * then (see `embedBuild`) `<quire-editor>` as one self-contained ES module, dist/client/embed/quire-editor.js;
 * `vite build --mode embed` builds only that.
 * `vite` (dev): the app with a proxy to the server. Vitest: the test settings at the bottom.
 */
export default defineConfig(({ mode }) => {
  const embed = mode === 'embed';
  return {
    root: mode === 'test' ? here : clientRoot,
    // Vite's own client types are for the app; `process.env.NODE_ENV` must not reach a browser unreplaced.
    define: embed ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
    plugins: embed ? [precompress()] : [precacheManifest(), precompress(), embedBuild()],
    build: embed
      ? {
          outDir: join(outDir, 'embed'),
          emptyOutDir: true,
          copyPublicDir: false,
          target: 'es2022',
          sourcemap: true,
          // Everything (Lit, Tiptap, ProseMirror, Yjs) is in this one file by design.
          chunkSizeWarningLimit: 900,
          // An app build with a script entry rather than library mode, which would leave the file unminified.
          rolldownOptions: {
            input: { 'quire-editor': join(clientRoot, 'src/embed.ts') },
            preserveEntrySignatures: 'exports-only' as const,
            output: { entryFileNames: '[name].js', codeSplitting: false },
          },
        }
      : {
          outDir,
          emptyOutDir: true,
          target: 'es2022',
          // One chunk for the editor is the point: it works offline from the service worker's cache.
          chunkSizeWarningLimit: 900,
          sourcemap: true,
          rolldownOptions: {
            input: { index: join(clientRoot, 'index.html'), sw: join(clientRoot, 'src/sw/service-worker.ts') },
            output: {
              entryFileNames: (chunk: { name: string }) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
            },
          },
        },
    server: {
      proxy: {
        '/collab': { target: devApiTarget, ws: true },
        '/api': { target: devApiTarget },
      },
    },
    test: {
      include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts', 'bench/**/*.test.ts'],
      testTimeout: 20_000,
      hookTimeout: 20_000,
      pool: 'forks',
    },
  };
});
