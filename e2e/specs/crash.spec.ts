import { expect, test } from '../fixtures.js';
import { countOccurrences, fetchServerDoc } from '../support/server-doc.js';

test('after a SIGKILL mid-typing every saved edit survives, the client reconnects alone and later edits arrive', async ({
  newUser,
  docId,
  quire,
  tcpProxy,
}) => {
  const alice = await newUser('Alice');
  // Through the TCP proxy, so the test can keep Alice away while it inspects what the server kept on disk.
  await alice.open(docId, tcpProxy.url);

  await alice.editor.typeAtEnd('Saved before the crash.');
  await alice.editor.expectSaved();

  // Type steadily; in the middle, catch a moment when the page says "Saved" and note what it showed.
  const burst = ' the quick brown fox jumps over the lazy dog again and again';
  const typing = alice.editor.typeAtEnd(burst, { delay: 40 });
  const savedSnapshot = await alice.page.waitForFunction(
    (needle) => {
      // Finds a test hook wherever it is, through open shadow roots.
      const find = (root: ParentNode, selector: string): Element | null => {
        const hit = root.querySelector(selector);
        if (hit) return hit;
        for (const element of root.querySelectorAll('*')) {
          const inner = element.shadowRoot ? find(element.shadowRoot, selector) : null;
          if (inner) return inner;
        }
        return null;
      };
      const save = find(document, '[data-testid=save-status]');
      const text = find(document, '[data-testid=editor-content]')?.textContent ?? '';
      return save?.getAttribute('data-state') === 'saved' && text.includes(needle) ? text : false;
    },
    ' the quick brown',
    { timeout: 15_000, polling: 'raf' },
  );
  const savedText = (await savedSnapshot.jsonValue()) as string;
  await quire.kill();
  await typing;

  await expect(alice.editor.connection).not.toHaveAttribute('data-state', 'connected');
  await expect(alice.editor.save).not.toHaveAttribute('data-state', 'saved');
  await alice.editor.typeAtEnd('Typed while the server was down.', { newParagraph: true });

  // Restart on the same port and data, with Alice still kept away: what is there now came from disk.
  tcpProxy.cut();
  await quire.start();
  const onDisk = await fetchServerDoc(quire.url, docId);
  expect(onDisk.blocks[0] ?? '', 'everything that showed "Saved" before the kill').toContain(savedText);

  tcpProxy.restore();
  await alice.editor.expectConnection('connected', 30_000);
  await alice.editor.expectSaved(30_000);
  const expected = [`Saved before the crash.${burst}`, 'Typed while the server was down.'];
  expect(await alice.editor.blocks()).toEqual(expected);
  expect((await fetchServerDoc(quire.url, docId)).blocks).toEqual(expected);

  const bob = await newUser('Bob');
  await bob.open(docId);
  expect(await bob.editor.blocks()).toEqual(expected);
  expect(countOccurrences(await bob.editor.text(), 'Saved before the crash.')).toBe(1);
});
