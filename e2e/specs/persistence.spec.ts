import { expect, test } from '../fixtures.js';
import { countOccurrences, fetchServerDoc } from '../support/server-doc.js';

test('a reload keeps the content and the title is shared between users', async ({ newUser, docId, quire }) => {
  const alice = await newUser('Alice');
  const bob = await newUser('Bob');
  await alice.open(docId);
  await bob.open(docId);

  await alice.editor.title.fill('Meeting notes');
  await expect(bob.editor.title).toHaveValue('Meeting notes');
  await bob.editor.title.press('End');
  await bob.editor.title.pressSequentially(' (draft)');
  await expect(alice.editor.title).toHaveValue('Meeting notes (draft)');

  await alice.editor.typeAtEnd('First line that must survive a reload.');
  await alice.editor.typeAtEnd('Second line.', { newParagraph: true });
  await alice.editor.expectSaved();

  await alice.page.reload();
  await alice.editor.waitUntilReady();
  await expect(alice.editor.title).toHaveValue('Meeting notes (draft)');
  expect(await alice.editor.blocks()).toEqual(['First line that must survive a reload.', 'Second line.']);

  // The server has it too, and a newcomer without any local copy gets it from there.
  const stored = await fetchServerDoc(quire.url, docId);
  expect(stored).toEqual({
    blocks: ['First line that must survive a reload.', 'Second line.'],
    title: 'Meeting notes (draft)',
  });
  const carol = await newUser('Carol');
  await carol.open(docId);
  await expect(carol.editor.title).toHaveValue('Meeting notes (draft)');
  await expect(carol.editor.content).toContainText('Second line.');
  expect(countOccurrences(await carol.editor.text(), 'First line that must survive a reload.')).toBe(1);
});
