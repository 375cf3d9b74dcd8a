import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { contentFragment } from '../../shared/doc-fields.js';
import { expect, test } from '../fixtures.js';

const QUIRE_REL = 'noopener noreferrer nofollow';

/**
 * Stores a paragraph whose link has `href`, as any Yjs client can (no editor refuses it on the way),
 * and waits until the server holds it.
 */
async function storeLink(port: number, docId: string, text: string, href: string): Promise<void> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/collab`, docId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  try {
    await expect.poll(() => provider.synced).toBe(true);
    const paragraph = new Y.XmlElement('paragraph');
    const linked = new Y.XmlText();
    linked.insert(0, text, { link: { href, target: '_self', rel: 'opener', class: 'evil', title: null } });
    paragraph.insert(0, [linked]);
    contentFragment(doc).insert(0, [paragraph]);
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${port}/api/docs/${docId}/export?format=text`)).text())
      .toContain(text);
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

test('the link editor refuses a script link with a message and keeps a web link', async ({ newUser, docId }) => {
  const alice = await newUser('Alice');
  await alice.open(docId);
  const { editor, page } = alice;
  await editor.typeAtEnd('click here');
  await editor.selectLeft('click here'.length);

  const input = editor.root.getByTestId('link-input');
  const problem = editor.root.getByTestId('link-problem');
  for (const unsafe of ['javascript:alert(document.domain)', ' JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>']) {
    await page.keyboard.press('ControlOrMeta+k');
    await expect(input).toBeFocused();
    await input.fill(unsafe);
    await page.keyboard.press('Enter');
    await expect(problem).toContainText('Only web (http, https) and email (mailto) links');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    // Nothing was linked; the editor stays open for a correction.
    await expect(editor.content.locator('a')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(editor.root.getByTestId('link-editor')).toHaveCount(0);
    expect(await editor.selectedText()).toBe('click here');
  }

  await page.keyboard.press('ControlOrMeta+k');
  await input.fill('quire.example/docs');
  await expect(problem).toHaveCount(0);
  await page.keyboard.press('Enter');
  const link = editor.content.locator('a');
  await expect(link).toHaveAttribute('href', 'https://quire.example/docs');
  await expect(link).toHaveAttribute('rel', QUIRE_REL);
  await expect(link).toHaveAttribute('target', '_blank');
});

test('a stored script link is shown without its target: "Open link" is not offered and clicking runs nothing', async ({
  newUser,
  docId,
  quire,
}) => {
  await storeLink(quire.port, docId, 'stored link', 'javascript:window.__quirePwned=1');
  const alice = await newUser('Alice');
  const dialogs: string[] = [];
  alice.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const popups: string[] = [];
  alice.context.on('page', (page) => popups.push(page.url()));
  await alice.open(docId);
  const { editor, page } = alice;

  // The editor draws the link with no target and Quire's own rel, target and class.
  const link = editor.content.locator('a', { hasText: 'stored link' });
  await expect(link).toBeVisible();
  expect(await link.getAttribute('href')).toBe('');
  await expect(link).toHaveAttribute('rel', QUIRE_REL);
  await expect(link).toHaveAttribute('target', '_blank');
  expect(await link.getAttribute('class')).toBeNull();

  await link.click();
  await link.click({ modifiers: ['ControlOrMeta'] });
  await page.keyboard.press('ControlOrMeta+k');
  // The address is shown so it can be corrected or removed, with the reason it cannot be opened.
  await expect(editor.root.getByTestId('link-input')).toHaveValue('javascript:window.__quirePwned=1');
  await expect(editor.root.getByTestId('link-problem')).toBeVisible();
  await expect(editor.root.getByTestId('link-open')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript" i]')).toHaveCount(0);

  // Pasted HTML goes through the same policy: the text arrives, the script link does not.
  await page.keyboard.press('Escape');
  await editor.focusEnd();
  await editor.content.evaluate((element) => {
    const data = new DataTransfer();
    data.setData('text/html', '<a href="java&#x09;script:window.__quirePwned=2">pasted</a>');
    data.setData('text/plain', 'pasted');
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(editor.content).toContainText('pasted');
  await expect(editor.content.locator('a', { hasText: 'pasted' })).toHaveCount(0);

  expect(await page.evaluate(() => (window as unknown as { __quirePwned?: number }).__quirePwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(popups.filter((url) => url.startsWith('javascript'))).toEqual([]);
});
