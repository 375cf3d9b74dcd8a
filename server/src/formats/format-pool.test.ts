import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocFormats } from './doc-formats.js';
import { FormatError } from './format-error.js';
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

  it('stops a task that runs too long, and the next task gets a fresh worker', async () => {
    const slow = pool({ timeoutMs: 1 });
    await expect(slow.run('import', { text: 'x', format: 'markdown', title: null })).rejects.toMatchObject({
      code: 'conversion_timeout',
      status: 422,
    });
    await expect(slow.run('render', { state: new Uint8Array([0, 0]), format: 'text' })).rejects.toMatchObject({
      code: 'conversion_timeout',
      status: 500,
    });
  });

  it('an import that exhausts the worker heap fails alone; the pool keeps working', async () => {
    // A long timeout: on a slow machine the heap limit, not the clock, must end the import.
    const small = pool({ maxHeapMb: 24, timeoutMs: 100_000 });
    const huge = `${'- item with some words in it\n'.repeat(100_000)}`;
    await expect(small.run('import', { text: huge, format: 'markdown', title: null })).rejects.toMatchObject({
      code: 'conversion_failed',
      status: 422,
    });
    const { title } = await small.run('import', { text: 'fine', format: 'markdown', title: 'ok' });
    expect(title).toBe('ok');
  }, 120_000);

  it('rejects queued tasks when closed', async () => {
    const closing = pool();
    const queued = closing.run('import', { text: 'a', format: 'markdown', title: null }).catch((e: unknown) => e);
    await closing.close();
    expect(await queued).toMatchObject({ message: expect.stringContaining('closed') });
    await expect(closing.run('import', { text: 'a', format: 'markdown', title: null })).rejects.toThrow('closed');
  });
});
