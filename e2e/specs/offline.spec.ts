import { expect, test } from '../fixtures.js';
import { countOccurrences, fetchServerDoc } from '../support/server-doc.js';

test('edits made by both users while the network is cut merge after reconnect, each exactly once', async ({
  newUser,
  docId,
  quire,
  tcpProxy,
}) => {
  const alice = await newUser('Alice');
  const bob = await newUser('Bob');
  await alice.open(docId, tcpProxy.url);
  await bob.open(docId, tcpProxy.url);

  await alice.editor.typeAtEnd('Shared opening paragraph.');
  await alice.editor.typeAtEnd('Alice owns this one.', { newParagraph: true });
  await alice.editor.typeAtEnd('Bob owns this one.', { newParagraph: true });
  await expect(bob.editor.content).toContainText('Bob owns this one.');
  await alice.editor.expectSaved();
  await bob.editor.expectSaved();

  tcpProxy.cut();
  for (const user of [alice, bob]) {
    await expect(user.editor.connection).not.toHaveAttribute('data-state', 'connected');
  }

  // Different paragraphs, and the same paragraph, while nothing can get through.
  await alice.editor.typeInParagraph('Alice owns', ' [alice offline 1]');
  await bob.editor.typeInParagraph('Bob owns', ' [bob offline 1]');
  await alice.editor.typeInParagraph('Shared opening', ' [alice offline 2]');
  await bob.editor.typeInParagraph('Shared opening', ' [bob offline 2]');
  await bob.editor.typeAtEnd('A paragraph Bob wrote offline.', { newParagraph: true });
  await expect(alice.editor.save).not.toHaveAttribute('data-state', 'saved');
  await expect(bob.editor.save).not.toHaveAttribute('data-state', 'saved');
  // The cut really cut: neither side has the other's offline edits.
  expect(await alice.editor.text()).not.toContain('[bob offline');
  expect(await bob.editor.text()).not.toContain('[alice offline');

  tcpProxy.restore();
  await alice.editor.expectConnection('connected', 30_000);
  await bob.editor.expectConnection('connected', 30_000);
  await expect(async () => {
    expect(await alice.editor.blocks()).toEqual(await bob.editor.blocks());
  }).toPass({ timeout: 15_000 });

  const text = await alice.editor.text();
  for (const piece of [
    'Shared opening paragraph.',
    'Alice owns this one.',
    'Bob owns this one.',
    '[alice offline 1]',
    '[alice offline 2]',
    '[bob offline 1]',
    '[bob offline 2]',
    'A paragraph Bob wrote offline.',
  ]) {
    expect(countOccurrences(text, piece), `"${piece}" in:\n${text}`).toBe(1);
  }
  expect(await alice.editor.blocks()).toHaveLength(4);

  await alice.editor.expectSaved();
  await bob.editor.expectSaved();
  expect((await fetchServerDoc(quire.url, docId)).blocks).toEqual(await alice.editor.blocks());
});
