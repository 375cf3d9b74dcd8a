// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { QuireExportMenu } from './quire-export-menu.js';

const menus: QuireExportMenu[] = [];
afterEach(() => {
  for (const menu of menus.splice(0)) menu.remove();
});

async function openMenu(): Promise<QuireExportMenu> {
  const menu = new QuireExportMenu();
  menu.docId = 'abc';
  menu.server = 'https://quire.example';
  document.body.append(menu);
  menus.push(menu);
  await menu.updateComplete;
  menu.renderRoot.querySelector<HTMLButtonElement>('[data-testid=export-menu]')?.click();
  await menu.updateComplete;
  return menu;
}

const isOpen = (menu: QuireExportMenu) => menu.renderRoot.querySelector('[role=menu]') !== null;
const press = (target: EventTarget) =>
  target.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));

describe('<quire-export-menu>', () => {
  it('links each format to the export of its document', async () => {
    const menu = await openMenu();
    const links = [...menu.renderRoot.querySelectorAll<HTMLAnchorElement>('[role=menuitem]')].map((a) => a.href);
    expect(links).toEqual([
      'https://quire.example/api/docs/abc/export?format=markdown',
      'https://quire.example/api/docs/abc/export?format=html',
    ]);
  });

  it('stays open for a press inside, closes on a press elsewhere', async () => {
    const menu = await openMenu();
    press(menu.renderRoot.querySelector('[role=menu]') as Element);
    await menu.updateComplete;
    expect(isOpen(menu)).toBe(true);
    press(document.body);
    await menu.updateComplete;
    expect(isOpen(menu)).toBe(false);
  });

  it('closes on Escape and gives the focus back to its button', async () => {
    const menu = await openMenu();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await menu.updateComplete;
    expect(isOpen(menu)).toBe(false);
    expect(menu.shadowRoot?.activeElement?.getAttribute('data-testid')).toBe('export-menu');
  });

  it('stops listening once off the page', async () => {
    const menu = await openMenu();
    menu.remove();
    press(document.body);
    await menu.updateComplete;
    expect(isOpen(menu)).toBe(true);
  });

  it('moves between the formats with the arrow keys, Home and End, and opens from its button with them', async () => {
    const menu = await openMenu();
    const focused = () => menu.shadowRoot?.activeElement?.getAttribute('data-testid');
    const key = (key: string) =>
      (menu.shadowRoot?.activeElement ?? menu.renderRoot.querySelector('[role=menu]'))?.dispatchEvent(
        new KeyboardEvent('keydown', { key, bubbles: true, composed: true }),
      );
    expect(focused()).toBe('export-markdown');
    key('ArrowDown');
    expect(focused()).toBe('export-html');
    key('ArrowDown');
    expect(focused()).toBe('export-markdown');
    key('End');
    expect(focused()).toBe('export-html');
    key('Home');
    expect(focused()).toBe('export-markdown');
    key('ArrowUp');
    expect(focused()).toBe('export-html');

    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await menu.updateComplete;
    expect(focused()).toBe('export-menu');
    key('ArrowUp');
    await menu.updateComplete;
    await menu.updateComplete;
    expect(isOpen(menu)).toBe(true);
    expect(focused()).toBe('export-html');
  });
});
