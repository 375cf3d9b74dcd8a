import { expect, test } from '../fixtures.js';
import { HistoryPanel } from '../pages/history-panel.js';
import { HomePage } from '../pages/home-page.js';

test('a restore by one user appears live in another’s browser, and can be undone', async ({ newUser, docId }) => {
  const alice = await newUser('Alice');
  const bob = await newUser('Bob');
  await alice.open(docId);
  await bob.open(docId);

  await alice.editor.typeAtEnd('The first draft, sent to review.');
  await expect(bob.editor.content).toContainText('The first draft, sent to review.');
  await alice.editor.expectSaved();
  const history = new HistoryPanel(alice.page);
  await history.open();
  await history.saveVersion('Sent to review');

  // Bob rewrites while Alice looks at history.
  await bob.editor.content.click();
  await bob.page.keyboard.press('ControlOrMeta+A');
  await bob.page.keyboard.type('Bob rewrote everything.');
  await expect(alice.editor.content).toContainText('Bob rewrote everything.');

  // The version, read-only, with what differs from the current text highlighted.
  await history.select('Sent to review');
  await expect(history.preview).toContainText('The first draft, sent to review.');
  await expect(history.highlighted('added').first()).toBeVisible();
  await expect(history.preview.locator('[contenteditable=true]')).toHaveCount(0);

  await history.restoreButton.click();
  await expect(history.notice).toContainText('Restored');
  // Bob did nothing: the restore reaches his open editor live.
  await expect(bob.editor.content).toContainText('The first draft, sent to review.');
  await expect(bob.editor.content).not.toContainText('Bob rewrote everything.');
  await expect(alice.editor.content).toContainText('The first draft, sent to review.');

  // The text before the restore was kept; restoring it undoes the restore, again live for Bob.
  const backup = history.item('Before restoring “Sent to review”');
  await expect(backup).toBeVisible();
  await expect(backup).toContainText('Bob');
  await history.select('Before restoring “Sent to review”');
  await history.restoreButton.click();
  await expect(bob.editor.content).toContainText('Bob rewrote everything.');
  await expect(bob.editor.content).not.toContainText('The first draft');
});

test('the Export menu downloads the document as Markdown and HTML', async ({ newUser, docId }) => {
  const alice = await newUser('Alice');
  await alice.open(docId);
  await alice.editor.title.fill('Meeting notes');
  await alice.editor.toolbar('heading-2').click();
  await alice.page.keyboard.type('Agenda');
  await alice.page.keyboard.press('Enter');
  await alice.page.keyboard.type('Ship it.');
  await alice.editor.expectSaved();

  const history = new HistoryPanel(alice.page);
  await expect(async () => {
    const markdown = await history.download('markdown');
    expect(markdown.name).toBe('Meeting notes.md');
    expect(markdown.text).toBe('## Agenda\n\nShip it.\n');
  }).toPass({ timeout: 15_000 });
  const page = await history.download('html');
  expect(page.name).toBe('Meeting notes.html');
  expect(page.text).toContain('<title>Meeting notes</title>');
  expect(page.text).toContain('<h2>Agenda</h2><p>Ship it.</p>');
});

test('choosing a Markdown file on / creates a document holding it', async ({ newUser, quire }) => {
  const alice = await newUser('Alice');
  const home = new HomePage(alice.page);
  await home.open(quire.url);
  await alice.page.getByTestId('import-file').setInputFiles({
    name: 'Imported plan.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('# Plan\n\n- [x] import\n- [ ] share\n\nSee [docs](https://example.com).\n'),
  });
  await alice.page.waitForURL(/\/d\/[A-Za-z0-9_-]+$/);
  await alice.editor.waitUntilReady();
  await expect(alice.editor.title).toHaveValue('Imported plan');
  await expect(alice.editor.content.locator('h1')).toHaveText('Plan');
  await expect(alice.editor.content.locator('ul[data-type=taskList] li')).toHaveCount(2);
  await expect(alice.editor.content.locator('a[href="https://example.com"]')).toHaveText('docs');
  // Written once on the server: a second person opening it sees one copy.
  const bob = await newUser('Bob');
  await bob.page.goto(alice.page.url());
  await bob.editor.waitUntilReady();
  await expect(bob.editor.content.locator('h1')).toHaveCount(1);
});
