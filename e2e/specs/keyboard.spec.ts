import { expect, test } from '../fixtures.js';

test('the toolbar is reachable without a mouse and bold, italic and lists apply to the selection', async ({
  newUser,
  docId,
}) => {
  const alice = await newUser('Alice');
  const bob = await newUser('Bob');
  await alice.open(docId);
  await bob.open(docId);
  const { editor, page } = alice;

  await editor.typeAtEnd('plain words then bold words');
  // Select "bold words" with the keyboard only.
  await page.keyboard.press('End');
  for (let i = 0; i < 'bold words'.length; i++) await page.keyboard.press('Shift+ArrowLeft');

  await editor.focusToolbarButton('bold');
  await expect(editor.toolbar('bold')).toHaveAttribute('aria-label', /bold/i);
  await page.keyboard.press('Enter');
  await expect(editor.content.locator('strong')).toHaveText('bold words');
  await expect(editor.toolbar('bold')).toHaveAttribute('aria-pressed', 'true');

  await editor.focusToolbarButton('italic');
  await page.keyboard.press('Space');
  await expect(editor.content.locator('em')).toHaveText('bold words');
  await expect(editor.content.locator('strong')).toHaveText('bold words');
  await expect(editor.toolbar('italic')).toHaveAttribute('aria-pressed', 'true');
  // Only the selection changed.
  await expect(editor.content.locator('p').first()).toHaveText('plain words then bold words');
  await expect(editor.content.locator('strong', { hasText: 'plain' })).toHaveCount(0);

  // A second paragraph, then both paragraphs become a bulleted list, then a numbered one.
  await editor.content.focus();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('second item');
  await page.keyboard.press('ControlOrMeta+a');
  await editor.focusToolbarButton('bullet-list');
  await page.keyboard.press('Enter');
  await expect(editor.content.locator('ul > li')).toHaveCount(2);
  await expect(editor.toolbar('bullet-list')).toHaveAttribute('aria-pressed', 'true');

  await editor.focusToolbarButton('ordered-list');
  await page.keyboard.press('Enter');
  await expect(editor.content.locator('ol > li')).toHaveCount(2);
  await expect(editor.content.locator('ul')).toHaveCount(0);

  // Formatting is part of the shared document: Bob sees it.
  await expect(bob.editor.content.locator('ol > li')).toHaveCount(2);
  await expect(bob.editor.content.locator('strong em, em strong')).toHaveText('bold words');

  // Back to the text with the keyboard and keep typing inside the list.
  await editor.content.focus();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' and more');
  await expect(editor.content.locator('ol > li').nth(1)).toHaveText('second item and more');
});
