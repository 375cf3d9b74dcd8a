// `npm run dev`: the Quire server (restarted when its code changes) and Vite's dev server for the web
// client, which proxies `/collab` (WebSocket) and `/api` to it (see vite.config.ts). Open Vite's URL.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));

const port = process.env.PORT ?? '1234';
// The dev server serves the client itself; the Quire server only speaks the protocol and the API.
const env = { ...process.env, PORT: port, QUIRE_CLIENT_DIR: '' };

// The binaries directly, not through npx: a signal to npx does not always reach the process it started.
const bin = (name) => join('node_modules', '.bin', name);
const children = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'server/src/main.ts'], { stdio: 'inherit', env }),
  spawn(bin('vite'), [], { stdio: 'inherit', env }),
];

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}

for (const child of children) child.on('exit', (code) => stop(code ?? 1));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
