import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../server/test/helpers.js';
import { ApiError } from '../src/app/api.js';
import {
  exportUrl,
  fetchVersionContent,
  importFile,
  importTypeOf,
  listVersions,
  restoreVersion,
  saveVersion,
} from '../src/history/history-api.js';

const file = (name: string, text: string, type = '') => ({ name, type, text: async () => text });

describe('history API client against a real server', () => {
  it('imports a file, names versions, lists, reads and restores them, and exports', async () => {
    const { url } = await startTestServer();
    const { id } = await importFile(url, file('Plan.md', '# Plan\n\nFirst.\n'));
    const first = await saveVersion(url, id, 'First');
    expect(first).toMatchObject({ kind: 'named', name: 'First' });

    // Another import makes another document; this one's history is untouched.
    const second = await importFile(url, file('Other.md', 'Second.\n'));
    expect(second.id).not.toBe(id);
    const listed = await listVersions(url, id);
    expect(listed).toEqual({ versions: [first], next: null });
    const content = await fetchVersionContent(url, id, first.id);
    expect(content.title).toBe('Plan');
    expect(content.content.content?.[0]).toMatchObject({ type: 'heading', attrs: { level: 1 } });

    const { restored, backup } = await restoreVersion(url, id, first.id);
    expect(restored.id).toBe(first.id);
    expect(backup.name).toBe('Before restoring “First”');
    expect((await listVersions(url, id, { limit: 1 })).next).not.toBeNull();

    const markdown = await fetch(exportUrl(url, { docId: id }, 'markdown'));
    expect(await markdown.text()).toBe('# Plan\n\nFirst.\n');
  });

  it('takes an HTML file’s own title, else the file name, and refuses other files', async () => {
    const { url } = await startTestServer();
    const titled = await importFile(url, file('page.html', '<title>Own title</title><p>x</p>'));
    expect((await fetchDoc(url, titled.id)).title).toBe('Own title');
    const untitled = await importFile(url, file('notes.htm', '<p>x</p>'));
    expect((await fetchDoc(url, untitled.id)).title).toBe('notes');
    await expect(importFile(url, file('photo.png', 'PNG'))).rejects.toBeInstanceOf(ApiError);
    await expect(importFile(url, file('evil.html', '<script>1</script>'))).rejects.toMatchObject({ status: 422 });
    expect(importTypeOf({ name: 'README', type: 'text/markdown' })).toBe('text/markdown');
    expect(importTypeOf({ name: 'a.MD', type: '' })).toBe('text/markdown');
  });

  it('reports server refusals as ApiError with the server’s message', async () => {
    const { url } = await startTestServer();
    const { id } = await importFile(url, file('a.md', 'a'));
    await expect(saveVersion(url, id, '   ')).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/name/),
    });
    await expect(restoreVersion(url, id, 99999)).rejects.toMatchObject({ status: 404 });
  });
});

async function fetchDoc(url: string, docId: string): Promise<{ title: string }> {
  return (await (
    await fetch(exportUrl(url, { docId }, 'markdown').replace('format=markdown', 'format=json'))
  ).json()) as {
    title: string;
  };
}
