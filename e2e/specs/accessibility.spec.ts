import { expect, test } from '../fixtures.js';
import type { EditorPage } from '../pages/editor-page.js';
import { HistoryPanel } from '../pages/history-panel.js';
import { HomePage } from '../pages/home-page.js';
import { seriousAxeViolations } from '../support/axe.js';

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

/** Whether the focused element (through shadow roots) shows its focus ring (`:focus-visible`). */
const focusRingShown = (editor: EditorPage) =>
  editor.page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.matches(':focus-visible') ?? false;
  });

/** A document with every kind of text the editor has, so axe sees each one's colours. */
async function writeSampleDocument(editor: EditorPage): Promise<void> {
  const { page } = editor;
  await editor.typeAtEnd('A heading');
  await page.keyboard.press('ControlOrMeta+Alt+2');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Plain text, then `inline code` and a quote:');
  await page.keyboard.press('Enter');
  await page.keyboard.type('> Quoted words.');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- a list item');
  await expect(editor.content.locator('blockquote')).toBeVisible();
  await expect(editor.content.locator('code')).toHaveText('inline code');
  await editor.expectSaved();
}

test('axe finds no serious problem on home, a document, History, Share, Export and the link editor at 1280 and 390 px', async ({
  newUser,
  docId,
  quire,
}) => {
  const alice = await newUser('Alice');
  const { editor, page } = alice;
  await alice.open(docId);
  await writeSampleDocument(editor);
  const history = new HistoryPanel(page);
  const home = new HomePage(page);

  for (const viewport of VIEWPORTS) {
    const at = (what: string) => `axe: ${what} at ${viewport.width} px`;
    await page.setViewportSize(viewport);

    await home.open(quire.url);
    await expect(home.recentDocs.getByTestId('recent-doc')).toHaveCount(1);
    expect(await seriousAxeViolations(page), at('the home page')).toEqual([]);

    await editor.open(quire.url, docId);
    expect(await seriousAxeViolations(page), at('the document')).toEqual([]);

    // The toolbar's More menu (a phone's row has no room for every command).
    if (viewport.width < 640) {
      await editor.moreButton.click();
      await expect(editor.moreMenu).toBeVisible();
      expect(await seriousAxeViolations(page), at('the More menu')).toEqual([]);
      await page.keyboard.press('Escape');
    }

    // The link editor, at a selection.
    await editor.content.locator('p').first().click();
    await page.keyboard.press('End');
    await editor.selectLeft(4);
    await page.keyboard.press('ControlOrMeta+k');
    await expect(editor.root.getByTestId('link-editor')).toBeVisible();
    expect(await seriousAxeViolations(page), at('the link editor')).toEqual([]);
    await page.keyboard.press('Escape');
    await editor.expectFocusInText();

    // The Export menu, by keyboard: Enter opens it on its first format, the arrows move.
    await history.exportMenu.focus();
    await page.keyboard.press('Enter');
    expect(await editor.focusedTestId()).toBe('export-markdown');
    await page.keyboard.press('ArrowDown');
    expect(await editor.focusedTestId()).toBe('export-html');
    expect(await seriousAxeViolations(page), at('the Export menu')).toEqual([]);
    await page.keyboard.press('Escape');
    expect(await editor.focusedTestId()).toBe('export-menu');

    // Share: open, checked, closed with Escape; the focus is back on its button, visibly.
    await editor.shareButton.click();
    await expect(page.getByTestId('share-panel')).toBeVisible();
    expect(await seriousAxeViolations(page), at('Share')).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('share-panel')).toHaveCount(0);
    expect(await editor.focusedTestId()).toBe('share-button');
    expect(await focusRingShown(editor), 'focus ring on Share after Escape').toBe(true);

    // History with a version shown beside (or above) the text.
    await history.open();
    await history.saveVersion(`Checked at ${viewport.width}`);
    await history.select(`Checked at ${viewport.width}`);
    expect(await seriousAxeViolations(page), at('History')).toEqual([]);
    await history.button.click();
    await expect(history.panel).toHaveCount(0);
  }

  // Alt+F10 from the text moves to the toolbar and shows where the focus is.
  await editor.content.click();
  await page.keyboard.press('Alt+F10');
  expect(await editor.focusedTestId()).toMatch(/^toolbar-/);
  expect(await focusRingShown(editor), 'focus ring on the toolbar after Alt+F10').toBe(true);
  await page.keyboard.press('Escape');
  await editor.expectFocusInText();
});

test('dark mode follows the system: the theme’s dark colours, live, and axe finds no contrast problem', async ({
  newUser,
  docId,
  quire,
}) => {
  const alice = await newUser('Alice');
  const { editor, page } = alice;
  await page.emulateMedia({ colorScheme: 'dark' });
  await alice.open(docId);
  await writeSampleDocument(editor);

  const colours = () =>
    page.evaluate(() => {
      const doc = document.querySelector('quire-doc-page');
      const quire = doc?.shadowRoot?.querySelector('quire-editor');
      const frame = quire?.shadowRoot?.querySelector('.frame');
      const text = quire?.shadowRoot?.querySelector('[data-testid=editor-content] p');
      if (!doc || !frame || !text) throw new Error('the document page is not rendered');
      return {
        page: getComputedStyle(doc).backgroundColor,
        editor: getComputedStyle(frame).backgroundColor,
        text: getComputedStyle(text).color,
      };
    });
  // theme.ts: DARK_DEFAULTS pageBackground #0b1120, background #111a2e, textColor #e2e8f0.
  expect(await colours()).toEqual({ page: 'rgb(11, 17, 32)', editor: 'rgb(17, 26, 46)', text: 'rgb(226, 232, 240)' });
  expect(await seriousAxeViolations(page), 'axe: the document, dark').toEqual([]);

  const history = new HistoryPanel(page);
  await history.open();
  await history.saveVersion('In the dark');
  await history.select('In the dark');
  expect(await seriousAxeViolations(page), 'axe: History, dark').toEqual([]);

  // The system switches to light: the page follows at once, no reload.
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await colours()).toEqual({
    page: 'rgb(246, 247, 249)',
    editor: 'rgb(255, 255, 255)',
    text: 'rgb(15, 23, 42)',
  });

  await page.emulateMedia({ colorScheme: 'dark' });
  await new HomePage(page).open(quire.url);
  expect(await seriousAxeViolations(page), 'axe: the home page, dark').toEqual([]);
});
