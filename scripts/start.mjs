// `npm start`: builds the web client when it is missing or older than its sources, bundles the server, then runs it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, serverNodeArgs } from './build-server.mjs';

// npm runs scripts from the package root; do the same when started directly.
process.chdir(fileURLToPath(new URL('..', import.meta.url)));

// The app and the embed script are built together; either one missing means a build is due.
const builtFiles = ['dist/client/index.html', 'dist/client/embed/quire-editor.js'];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = ['client', 'shared'].filter((dir) => existsSync(dir));
const clientExists = existsSync('client/index.html');
const stale =
  builtFiles.some((file) => !existsSync(file)) ||
  Math.max(...sources.map(newestMtime), statSync('vite.config.ts').mtimeMs) >
    Math.min(...builtFiles.map((file) => statSync(file).mtimeMs));
if (clientExists && stale) {
  console.log('Building the web client…');
  // The client only: the server is bundled below either way.
  const build = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The server runs as a plain JavaScript bundle (see build-server.mjs); bundling takes a fraction of a second.
await buildServer();
const server = spawnSync(process.execPath, serverNodeArgs(), { stdio: 'inherit' });
process.exit(server.status ?? 1);
