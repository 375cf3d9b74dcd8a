import { expect, test } from '../fixtures.js';
import { EditorPage } from '../pages/editor-page.js';
import { fetchServerDoc } from '../support/server-doc.js';

test('two tabs of one browser stay in sync, with the network cut too, and the server gets both', async ({
  newUser,
  docId,
  quire,
  tcpProxy,
}) => {
  const alice = await newUser('Alice');
  await alice.open(docId, tcpProxy.url);
  const second = new EditorPage(await alice.context.newPage());
  await second.open(tcpProxy.url, docId);

  await alice.editor.typeAtEnd('Typed in the first tab.');
  await expect(second.content).toContainText('Typed in the first tab.');
  // One person however many tabs: the presence list shows Alice once.
  await expect.poll(() => second.presenceNames()).toEqual(['Alice']);

  tcpProxy.cut();
  for (const tab of [alice.editor, second]) {
    await expect(tab.connection).not.toHaveAttribute('data-state', 'connected');
  }
  // With no server in between, the tabs still see each other's edits at once.
  await second.typeAtEnd('Typed in the second tab while offline.', { newParagraph: true });
  await expect(alice.editor.content).toContainText('Typed in the second tab while offline.');
  await alice.editor.typeAtEnd(' And the first tab answers.');
  await expect(second.content).toContainText('And the first tab answers.');
  const expected = ['Typed in the first tab.', 'Typed in the second tab while offline. And the first tab answers.'];
  expect(await alice.editor.blocks()).toEqual(expected);
  expect(await second.blocks()).toEqual(expected);

  tcpProxy.restore();
  await alice.editor.expectSaved(30_000);
  await second.expectSaved(30_000);
  await expect.poll(async () => (await fetchServerDoc(quire.url, docId)).blocks).toEqual(expected);
});
