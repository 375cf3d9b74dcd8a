import { expect, test } from '../fixtures.js';
import { EditorPage } from '../pages/editor-page.js';
import { HomePage } from '../pages/home-page.js';

test('"New document" opens /d/<id> and the share link opens the same document elsewhere', async ({
  newUser,
  quire,
}) => {
  const alice = await newUser('Alice');
  await alice.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: quire.url });
  const home = new HomePage(alice.page);
  await home.open(quire.url);
  const docId = await home.createDocument();
  await alice.editor.waitUntilReady();
  await alice.editor.setUserName('Alice');

  const meta = await fetch(`${quire.url}/api/docs/${docId}`);
  expect(meta.status, 'the new document exists on the server').toBe(200);

  await alice.editor.typeAtEnd('Written in a brand new document.');
  await alice.editor.shareButton.click();
  let link = '';
  await expect
    .poll(
      async () => {
        link = await alice.page.evaluate(() => navigator.clipboard.readText());
        return link;
      },
      { message: 'the share link on the clipboard' },
    )
    .toMatch(/\/d\//);
  expect(new URL(link).pathname).toBe(`/d/${docId}`);

  const bob = await newUser('Bob');
  await bob.page.goto(link);
  await bob.editor.waitUntilReady();
  await expect(bob.editor.content).toContainText('Written in a brand new document.');
  await bob.editor.typeAtEnd(' Bob was here.');
  await expect(alice.editor.content).toContainText('Written in a brand new document. Bob was here.');

  // Back on the start page, the document is among the recent ones.
  await home.open(quire.url);
  await expect(home.recentDocs.locator(`a[href$="/d/${docId}"]`)).toHaveCount(1);
  await home.recentDocs.locator(`a[href$="/d/${docId}"]`).click();
  await new EditorPage(alice.page).waitUntilReady();
  await expect(alice.editor.content).toContainText('Bob was here.');
});
