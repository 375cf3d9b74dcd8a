// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createTestEditor } from '../testing/test-editor.js';
import { QuireToolbarMenu } from './quire-toolbar-menu.js';
import { TOOLBAR_ITEMS, type ToolbarItem } from './toolbar-commands.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function menuOf(items: readonly ToolbarItem[], content: string) {
  const { editor, destroy } = createTestEditor(content);
  const menu = new QuireToolbarMenu();
  menu.items = items;
  menu.editor = editor;
  document.body.append(menu);
  cleanups.push(() => {
    menu.remove();
    destroy();
  });
  await menu.updateComplete;
  return { editor, menu };
}

const entries = (menu: QuireToolbarMenu) => [
  ...menu.renderRoot.querySelectorAll<HTMLButtonElement>('[role^=menuitem]'),
];
const focused = (menu: QuireToolbarMenu) => menu.shadowRoot?.activeElement?.getAttribute('data-testid');
const press = (menu: QuireToolbarMenu, key: string) =>
  menu.renderRoot
    .querySelector('[role=menu]')
    ?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));

describe('<quire-toolbar-menu>', () => {
  it('lists any items of the command table: toggles with their state, actions, the link dialog', async () => {
    const { menu } = await menuOf(TOOLBAR_ITEMS, '<p><strong>bold</strong></p>');
    expect(entries(menu).map((entry) => entry.dataset.testid)).toEqual(
      TOOLBAR_ITEMS.map((item) => `more-${item.name}`),
    );
    const bold = entries(menu).find((entry) => entry.dataset.testid === 'more-bold');
    expect([bold?.getAttribute('role'), bold?.getAttribute('aria-checked')]).toEqual(['menuitemcheckbox', 'true']);
    expect(bold?.textContent).toContain('Bold');
    const rule = entries(menu).find((entry) => entry.dataset.testid === 'more-horizontal-rule');
    expect([rule?.getAttribute('role'), rule?.hasAttribute('aria-checked')]).toEqual(['menuitem', false]);
    expect(
      entries(menu)
        .find((entry) => entry.dataset.testid === 'more-link')
        ?.getAttribute('aria-haspopup'),
    ).toBe('dialog');
    // Nothing to redo yet: listed, and marked unavailable.
    expect(
      entries(menu)
        .find((entry) => entry.dataset.testid === 'more-redo')
        ?.getAttribute('aria-disabled'),
    ).toBe('true');
  });

  it('moves with the arrow keys, Home and End, and reports the chosen item', async () => {
    const items = TOOLBAR_ITEMS.filter((item) => ['bold', 'italic', 'bullet-list'].includes(item.name));
    const { menu } = await menuOf(items, '<p>x</p>');
    const picked: string[] = [];
    menu.addEventListener('pick', (event) => picked.push((event as CustomEvent<ToolbarItem>).detail.name));
    await menu.focusItem('first');
    expect(focused(menu)).toBe('more-bold');
    press(menu, 'ArrowDown');
    expect(focused(menu)).toBe('more-italic');
    press(menu, 'End');
    expect(focused(menu)).toBe('more-bullet-list');
    press(menu, 'ArrowDown');
    expect(focused(menu)).toBe('more-bold');
    press(menu, 'ArrowUp');
    expect(focused(menu)).toBe('more-bullet-list');
    entries(menu)[1]?.click();
    expect(picked).toEqual(['italic']);
  });

  it('does not report an unavailable item', async () => {
    const { menu } = await menuOf(
      TOOLBAR_ITEMS.filter((item) => item.name === 'redo'),
      '<p>x</p>',
    );
    const picked: string[] = [];
    menu.addEventListener('pick', () => picked.push('redo'));
    entries(menu)[0]?.click();
    expect(picked).toEqual([]);
  });
});
