import { expect, test } from '../fixtures.js';
import { EmbedSite } from '../support/embed-site.js';

test('a page on another origin embeds <quire-editor> with one script tag and syncs with the app', async ({
  newUser,
  docId,
  quire,
}) => {
  const site = await EmbedSite.start(quire.url, { doc: docId, 'user-name': 'Embedded Erin' });
  try {
    const alice = await newUser('Alice');
    await alice.open(docId);

    const erin = await newUser('Erin');
    const failures: string[] = [];
    erin.page.on('requestfailed', (request) => failures.push(`${request.url()}: ${request.failure()?.errorText}`));
    await erin.page.goto(site.url);
    expect(new URL(erin.page.url()).origin).not.toBe(new URL(quire.url).origin);
    await erin.editor.waitUntilReady();
    expect(failures, 'every request of the embed succeeded (CORS included)').toEqual([]);

    await erin.editor.typeAtEnd('Typed on a third-party page.');
    await expect(alice.editor.content).toContainText('Typed on a third-party page.');
    await alice.editor.typeAtEnd(' Answered from the app.');
    await expect(erin.editor.content).toContainText('Typed on a third-party page. Answered from the app.');
    await expect(alice.editor.presenceItem('Embedded Erin')).toBeVisible();
    await expect(erin.editor.presenceItem('Alice')).toBeVisible();
    await erin.editor.expectSaved();
  } finally {
    await site.close();
  }
});
