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

test('the host page’s CSS cannot reach the editor’s text, and the embed follows dark mode through the theme', async ({
  newUser,
  docId,
  quire,
}) => {
  // A page that styles everything, the editor element included, as forcefully as CSS allows, and
  // themes Quire through one of its properties.
  const hostile = `* { color: rgb(255, 0, 0) !important; font-family: "Courier New", monospace !important;
    letter-spacing: 4px !important; text-transform: uppercase !important; font-style: italic !important; }
    body { --quire-accent-color: #0a7d4f; }`;
  const site = await EmbedSite.start(quire.url, { doc: docId, 'user-name': 'Erin' }, { css: hostile });
  try {
    const erin = await newUser('Erin');
    const { editor, page } = erin;
    await page.goto(site.url);
    await editor.waitUntilReady();
    await editor.typeAtEnd('Typed under hostile CSS.');
    await editor.selectLeft('CSS.'.length);
    await page.keyboard.press('ControlOrMeta+b');
    await expect(editor.content.locator('strong')).toHaveText('CSS.');

    const looks = () =>
      page.evaluate(() => {
        const quire = document.querySelector('quire-editor');
        const root = quire?.shadowRoot;
        const text = root?.querySelector('[data-testid=editor-content] p');
        const toolbar = root?.querySelector('quire-toolbar')?.shadowRoot;
        const bold = toolbar?.querySelector('[data-testid=toolbar-bold]');
        const italic = toolbar?.querySelector('[data-testid=toolbar-italic]');
        const frame = root?.querySelector('.frame');
        const heading = document.querySelector('h1');
        if (!text || !bold || !italic || !frame || !heading) throw new Error('the embedding page is not rendered');
        const style = getComputedStyle(text);
        return {
          page: getComputedStyle(heading).color,
          text: style.color,
          font: style.fontFamily.includes('Courier'),
          letterSpacing: style.letterSpacing,
          textTransform: style.textTransform,
          fontStyle: style.fontStyle,
          button: getComputedStyle(italic).color,
          activeButton: getComputedStyle(bold).color,
          background: getComputedStyle(frame).backgroundColor,
        };
      });
    // The page's rule holds on the page; inside the editor, the theme's values (theme.ts), and the
    // page's --quire-accent-color on the active Bold button (polled: the buttons fade between colours).
    await expect.poll(looks).toEqual({
      page: 'rgb(255, 0, 0)',
      text: 'rgb(15, 23, 42)',
      font: false,
      letterSpacing: 'normal',
      textTransform: 'none',
      fontStyle: 'normal',
      button: 'rgb(51, 65, 85)',
      activeButton: 'rgb(10, 125, 79)',
      background: 'rgb(255, 255, 255)',
    });

    // Dark mode: the theme's dark values, and the page's own property still wins.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(looks).toMatchObject({
      text: 'rgb(226, 232, 240)',
      button: 'rgb(203, 213, 225)',
      activeButton: 'rgb(10, 125, 79)',
      background: 'rgb(17, 26, 46)',
    });

    // A page that wants the editor light whatever the system says sets color-scheme on it.
    await page.locator('quire-editor').evaluate((element) => {
      (element as HTMLElement).style.colorScheme = 'light';
    });
    await expect.poll(looks).toMatchObject({ text: 'rgb(15, 23, 42)', background: 'rgb(255, 255, 255)' });
  } finally {
    await site.close();
  }
});
