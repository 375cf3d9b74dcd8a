import type { Editor } from '@tiptap/core';
import { html, LitElement, nothing } from 'lit';
import { EditorWatchController } from '../controllers/editor-watch-controller.js';
import { formatKeys, isMacPlatform } from '../editor/toolbar-state.js';
import { defineElement } from './define-element.js';
import { quireToolbarMenuStyles } from './quire-toolbar-menu-styles.js';
import { moveMenuFocus } from './roving-focus.js';
import { ariaKeys, isItemActive, isItemEnabled, type ToolbarItem } from './toolbar-commands.js';

/**
 * `<quire-toolbar-menu>`: the toolbar's More menu, listing the commands its row has no room for, from the
 * same table as the buttons: any item, a command or a dialog it opens. Up and down arrows, Home and End
 * move between items (WAI-ARIA menu pattern); a toggle says whether it is on. Fires `pick` (detail: the
 * item) when an available one is chosen, and `close` when Tab leaves it; the toolbar acts on both.
 */
export class QuireToolbarMenu extends LitElement {
  static override properties = {
    items: { attribute: false },
    editor: { attribute: false },
  };

  declare items: readonly ToolbarItem[];
  declare editor: Editor | null;

  constructor() {
    super();
    this.items = [];
    this.editor = null;
    // On and off states follow the selection while the menu is open.
    new EditorWatchController(this, { editor: () => this.editor, events: ['transaction', 'selectionUpdate'] });
  }

  /** Moves the focus to the first or the last item. */
  async focusItem(which: 'first' | 'last'): Promise<void> {
    await this.updateComplete;
    const items = this.menuItems;
    items[which === 'first' ? 0 : items.length - 1]?.focus();
  }

  private get menuItems(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[role^=menuitem]')];
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Tab') {
      this.dispatchEvent(new Event('close'));
      return;
    }
    moveMenuFocus(event, this.menuItems, this.shadowRoot);
  }

  private pick(item: ToolbarItem): void {
    if (isItemEnabled(item, this.editor)) this.dispatchEvent(new CustomEvent('pick', { detail: item }));
  }

  private renderItem(item: ToolbarItem, mac: boolean) {
    const toggle = item.isActive !== undefined;
    const enabled = isItemEnabled(item, this.editor);
    const shortcut = item.keys ? formatKeys(item.keys, mac) : '';
    return html`<button
      type="button"
      role=${toggle ? 'menuitemcheckbox' : 'menuitem'}
      tabindex="-1"
      data-testid=${`more-${item.name}`}
      aria-checked=${toggle ? String(isItemActive(item, this.editor)) : nothing}
      aria-disabled=${enabled ? nothing : 'true'}
      aria-keyshortcuts=${item.keys ? ariaKeys(item.keys, mac) : nothing}
      aria-haspopup=${'opens' in item ? 'dialog' : nothing}
      @mousedown=${(event: MouseEvent) => event.preventDefault()}
      @click=${() => this.pick(item)}
    >
      <span class="icon">${item.icon}</span><span class="label">${item.label}</span>${
        shortcut ? html`<span class="keys" aria-hidden="true">${shortcut}</span>` : nothing
      }
    </button>`;
  }

  protected override render() {
    const mac = isMacPlatform();
    return html`<div
      class="menu"
      role="menu"
      aria-label="More formatting"
      data-testid="toolbar-more-menu"
      @keydown=${this.onKeydown}
    >
      ${this.items.map((item) => this.renderItem(item, mac))}
    </div>`;
  }

  static override styles = quireToolbarMenuStyles;
}

defineElement('quire-toolbar-menu', QuireToolbarMenu);

declare global {
  interface HTMLElementTagNameMap {
    'quire-toolbar-menu': QuireToolbarMenu;
  }
}
