import { expect, test } from '../fixtures.js';
import { EmbedSite } from '../support/embed-site.js';

test('a readonly editor shows the document, accepts no typing and still shows remote edits live', async ({
  newUser,
  docId,
  quire,
}) => {
  const alice = await newUser('Alice');
  await alice.open(docId);
  await alice.editor.typeAtEnd('Written before the reader came.');
  await alice.editor.expectSaved();

  const site = await EmbedSite.start(quire.url, { doc: docId, 'user-name': 'Reader Rita', readonly: true });
  try {
    const rita = await newUser('Rita');
    await rita.page.goto(site.url);
    await rita.editor.waitUntilReady();
    await expect(rita.editor.content).toContainText('Written before the reader came.');
    await expect(rita.editor.content).toHaveAttribute('contenteditable', 'false');

    // Typing goes nowhere: not into the page, not to the server.
    await rita.editor.content.click();
    await rita.page.keyboard.type('reader typing');
    await rita.page.keyboard.press('Enter');
    await expect(rita.editor.content).not.toContainText('reader typing');

    await alice.editor.typeAtEnd(' And more, live.');
    await expect(rita.editor.content).toContainText('Written before the reader came. And more, live.');
    expect(await alice.editor.text()).not.toContain('reader typing');
    expect(await rita.editor.blocks()).toEqual(await alice.editor.blocks());
  } finally {
    await site.close();
  }
});
