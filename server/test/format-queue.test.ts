import { describe, expect, it } from 'vitest';
import { ALICE, BIG_MARKDOWN, BOB, exportAs, formatTasks, importAs, track } from './format-load.js';
import { startTestServer, waitFor } from './helpers.js';

const CAROL = '192.0.2.30';

const createdId = async (response: Response): Promise<string> => {
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
};

const documentCount = async (server: Awaited<ReturnType<typeof startTestServer>>['server']) =>
  (await server.ctx.store.list({ limit: 200 })).docs.length;

describe('the format queue', () => {
  it('two big imports from one client do not hold up another client’s one-line export', async () => {
    const { url } = await startTestServer({ trustProxy: true });
    const bobDoc = await createdId(await importAs(url, BOB, 'one line'));
    // A running server has its workers started; the export below measures waiting, not start-up.
    expect(await (await exportAs(url, BOB, bobDoc)).text()).toBe('one line\n');

    const imports = [importAs(url, ALICE, BIG_MARKDOWN), importAs(url, ALICE, BIG_MARKDOWN)].map(track);
    await waitFor(
      async () => {
        const { waiting, running } = await formatTasks(url);
        return running >= 1 && waiting + running === 2;
      },
      60_000,
      'both of Alice’s imports in the queue, one running',
    );

    const started = performance.now();
    const exported = await exportAs(url, BOB, bobDoc);
    const elapsedMs = performance.now() - started;
    expect(exported.status).toBe(200);
    expect(await exported.text()).toBe('one line\n');
    // The export did not just come after them: both big imports are still converting.
    expect(imports.map((request) => request.settled)).toEqual([false, false]);
    expect(elapsedMs, `the export took ${Math.round(elapsedMs)} ms`).toBeLessThan(2000);
  });

  it('a full queue answers 503 and a client over its share 429, with Retry-After, storing nothing', async () => {
    const { url, server } = await startTestServer({
      trustProxy: true,
      formatWorkers: 1,
      formatQueueTasks: 1,
      formatTasksPerClient: 2,
    });
    const bobDoc = await createdId(await importAs(url, BOB, 'one line'));
    const stored = await documentCount(server);
    const running = [importAs(url, ALICE, BIG_MARKDOWN), importAs(url, ALICE, BIG_MARKDOWN)].map(track);
    await waitFor(
      async () => {
        const { waiting, running } = await formatTasks(url);
        return running === 1 && waiting === 1;
      },
      60_000,
      'one of Alice’s imports running, one waiting',
    );

    for (const [address, status, error] of [
      [CAROL, 503, 'formats_busy'],
      [ALICE, 429, 'too_many_conversions'],
    ] as const) {
      const refused = await importAs(url, address, BIG_MARKDOWN);
      expect({ address, status: refused.status }).toEqual({ address, status });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await refused.json()).toMatchObject({ error, message: expect.any(String) });
    }
    // A small export does not wait, so a full queue does not refuse it.
    const exported = await exportAs(url, CAROL, bobDoc);
    expect(await exported.text()).toBe('one line\n');
    expect(await documentCount(server)).toBe(stored);
    expect(running.map((request) => request.settled)).toEqual([false, false]);
  });

  it('a conversion past its time budget is stopped with a clear error, and the next one works', async () => {
    // Every task on the general worker (none counts as small), so the next import meets the replaced worker.
    const { url, server } = await startTestServer({ formatTimeoutMs: 2000, formatWorkers: 1, formatSmallTaskBytes: 0 });
    const stored = await documentCount(server);
    const stopped = await importAs(url, ALICE, BIG_MARKDOWN);
    expect(stopped.status).toBe(422);
    expect(await stopped.json()).toEqual({
      error: 'conversion_timeout',
      message: 'The conversion took longer than 2 s and was stopped.',
    });
    expect(await documentCount(server)).toBe(stored);

    const after = await createdId(await importAs(url, ALICE, '# after'));
    expect(await (await exportAs(url, ALICE, after)).text()).toBe('# after\n');
  });
});
