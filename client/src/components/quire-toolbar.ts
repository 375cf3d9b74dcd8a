import type { Editor } from '@tiptap/core';
import { html, LitElement, nothing } from 'lit';
import { AnchorController } from '../controllers/anchor-controller.js';
import { DismissController } from '../controllers/dismiss-controller.js';
import { EditorWatchController } from '../controllers/editor-watch-controller.js';
import { LinkPopupsController } from '../controllers/link-popups-controller.js';
import { ToolbarOverflowController } from '../controllers/toolbar-overflow-controller.js';
import { applyLink, currentLinkHref, removeLink } from '../editor/link-commands.js';
import { formatKeys, isMacPlatform } from '../editor/toolbar-state.js';
import { defineElement } from './define-element.js';
import { focusWithRing } from './focus-ring.js';
import { ICONS } from './icons.js';
import './quire-link-card.js';
import './quire-link-editor.js';
import type { QuireToolbarMenu } from './quire-toolbar-menu.js';
import './quire-toolbar-menu.js';
import { quireToolbarStyles } from './quire-toolbar-styles.js';
import { rovingTarget } from './roving-focus.js';
import {
  ariaKeys,
  isItemActive,
  isItemEnabled,
  TOOLBAR_GROUPS,
  TOOLBAR_ITEMS,
  type ToolbarItem,
} from './toolbar-commands.js';

/**
 * `<quire-toolbar>`: the formatting toolbar of a Tiptap editor. One tab stop (WAI-ARIA toolbar pattern:
 * arrow keys, Home and End move between buttons), `aria-pressed` on toggles, shortcuts in tooltips,
 * and a small link editor (also on Mod+K). The buttons are the data in `toolbar-commands.ts`; those the
 * row has no room for are in its More menu, so every command is reachable at any width.
 */
export class QuireToolbar extends LitElement {
  static override properties = {
    editor: { attribute: false },
    _focusIndex: { state: true },
    _menuOpen: { state: true },
  };

  declare editor: Editor | null;
  /** Which of the row's buttons (the shown items, then More) holds the tab stop. */
  declare _focusIndex: number;
  declare _menuOpen: boolean;
  private readonly overflow = new ToolbarOverflowController(this, {
    bar: () => this.renderRoot.querySelector<HTMLElement>('.bar'),
    count: TOOLBAR_ITEMS.length,
  });
  private readonly links = new LinkPopupsController(this, {
    editor: () => this.editor,
    linkEditor: () => this.renderRoot.querySelector('quire-link-editor'),
    linkCard: () => this.renderRoot.querySelector('quire-link-card'),
  });

  constructor() {
    super();
    this.editor = null;
    this._focusIndex = 0;
    this._menuOpen = false;
    // Active marks change with every transaction: re-render, once per frame at most.
    new EditorWatchController(this, {
      editor: () => this.editor,
      events: ['transaction', 'selectionUpdate'],
      onKeydown: (event) => {
        if ((event.metaKey || event.ctrlKey) && !event.altKey && event.key.toLowerCase() === 'k') {
          event.preventDefault();
          this.openLinkEditor();
        }
      },
      onClick: (event) => this.links.onTextClick(event),
    });
    new AnchorController(this, {
      popup: () => (this._menuOpen ? this.menu : null),
      anchor: () => this.moreButton?.getBoundingClientRect() ?? null,
      align: 'end',
    });
    new DismissController(this, {
      isOpen: () => this._menuOpen,
      close: (how) => this.closeMenu(how === 'escape'),
    });
  }

  /** Moves the keyboard focus to the toolbar's tab stop, with its focus ring (Alt+F10 from the text). */
  focusToolbar(): void {
    focusWithRing(this.rowButtons[this.rovingIndex]);
  }

  /** Opens the link editor at the selection (Mod+K), or moves the focus back into it. */
  openLinkEditor(): void {
    this.links.openEditor();
  }

  private get menu(): QuireToolbarMenu | null {
    return this.renderRoot.querySelector('quire-toolbar-menu');
  }

  private get moreButton(): HTMLButtonElement | null {
    return this.renderRoot.querySelector('[data-testid=toolbar-more]');
  }

  /** The row's buttons in order: the shown items, then More when some are hidden. */
  private get rowButtons(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.bar > button')];
  }

  private get rowCount(): number {
    return this.overflow.shown + (this.overflow.overflowing ? 1 : 0);
  }

  private get rovingIndex(): number {
    return Math.min(this._focusIndex, this.rowCount - 1);
  }

  private async openMenu(focus: 'first' | 'last'): Promise<void> {
    this._menuOpen = true;
    await this.updateComplete;
    await this.menu?.focusItem(focus);
  }

  private closeMenu(focusMore: boolean): void {
    if (!this._menuOpen) return;
    this._menuOpen = false;
    if (focusMore) focusWithRing(this.moreButton);
  }

  private activate(item: ToolbarItem): void {
    const editor = this.editor;
    if (!editor || !isItemEnabled(item, editor)) return;
    if ('run' in item) item.run(editor);
    else if (this.links.editing) this.links.closeEditor();
    else this.links.openEditor();
  }

  private onMenuPick(event: CustomEvent<ToolbarItem>): void {
    this._menuOpen = false;
    this.activate(event.detail);
  }

  private onToolbarKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && !this._menuOpen && !this.links.editing) {
      // Back to the text, where Alt+F10 came from.
      this.editor?.commands.focus();
      return;
    }
    const target = rovingTarget(event.key, this.rovingIndex, this.rowCount, 'horizontal');
    if (target === null) return;
    event.preventDefault();
    this._focusIndex = target;
    void this.updateComplete.then(() => this.rowButtons[target]?.focus());
  }

  private onMoreKeydown(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    void this.openMenu(event.key === 'ArrowDown' ? 'first' : 'last');
  }

  private onLinkApply(event: CustomEvent<string>): void {
    if (this.editor) applyLink(this.editor, event.detail);
    this.links.closeEditor();
  }

  private onLinkRemove(): void {
    if (this.editor) removeLink(this.editor);
    this.links.closeEditor();
    this.links.closeCard();
  }

  private renderItem(item: ToolbarItem, index: number, mac: boolean) {
    const active = isItemActive(item, this.editor);
    const enabled = isItemEnabled(item, this.editor);
    const shortcut = item.keys ? formatKeys(item.keys, mac) : '';
    const opensLink = 'opens' in item;
    return html`<button
      type="button"
      class=${active ? 'active' : ''}
      data-testid=${`toolbar-${item.name}`}
      data-index=${index}
      aria-label=${item.label}
      aria-pressed=${item.isActive ? String(active) : nothing}
      aria-keyshortcuts=${item.keys ? ariaKeys(item.keys, mac) : nothing}
      aria-haspopup=${opensLink ? 'dialog' : nothing}
      aria-expanded=${opensLink ? String(this.links.editing) : nothing}
      title=${shortcut ? `${item.label} (${shortcut})` : item.label}
      tabindex=${index === this.rovingIndex ? 0 : -1}
      aria-disabled=${enabled ? nothing : 'true'}
      @mousedown=${(event: MouseEvent) => event.preventDefault()}
      @click=${() => {
        this._focusIndex = index;
        this.activate(item);
      }}
    >
      ${item.icon}
    </button>`;
  }

  private renderMore() {
    const index = this.overflow.shown;
    return html`<button
      type="button"
      data-testid="toolbar-more"
      aria-label="More formatting"
      title="More formatting"
      aria-haspopup="menu"
      aria-expanded=${String(this._menuOpen)}
      tabindex=${index === this.rovingIndex ? 0 : -1}
      @mousedown=${(event: MouseEvent) => event.preventDefault()}
      @keydown=${this.onMoreKeydown}
      @click=${(event: MouseEvent) => {
        this._focusIndex = index;
        // A click from the keyboard (Enter, Space) has no pointer position and moves focus into the menu.
        if (this._menuOpen) this.closeMenu(event.detail === 0);
        else void this.openMenu('first');
      }}
    >
      ${ICONS.more}
    </button>`;
  }

  /** The groups' shown items, a divider before each group after the first. */
  private renderRow(mac: boolean) {
    const shown = this.overflow.shown;
    let start = 0;
    return TOOLBAR_GROUPS.map((group) => {
      const first = start;
      start += group.length;
      if (first >= shown) return nothing;
      return html`${first > 0 ? html`<span class="divider" role="separator" aria-orientation="vertical"></span>` : nothing}
      ${group.slice(0, shown - first).map((item, offset) => this.renderItem(item, first + offset, mac))}`;
    });
  }

  protected override render() {
    const mac = isMacPlatform();
    const hidden = TOOLBAR_ITEMS.slice(this.overflow.shown);
    return html`
      <div class="bar" role="toolbar" aria-label="Formatting" @keydown=${this.onToolbarKeydown}>
        ${this.renderRow(mac)} ${hidden.length > 0 ? this.renderMore() : nothing}
      </div>
      ${
        this._menuOpen && hidden.length > 0
          ? html`<quire-toolbar-menu
              popover="manual"
              .items=${hidden}
              .editor=${this.editor}
              @pick=${this.onMenuPick}
              @close=${() => this.closeMenu(false)}
            ></quire-toolbar-menu>`
          : nothing
      }
      ${
        this.links.editing
          ? html`<quire-link-editor
              popover="manual"
              .href=${currentLinkHref(this.editor)}
              @apply=${this.onLinkApply}
              @remove=${this.onLinkRemove}
              @close=${() => this.links.closeEditor()}
            ></quire-link-editor>`
          : nothing
      }
      ${
        this.links.card
          ? html`<quire-link-card
              popover="manual"
              .href=${currentLinkHref(this.editor)}
              @edit=${() => this.links.openEditor()}
              @remove=${this.onLinkRemove}
              @close=${() => this.links.closeCard()}
            ></quire-link-card>`
          : nothing
      }
    `;
  }

  static override styles = quireToolbarStyles;
}

defineElement('quire-toolbar', QuireToolbar);

declare global {
  interface HTMLElementTagNameMap {
    'quire-toolbar': QuireToolbar;
  }
}
