import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocFormats } from './doc-formats.js';
import { FormatBusyError, FormatError } from './format-error.js';
import { FormatPool } from './format-pool.js';

const pools: FormatPool[] = [];
const pool = (options: ConstructorParameters<typeof FormatPool>[0] = {}) => {
  const created = new FormatPool(options);
  pools.push(created);
  return created;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

const formats = new DocFormats();

/** Ordinary paragraphs, 600 KB: seconds of parsing on any machine. */
const SLOW_MARKDOWN = 'Some ordinary words in a paragraph of text here.\n\n'.repeat(12_000);

describe('FormatPool', () => {
  it('imports, renders and diffs in a worker thread, with the same results as in-process', async () => {
    const formatsPool = pool();
    const { update, title } = await formatsPool.run('import', {
      text: '# Hi\n\n- a\n',
      format: 'markdown',
      title: 'T',
    });
    expect(title).toBe('T');
    const rendered = await formatsPool.run('render', { state: update, format: 'markdown' });
    expect(rendered).toMatchObject({ body: '# Hi\n\n- a\n', title: 'T', extension: 'md' });
    const target = formats.toUpdate({ title: 'T2', content: formats.parse('# Hi\n\n- b\n', 'markdown').content });
    const replaced = await formatsPool.run('replace', { current: update, target });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    Y.applyUpdate(doc, replaced.update);
    expect(formats.toMarkdown(formats.read(Y.encodeStateAsUpdate(doc)).content)).toBe('# Hi\n\n- b\n');
  });

  it('passes FormatError across the thread with its code and status', async () => {
    const error = await pool()
      .run('import', { text: '<script>x</script>', format: 'html', title: null })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect(error).toMatchObject({ code: 'unsafe_html', status: 422 });
  });

  it('stops a task past its time budget with a clear error; the next task gets a fresh worker', async () => {
    // Budget counted from when the task reaches a ready worker: starting the worker does not count.
    const slow = pool({ timeoutMs: 1500 });
    const started = performance.now();
    await expect(slow.run('import', { text: SLOW_MARKDOWN, format: 'markdown', title: null })).rejects.toMatchObject({
      code: 'conversion_timeout',
      status: 422,
      message: 'The conversion took longer than 1.5 s and was stopped.',
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(1500);
    const { title } = await slow.run('import', { text: 'fine', format: 'markdown', title: 'ok' });
    expect(title).toBe('ok');
  }, 60_000);

  it('an import that exhausts the worker heap fails alone; the pool keeps working', async () => {
    // A long timeout: on a slow machine the heap limit, not the clock, must end the import.
    const small = pool({ maxHeapMb: 24, timeoutMs: 100_000 });
    const huge = `${'- item with some words in it\n'.repeat(100_000)}`;
    await expect(small.run('import', { text: huge, format: 'markdown', title: null })).rejects.toMatchObject({
      code: 'conversion_out_of_memory',
      status: 422,
      message: 'The conversion needed more than 24 MB of memory and was stopped.',
    });
    const { title } = await small.run('import', { text: 'fine', format: 'markdown', title: 'ok' });
    expect(title).toBe('ok');
  }, 120_000);

  it('refuses past its bounds: 429 for a client over its share, 503 with a retry time when the queue is full', async () => {
    const bounded = pool({ workers: 1, maxWaiting: 2, maxPerClient: 2, smallTaskBytes: 100 });
    const big = { text: SLOW_MARKDOWN, format: 'markdown', title: null } as const;
    // Both of Alice's run or wait; a third is over her share.
    const settled = [bounded.run('import', big, 'alice'), bounded.run('import', big, 'alice')].map((p) =>
      p.catch((e: unknown) => e),
    );
    const overShare = await bounded.run('import', big, 'alice').catch((e: unknown) => e);
    expect(overShare).toBeInstanceOf(FormatBusyError);
    expect(overShare).toMatchObject({ status: 429, code: 'too_many_conversions' });
    // One runs, one waits; Bob's fills the queue, Carol's is refused.
    settled.push(bounded.run('import', big, 'bob').catch((e: unknown) => e));
    expect(bounded.stats).toMatchObject({ running: 1, waiting: 2 });
    const full = await bounded.run('import', big, 'carol').catch((e: unknown) => e);
    expect(full).toMatchObject({ status: 503, code: 'formats_busy', retryAfterSeconds: expect.any(Number) });
    expect((full as FormatBusyError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(bounded.check('carol', 1000)).toMatchObject({ status: 503 });
    // A small task does not wait: the small-task worker takes it at once, full queue or not.
    expect(bounded.check('carol', 5)).toBeNull();
    const state = formats.toUpdate({ title: '', content: formats.parse('x', 'markdown').content });
    expect(await bounded.run('render', { state, format: 'text' }, 'carol')).toMatchObject({ body: 'x' });
    await bounded.close();
    for (const outcome of await Promise.all(settled))
      expect(outcome).toMatchObject({ message: expect.stringContaining('closed') });
  });

  it('rejects queued tasks when closed', async () => {
    const closing = pool();
    const queued = closing.run('import', { text: 'a', format: 'markdown', title: null }).catch((e: unknown) => e);
    await closing.close();
    expect(await queued).toMatchObject({ message: expect.stringContaining('closed') });
    await expect(closing.run('import', { text: 'a', format: 'markdown', title: null })).rejects.toThrow('closed');
  });
});
