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

  // Tab order: from the title to the toolbar (one tab stop), then on into the text.
  await editor.title.focus();
  await page.keyboard.type('Keyboard only');
  expect(await editor.tabUntil((id) => id.startsWith('toolbar-'))).toMatch(/^toolbar-/);
  await editor.tabUntil((id) => id === 'editor-content');
  await page.keyboard.type('plain words then bold words');
  await page.keyboard.press('Enter');
  await page.keyboard.type('second item');
  await expect(editor.content.locator('p')).toHaveText(['plain words then bold words', 'second item']);

  // Select "bold words" with the keyboard only.
  await editor.pressUntil('ControlOrMeta+Home', (caret) => caret.collapsed && caret.atDocStart);
  await editor.pressUntil('End', (caret) => caret.collapsed && caret.atBlockEnd);
  await editor.selectLeft('bold words'.length);
  expect(await editor.selectedText()).toBe('bold words');

  await editor.focusToolbarButton('bold');
  await expect(editor.toolbar('bold')).toHaveAttribute('aria-label', 'Bold');
  await expect(editor.toolbar('bold')).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Enter');
  await expect(editor.content.locator('strong')).toHaveText('bold words');
  await expect(editor.toolbar('bold')).toHaveAttribute('aria-pressed', 'true');
  // The button hands focus back to the text, selection intact.
  await editor.expectFocusInText();
  expect(await editor.selectedText()).toBe('bold words');

  await editor.focusToolbarButton('italic');
  await page.keyboard.press('Space');
  await expect(editor.content.locator('em')).toHaveText('bold words');
  await expect(editor.toolbar('italic')).toHaveAttribute('aria-pressed', 'true');
  await editor.expectFocusInText();
  // Only the selection changed.
  await expect(editor.content.locator('strong')).toHaveText('bold words');
  await expect(editor.content.locator('p')).toHaveText(['plain words then bold words', 'second item']);

  // Both paragraphs become a bulleted list...
  await editor.pressUntil('ControlOrMeta+a', (caret) => caret.coversAll, 'all selected');
  expect(await editor.selectedText()).toContain('second item');
  await editor.focusToolbarButton('bullet-list');
  await page.keyboard.press('Enter');
  await expect(editor.content.locator('ul > li')).toHaveText(['plain words then bold words', 'second item']);
  await expect(editor.toolbar('bullet-list')).toHaveAttribute('aria-pressed', 'true');
  await editor.expectFocusInText();

  // ...then, with the caret anywhere in it, a numbered one.
  await editor.pressUntil('ControlOrMeta+Home', (caret) => caret.collapsed && caret.atDocStart);
  await editor.focusToolbarButton('ordered-list');
  await page.keyboard.press('Enter');
  await expect(editor.content.locator('ol > li')).toHaveText(['plain words then bold words', 'second item']);
  await expect(editor.content.locator('ul')).toHaveCount(0);
  await expect(editor.toolbar('ordered-list')).toHaveAttribute('aria-pressed', 'true');
  await editor.expectFocusInText();

  // Formatting is part of the shared document: Bob sees it, and the title.
  await expect.poll(() => bob.editor.texts('ol > li')).toEqual(['plain words then bold words', 'second item']);
  await expect(bob.editor.content.locator('strong em, em strong')).toHaveText('bold words');
  await expect(bob.editor.title).toHaveValue('Keyboard only');
});
