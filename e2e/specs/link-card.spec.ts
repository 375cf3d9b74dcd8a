import { expect, test } from '../fixtures.js';

test('the link editor opens at the selection; a clicked link shows a card to open, edit or remove it', async ({
  newUser,
  docId,
}) => {
  const alice = await newUser('Alice');
  await alice.open(docId);
  const { editor, page } = alice;
  await editor.typeAtEnd('A first paragraph.');
  for (let line = 0; line < 12; line++) await page.keyboard.press('Enter');
  await page.keyboard.type('Read the guide here.');
  await editor.pressUntil('End', (caret) => caret.collapsed && caret.atBlockEnd);
  await page.keyboard.press('ArrowLeft');
  await editor.selectLeft('here'.length);

  // Mod+K: the editor opens under the selected word, not under the toolbar far above it.
  await page.keyboard.press('ControlOrMeta+k');
  const linkEditor = editor.root.getByTestId('link-editor');
  await expect(linkEditor).toBeVisible();
  const word = await editor.content.locator('p', { hasText: 'Read the guide' }).boundingBox();
  const box = await linkEditor.boundingBox();
  if (!word || !box) throw new Error('nothing to measure');
  expect(box.y, 'the link editor just under the line').toBeGreaterThanOrEqual(word.y + word.height - 2);
  expect(box.y).toBeLessThan(word.y + word.height + 40);
  expect(Math.abs(box.x - word.x - 100), 'lined up with the selection, not the page edge').toBeLessThan(120);
  await editor.root.getByTestId('link-input').fill('quire.example/guide');
  await page.keyboard.press('Enter');
  const link = editor.content.locator('a', { hasText: 'here' });
  await expect(link).toHaveAttribute('href', 'https://quire.example/guide');
  await editor.expectFocusInText();

  // A click on the link shows its card under it; the caret stays in the text.
  await link.click();
  const card = editor.root.getByTestId('link-card');
  await expect(card).toBeVisible();
  await expect(card.getByTestId('link-card-address')).toHaveText('https://quire.example/guide');
  const open = card.getByTestId('link-open');
  await expect(open).toHaveAttribute('href', 'https://quire.example/guide');
  await expect(open).toHaveAttribute('target', '_blank');
  await expect(open).toHaveAttribute('rel', /noopener/);
  const linkBox = await link.boundingBox();
  const cardBox = await card.boundingBox();
  if (!linkBox || !cardBox) throw new Error('nothing to measure');
  expect(cardBox.y).toBeGreaterThanOrEqual(linkBox.y + linkBox.height - 2);
  expect(cardBox.y).toBeLessThan(linkBox.y + linkBox.height + 40);
  await editor.expectFocusInText();

  // Scrolling keeps the card with its link.
  await page.mouse.wheel(0, 120);
  await expect
    .poll(async () => {
      const [l, c] = [await link.boundingBox(), await card.boundingBox()];
      return l && c ? Math.round(c.y - (l.y + l.height)) : null;
    })
    .toBe(Math.round(cardBox.y - (linkBox.y + linkBox.height)));

  // Edit: the link editor with the address, at the link.
  await card.getByTestId('link-edit').click();
  await expect(card).toHaveCount(0);
  const input = editor.root.getByTestId('link-input');
  await expect(input).toBeFocused();
  await expect(input).toHaveValue('https://quire.example/guide');
  await input.fill('quire.example/manual');
  await page.keyboard.press('Enter');
  await expect(link).toHaveAttribute('href', 'https://quire.example/manual');

  // Escape and a click elsewhere in the text close the card.
  await link.click();
  await expect(card).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(card).toHaveCount(0);
  await link.click();
  await expect(card).toBeVisible();
  await editor.content.locator('p', { hasText: 'A first paragraph' }).click();
  await expect(card).toHaveCount(0);

  // Remove: the text stays, unlinked.
  await link.click();
  await card.getByTestId('link-remove').click();
  await expect(editor.content.locator('a')).toHaveCount(0);
  await expect(editor.content).toContainText('Read the guide here.');
  await expect(card).toHaveCount(0);
});
