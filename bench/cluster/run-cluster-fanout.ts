/**
 * `npm run bench:cluster`: fan-out latency across two Quire instances (PostgreSQL + Redis; the writer on
 * one, every reader on the other) against one instance on the same PostgreSQL, interleaved run by run
 * so a noisy machine hits both alike. Needs the local PostgreSQL and Redis (QUIRE_BENCH_DATABASE_URL,
 * QUIRE_BENCH_REDIS_URL). Environment: BENCH_RUNS (default 3), BENCH_READERS (default 100),
 * BENCH_UPDATES (default 300). Prints a Markdown table and writes it to bench/results/tmp/.
 */

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../../scripts/build-server.mjs';
import { type RunningTarget, startTarget } from '../harness/target-process.js';
import type { TargetSpec } from '../harness/targets.js';
import { QUIRE_ARGS } from '../harness/targets.js';
import { connectMany } from '../load/connect-many.js';
import { Countdown, delay } from '../load/countdown.js';
import { LoadClient } from '../load/load-client.js';
import { latencySummary, median } from '../load/stats.js';
import { forEachUpdateClock } from '../load/update-ids.js';
import { makeWriterUpdates, writerClientIds } from '../load/writer-updates.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const databaseUrl = process.env.QUIRE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.QUIRE_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const runs = Number(process.env.BENCH_RUNS ?? 3);
const readers = Number(process.env.BENCH_READERS ?? 100);
const updates = Number(process.env.BENCH_UPDATES ?? 300);
const intervalMs = 20;

/** A Quire process on PostgreSQL; with `prefix`, also on Redis (one cluster per prefix). */
const quireOnPostgres = (name: string, prefix: string | null): TargetSpec => ({
  name,
  label: name,
  protocol: 'yws',
  durableAcks: true,
  persistent: true,
  peer: false,
  launch: (port, dataDir) => ({
    args: QUIRE_ARGS,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      QUIRE_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      QUIRE_CLIENT_DIR: '',
      QUIRE_DATABASE_URL: databaseUrl,
      QUIRE_MAX_CONNECTIONS_PER_IP: '100000',
      QUIRE_MAX_HANDSHAKES_PER_IP: '100000',
      ...(prefix ? { QUIRE_REDIS_URL: redisUrl, QUIRE_REDIS_PREFIX: prefix } : {}),
    },
  }),
});

/** One writer on `writerUrl`, `readers` readers on `readerUrl`: every receipt is a latency sample. */
async function fanout(
  writerUrl: string,
  readerUrl: string,
): Promise<{ p50: number; p95: number; p99: number; missing: number }> {
  const docId = `cluster-fanout-${randomBytes(6).toString('hex')}`;
  const warmup = Math.ceil(updates / 10);
  const total = warmup + updates;
  const [clientId] = writerClientIds(1) as [number];
  const sentAt = new Float64Array(total);
  const latencies = new Float64Array(readers * updates);
  let samples = 0;
  const receipts = new Countdown(readers * total);
  const onUpdate = (update: Uint8Array) => {
    const now = performance.now();
    forEachUpdateClock(update, (client, clock) => {
      if (client !== clientId || clock >= total) return;
      if (clock >= warmup) latencies[samples++] = now - (sentAt[clock] as number);
      receipts.hit();
    });
  };
  const clients = await connectMany(readers, () => ({ baseUrl: readerUrl, protocol: 'yws', docId, onUpdate }));
  const writer = await LoadClient.connect({ baseUrl: writerUrl, protocol: 'yws', docId });
  const frames = makeWriterUpdates(clientId, total).updates.map((update) => writer.frameUpdate(update));
  try {
    for (let i = 0; i < total; i++) {
      sentAt[i] = performance.now();
      writer.sendFrame(frames[i] as Uint8Array);
      await delay(intervalMs);
    }
    await receipts.wait(15_000);
    return { ...latencySummary(latencies.subarray(0, samples)), missing: receipts.left };
  } finally {
    for (const client of [writer, ...clients]) client.terminate();
  }
}

async function start(spec: TargetSpec): Promise<{ running: RunningTarget; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), `quire-bench-${spec.name}-`));
  return { running: await startTarget(spec, { repoRoot, dataDir }), dataDir };
}

async function stop(target: { running: RunningTarget; dataDir: string }): Promise<void> {
  await target.running.stop();
  rmSync(target.dataDir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  await buildServer();
  const rows: Record<'single' | 'cluster', { p50: number; p95: number; p99: number; missing: number }[]> = {
    single: [],
    cluster: [],
  };
  for (let run = 0; run < runs; run++) {
    for (const mode of run % 2 === 0 ? (['single', 'cluster'] as const) : (['cluster', 'single'] as const)) {
      console.log(`run ${run + 1}/${runs}: ${mode}`);
      if (mode === 'single') {
        const one = await start(quireOnPostgres('quire-postgres', null));
        try {
          rows.single.push(await fanout(one.running.endpoint.baseUrl, one.running.endpoint.baseUrl));
        } finally {
          await stop(one);
        }
      } else {
        const prefix = `quire-bench:${randomBytes(4).toString('hex')}:`;
        const a = await start(quireOnPostgres('quire-a', prefix));
        const b = await start(quireOnPostgres('quire-b', prefix));
        try {
          rows.cluster.push(await fanout(a.running.endpoint.baseUrl, b.running.endpoint.baseUrl));
        } finally {
          await Promise.all([stop(a), stop(b)]);
        }
      }
    }
  }
  const cell = (values: number[]) => median(values).toFixed(1);
  const line = (label: string, results: (typeof rows)['single']) =>
    `| ${label} | ${cell(results.map((r) => r.p50))} | ${cell(results.map((r) => r.p95))} | ${cell(results.map((r) => r.p99))} | ${results.reduce((sum, r) => sum + r.missing, 0)} |`;
  const table = [
    `Fan-out latency, 1 writer → ${readers} readers, ${updates} updates every ${intervalMs} ms (ms, send to each receipt; median of ${runs} runs)`,
    '',
    '| Setup | p50 | p95 | p99 | missing |',
    '| --- | --- | --- | --- | --- |',
    line('one instance (PostgreSQL)', rows.single),
    line('two instances (PostgreSQL + Redis), writer on one, readers on the other', rows.cluster),
    '',
  ].join('\n');
  console.log(`\n${table}`);
  const outDir = join(repoRoot, 'bench/results/tmp');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `cluster-fanout-${new Date().toISOString().slice(0, 19)}.md`), table);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
