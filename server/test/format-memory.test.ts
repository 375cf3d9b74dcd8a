import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { sampleRss, spawnServer } from './child-server.js';
import { formatTasks, importAs } from './format-load.js';
import { waitFor } from './helpers.js';

const MiB = 1024 * 1024;
const IMPORTS = 300;
/** Uploads in flight at once: the queue, not the HTTP layer's buffers, is what this test measures. */
const IN_FLIGHT = 8;
/** 2 MiB of ordinary paragraphs, encoded once: every request sends the same bytes (600 MiB in all). */
const BODY = new TextEncoder().encode('Some ordinary words in a paragraph of text here.\n\n'.repeat(41_000));
/** The queue's byte budget (`QUIRE_FORMAT_QUEUE_BYTES`) and the worker's heap cap, set below. */
const QUEUE_BYTES = 16 * MiB;
const HEAP_MB = 128;
/**
 * What the flood may add to the server's memory (decision 110): each waiting body about three times
 * while it is read (chunks, joined bytes, string), the running conversion's worker heap, and a fixed
 * part for the worker's start-up and the uploads in flight. Without a bound the server kept every body:
 * about 600 MiB of growth here, 1.6 GB in the measurement.
 */
const GROWTH_LIMIT = 3 * QUEUE_BYTES + HEAP_MB * MiB + 160 * MiB;

/**
 * One client's import on its own connection (as different clients would have), closed afterwards:
 * no idle pooled socket is left for the server's keep-alive timeout to close under the next request.
 */
function importOnce(port: number, address: string, body: Uint8Array, sent: () => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const post = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/docs',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'text/markdown', 'content-length': body.byteLength, 'x-forwarded-for': address },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    post.on('error', reject);
    post.end(body, sent);
  });
}

describe('format queue memory', () => {
  it(`${IMPORTS} big imports from ${IMPORTS} addresses: past the queue they are refused, memory stays bounded`, async () => {
    // One worker whatever the machine, so the bound does not depend on the core count.
    const server = await spawnServer(
      {
        QUIRE_STORAGE: 'memory',
        QUIRE_TRUST_PROXY: 'true',
        QUIRE_FORMAT_WORKERS: '1',
        QUIRE_FORMAT_MAX_HEAP_MB: String(HEAP_MB),
        QUIRE_FORMAT_QUEUE_BYTES: String(QUEUE_BYTES),
      },
      60_000,
    );
    // Warm up: a worker started and an import through it before the baseline.
    expect((await importAs(server.url, '192.0.2.1', '# warm')).status).toBe(201);
    const rss = sampleRss(server);
    const { baseline } = rss;

    const statuses: number[] = [];
    const failures: string[] = [];
    // Each import from its own address; the next one starts when an upload has been sent (admitted
    // imports stay unanswered in the queue).
    let next = 0;
    const startNext = (): void => {
      const i = next++;
      if (i >= IMPORTS) return;
      importOnce(server.port, `10.0.${i >> 8}.${(i & 255) + 1}`, BODY, startNext).then(
        (status) => statuses.push(status),
        (error: unknown) => failures.push(String(error)),
      );
    };
    for (let i = 0; i < IN_FLIGHT; i++) startNext();
    // Until every import is answered or in the queue, or memory is past the bound anyway.
    let queued = { waiting: 0, running: 0 };
    await waitFor(
      async () => {
        queued = await formatTasks(server.url);
        const accounted = statuses.length + failures.length + queued.waiting + queued.running;
        return accounted >= IMPORTS || rss.peak() - baseline > GROWTH_LIMIT;
      },
      180_000,
      'every import answered or queued',
    );
    rss.stop();
    const peak = rss.peak();
    const growthMiB = (peak - baseline) / MiB;
    const refused = statuses.filter((status) => status === 503).length;
    console.log(
      `format memory: ${refused} of ${IMPORTS} refused, ${queued.waiting} waiting; RSS ${(baseline / MiB).toFixed(0)} MiB → peak ${(
        peak / MiB
      ).toFixed(0)} MiB (growth ${growthMiB.toFixed(0)} MiB, limit ${GROWTH_LIMIT / MiB} MiB)`,
    );
    expect(peak - baseline, `RSS grew ${growthMiB.toFixed(0)} MiB`).toBeLessThan(GROWTH_LIMIT);
    expect(failures).toEqual([]);
    // Refused with 503, or (the one running) stopped by its heap or time budget with 422.
    expect(statuses.filter((status) => status !== 503 && status !== 422)).toEqual([]);
    expect(queued.waiting * BODY.byteLength).toBeLessThanOrEqual(QUEUE_BYTES);
    expect(refused).toBeGreaterThanOrEqual(IMPORTS - QUEUE_BYTES / BODY.byteLength - 2);
    expect(server.process.exitCode).toBeNull();
  }, 240_000);
});
