import { expect, test } from '../fixtures.js';
import { type EditorPage, TOOLBAR_COMMANDS } from '../pages/editor-page.js';
import { EmbedSite } from '../support/embed-site.js';

const WIDTHS = [320, 390, 1280] as const;
const heightAt = (width: number) => (width < 640 ? 844 : 800);

/**
 * At each width: no horizontal scroll, the toolbar's row inside the window, and every command either
 * in the row or in the More menu, in the table's order. A failure names the state and the width (and
 * Playwright keeps the screenshot of that moment).
 */
async function expectEveryCommandReachable(editor: EditorPage, state: string): Promise<void> {
  const { page } = editor;
  await editor.expectConnection(state as 'connected');
  for (const width of WIDTHS) {
    const where = `${state} at ${width} px`;
    await page.setViewportSize({ width, height: heightAt(width) });
    // The row refits after the resize; wait for it to settle on everything being reachable.
    await expect
      .poll(
        async () => {
          const { inRow, inMenu } = await editor.toolbarReach();
          return [...inRow, ...inMenu];
        },
        { message: `every command in the row or in More, ${where}` },
      )
      .toEqual([...TOOLBAR_COMMANDS]);
    const layout = await page.evaluate(() => ({
      scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
      viewport: document.documentElement.clientWidth,
    }));
    expect(layout.scrollWidth, `no horizontal scroll, ${where}`).toBeLessThanOrEqual(layout.viewport);
    const bar = await editor.root.locator('[role=toolbar]').boundingBox();
    expect(bar && bar.x >= 0 && bar.x + bar.width <= width + 0.5, `the toolbar inside the window, ${where}`).toBe(true);
    await expect(editor.connection, `the status shown, ${where}`).toBeVisible();
  }
}

test('every toolbar command is reachable at 320, 390 and 1280 px, connected, reconnecting and offline', async ({
  newUser,
  docId,
  tcpProxy,
}) => {
  const alice = await newUser('Alice');
  await alice.open(docId, tcpProxy.url);
  const { editor, page } = alice;
  await editor.typeAtEnd('A first line.');
  // Enough text to scroll a phone's page.
  for (let line = 0; line < 30; line++) await page.keyboard.press('Enter');
  await page.keyboard.type('The last line.');
  await editor.expectSaved();

  await expectEveryCommandReachable(editor, 'connected');

  // A command that does not fit in a phone's row runs from the More menu, by pointer and by keyboard.
  await page.setViewportSize({ width: 320, height: 844 });
  await expect(editor.toolbar('bullet-list')).toBeHidden();
  await editor.runCommand('bullet-list');
  await expect(editor.content.locator('ul > li')).toHaveText('The last line.');
  await editor.expectFocusInText();
  await page.keyboard.press('Alt+F10');
  await page.keyboard.press('End');
  expect(await editor.focusedTestId()).toBe('toolbar-more');
  await page.keyboard.press('ArrowDown');
  await expect(editor.moreMenu).toBeVisible();
  expect(await editor.focusedTestId()).toMatch(/^more-/);
  await page.keyboard.press('End');
  expect(await editor.focusedTestId()).toBe('more-horizontal-rule');
  await page.keyboard.press('ArrowUp');
  expect(await editor.focusedTestId()).toBe('more-code-block');
  await page.keyboard.press('Escape');
  await expect(editor.moreMenu).toHaveCount(0);
  expect(await editor.focusedTestId()).toBe('toolbar-more');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await editor.expectFocusInText();

  // The sticky bars take little of a phone's height: scrolled down, only the editor's header stays.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, document.scrollingElement?.scrollHeight ?? 0));
  await expect
    .poll(() => editor.root.locator('.header').evaluate((header) => header.getBoundingClientRect().top))
    .toBe(0);
  const sticky = await editor.root.locator('.header').evaluate((header) => header.getBoundingClientRect().bottom);
  expect(sticky, 'pixels of 844 the sticky bars cover').toBeLessThanOrEqual(56);
  await page.evaluate(() => window.scrollTo(0, 0));

  tcpProxy.cut();
  await expectEveryCommandReachable(editor, 'reconnecting');

  await alice.context.setOffline(true);
  await expectEveryCommandReachable(editor, 'offline');
  await alice.context.setOffline(false);
  tcpProxy.restore();
  await editor.expectConnection('connected', 30_000);
});

test('a refused editor on an embedding page keeps every command in reach (unavailable) at every width', async ({
  newUser,
  docId,
  quire,
}) => {
  const site = await EmbedSite.start(quire.url, { doc: docId, 'user-name': 'Erin' });
  try {
    const erin = await newUser('Erin');
    await erin.page.goto(site.url);
    await erin.editor.waitUntilReady();
    const response = await fetch(`${quire.url}/api/docs/${docId}`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    await expectEveryCommandReachable(erin.editor, 'refused');
    await expect(erin.editor.toolbar('undo')).toHaveAttribute('aria-disabled', 'true');
    await expect(erin.page.getByTestId('editor-refused')).toBeVisible();
  } finally {
    await site.close();
  }
});
