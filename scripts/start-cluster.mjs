// `npm run start:cluster`: two Quire instances on the local PostgreSQL and Redis, behind a round-robin
// TCP proxy on PORT (default 1234), for trying multi-instance behaviour by hand. Each new connection
// goes to the next instance, so two browser tabs usually land on different instances; stop one with
// `kill <pid>` (or -9) and watch its editors reconnect to the other. Not a production balancer: see
// docs/deploy.md for nginx.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildServer, serverNodeArgs } from './build-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const port = Number(process.env.PORT ?? 1234);
const instancePorts = [port + 1, port + 2];
const databaseUrl = process.env.QUIRE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/quire';
const redisUrl = process.env.QUIRE_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Creates the database of the default URL if it is missing (the schema itself is migrated by the server). */
async function ensureDatabase(url) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      console.log(`Created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

function buildClientIfMissing() {
  if (!existsSync('client/index.html') || existsSync('dist/client/index.html')) return;
  console.log('Building the web client…');
  const build = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

function startInstance(instancePort, n) {
  const child = spawn(process.execPath, serverNodeArgs(), {
    env: {
      ...process.env,
      PORT: String(instancePort),
      HOST: '127.0.0.1',
      QUIRE_DATABASE_URL: databaseUrl,
      QUIRE_REDIS_URL: redisUrl,
      // Behind the proxy every connection comes from 127.0.0.1; per-IP caps would count all users as one.
      QUIRE_MAX_CONNECTIONS_PER_IP: process.env.QUIRE_MAX_CONNECTIONS_PER_IP ?? '10000',
      QUIRE_MAX_HANDSHAKES_PER_IP: process.env.QUIRE_MAX_HANDSHAKES_PER_IP ?? '10000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  console.log(`instance ${n}: pid ${child.pid}, http://127.0.0.1:${instancePort}`);
  child.on('exit', (code, signal) => console.log(`instance ${n} (pid ${child.pid}) exited: ${signal ?? code}`));
  return child;
}

/** Round robin over the instances; a connection that an instance refuses is retried on the next one. */
function startProxy() {
  let next = 0;
  const server = createServer((client) => {
    client.pause();
    const attempt = (tries) => {
      const target = instancePorts[next++ % instancePorts.length];
      const upstream = connect(target, '127.0.0.1');
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
        upstream.once('close', () => client.destroy());
        client.once('close', () => upstream.destroy());
      });
      upstream.on('error', () => {
        if (!connected && tries + 1 < instancePorts.length) attempt(tries + 1);
        else client.destroy();
      });
      client.on('error', () => upstream.destroy());
    };
    attempt(0);
  });
  server.listen(port, process.env.HOST ?? '127.0.0.1', () => {
    console.log(`\n  Quire cluster (2 instances, PostgreSQL + Redis) at http://127.0.0.1:${port}\n`);
  });
  return server;
}

try {
  await ensureDatabase(databaseUrl);
} catch (error) {
  console.error(`PostgreSQL at ${databaseUrl} is not reachable: ${error.message}`);
  process.exit(1);
}
buildClientIfMissing();
await buildServer();
const children = instancePorts.map((instancePort, i) => startInstance(instancePort, i + 1));
const proxy = startProxy();
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    proxy.close();
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    Promise.all(
      children.map(
        (child) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve())),
      ),
    ).then(() => process.exit(0));
  });
}
