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

test('a view-only link (/r/<viewId>) shows the document live and takes no typing', async ({
  newUser,
  docId,
  quire,
}) => {
  const alice = await newUser('Alice');
  await alice.open(docId);
  await alice.editor.typeAtEnd('Shared for reading.');
  await alice.editor.expectSaved();
  const meta = (await (await fetch(`${quire.url}/api/docs/${docId}`)).json()) as { viewId?: string };
  expect(meta.viewId, 'the server offers a view id to an editor').toMatch(/^[A-Za-z0-9_-]{22,}$/);

  const viewer = await newUser('Viewer');
  await viewer.page.goto(`${quire.url}/r/${meta.viewId}`);
  await viewer.editor.waitUntilReady();
  await expect(viewer.editor.root.getByTestId('readonly-badge')).toBeVisible();
  await expect(viewer.editor.content).toContainText('Shared for reading.');
  await expect(viewer.editor.content).toHaveAttribute('contenteditable', 'false');
  await expect(viewer.editor.title).toHaveAttribute('readonly', '');
  expect(viewer.page.url()).not.toContain(docId);

  await viewer.editor.content.click();
  await viewer.page.keyboard.type('viewer typing');
  await alice.editor.typeAtEnd(' Updated live.');
  await expect(viewer.editor.content).toContainText('Shared for reading. Updated live.');
  expect(await viewer.editor.text()).not.toContain('viewer typing');
  expect(await alice.editor.text()).not.toContain('viewer typing');
});
