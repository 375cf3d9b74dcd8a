import { expect, test } from '../fixtures.js';
import { readLocalCopy } from '../support/local-copy.js';
import { countOccurrences, fetchServerDoc } from '../support/server-doc.js';

test('a reload while the server is down shows the document from IndexedDB and keeps new edits until it returns', async ({
  newUser,
  docId,
  quire,
}) => {
  const alice = await newUser('Alice');
  await alice.open(docId);
  // The app's service worker must hold the app itself, or no page could load without the server.
  await alice.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await alice.editor.typeAtEnd('Written while the server was up.');
  await alice.editor.expectSaved();
  await expect
    .poll(async () => (await readLocalCopy(alice.page, docId))?.blocks)
    .toEqual(['Written while the server was up.']);

  await quire.kill();
  await alice.editor.expectConnection('reconnecting');

  await alice.page.reload();
  await expect(alice.editor.content).toContainText('Written while the server was up.');
  await expect(alice.editor.connection).not.toHaveAttribute('data-state', 'connected');
  await alice.editor.typeAtEnd('Written after a reload without a server.', { newParagraph: true });
  await expect(alice.editor.save).not.toHaveAttribute('data-state', 'saved');
  const expected = ['Written while the server was up.', 'Written after a reload without a server.'];
  // IndexedDB writes are asynchronous: wait until the offline edit is on this device, as a user's pause would.
  await expect.poll(async () => (await readLocalCopy(alice.page, docId))?.blocks).toEqual(expected);

  // A second reload: the offline edit was kept on this device.
  await alice.page.reload();
  await expect(alice.editor.content).toContainText('Written after a reload without a server.');
  expect(await alice.editor.blocks()).toEqual(expected);

  await quire.start();
  await alice.editor.expectConnection('connected', 30_000);
  await alice.editor.expectSaved(30_000);
  expect((await fetchServerDoc(quire.url, docId)).blocks).toEqual(expected);

  const bob = await newUser('Bob');
  await bob.open(docId);
  expect(await bob.editor.blocks()).toEqual(expected);
  expect(countOccurrences(await bob.editor.text(), 'Written while the server was up.')).toBe(1);
});
