import type { Editor } from '@tiptap/core';
import { html, LitElement, nothing } from 'lit';
import { EditorWatchController } from '../controllers/editor-watch-controller.js';
import { OverflowController } from '../controllers/overflow-controller.js';
import { applyLink, currentLinkHref, removeLink } from '../editor/link-commands.js';
import { formatKeys } from '../editor/toolbar-state.js';
import { defineElement } from './define-element.js';
import type { QuireLinkEditor } from './quire-link-editor.js';
import './quire-link-editor.js';
import { quireToolbarStyles } from './quire-toolbar-styles.js';
import {
  ariaKeys,
  isItemActive,
  isItemEnabled,
  TOOLBAR_GROUPS,
  TOOLBAR_ITEMS,
  type ToolbarItem,
} from './toolbar-commands.js';

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Arrow keys, Home and End move between the buttons (WAI-ARIA toolbar pattern). */
const MOVES: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (i, count) => (i + 1) % count,
  ArrowLeft: (i, count) => (i - 1 + count) % count,
  Home: () => 0,
  End: (_i, count) => count - 1,
};

/**
 * `<quire-toolbar>`: the formatting toolbar of a Tiptap editor. One tab stop (WAI-ARIA toolbar pattern:
 * arrow keys, Home and End move between buttons), `aria-pressed` on toggles, shortcuts in tooltips,
 * and a small link editor (also on Mod+K). The buttons are the data in `toolbar-commands.ts`.
 */
export class QuireToolbar extends LitElement {
  static override properties = {
    editor: { attribute: false },
    _focusIndex: { state: true },
    _linkOpen: { state: true },
  };

  declare editor: Editor | null;
  declare _focusIndex: number;
  declare _linkOpen: boolean;
  private readonly overflow = new OverflowController(this, () => this.renderRoot.querySelector<HTMLElement>('.bar'));

  constructor() {
    super();
    this.editor = null;
    this._focusIndex = 0;
    this._linkOpen = false;
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
    });
  }

  /** Opens the link editor for the selection (Mod+K), or moves the focus back into it. */
  openLinkEditor(): void {
    if (!this.editor?.isEditable) return;
    this._linkOpen = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector<QuireLinkEditor>('quire-link-editor')?.focus());
  }

  private closeLinkEditor(): void {
    this._linkOpen = false;
    this.editor?.commands.focus();
  }

  private activate(item: ToolbarItem, index: number): void {
    const editor = this.editor;
    if (!editor) return;
    this._focusIndex = index;
    if (!isItemEnabled(item, editor)) return;
    if ('run' in item) item.run(editor);
    else if (this._linkOpen) this.closeLinkEditor();
    else this.openLinkEditor();
  }

  private onToolbarKeydown(event: KeyboardEvent): void {
    const move = MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    this._focusIndex = move(this._focusIndex, TOOLBAR_ITEMS.length);
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>(`[data-index="${this._focusIndex}"]`)?.focus(),
    );
  }

  private onLinkApply(event: CustomEvent<string>): void {
    if (this.editor) applyLink(this.editor, event.detail);
    this._linkOpen = false;
  }

  private onLinkRemove(): void {
    if (this.editor) removeLink(this.editor);
    this._linkOpen = false;
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
      aria-expanded=${opensLink ? String(this._linkOpen) : nothing}
      title=${shortcut ? `${item.label} (${shortcut})` : item.label}
      tabindex=${index === this._focusIndex ? 0 : -1}
      aria-disabled=${enabled ? nothing : 'true'}
      @mousedown=${(event: MouseEvent) => event.preventDefault()}
      @click=${() => this.activate(item, index)}
    >
      ${item.icon}
    </button>`;
  }

  protected override render() {
    const mac = isMac();
    let index = 0;
    return html`
      <div
        class="bar ${this.overflow.moreRight ? 'more-right' : ''}"
        role="toolbar"
        aria-label="Formatting"
        @keydown=${this.onToolbarKeydown}
        @scroll=${this.overflow.measure}
      >
        ${TOOLBAR_GROUPS.map(
          (group, groupIndex) => html`
            ${groupIndex > 0 ? html`<span class="divider" role="separator" aria-orientation="vertical"></span>` : nothing}
            ${group.map((item) => this.renderItem(item, index++, mac))}
          `,
        )}
      </div>
      ${
        this._linkOpen
          ? html`<quire-link-editor
              .href=${currentLinkHref(this.editor)}
              @apply=${this.onLinkApply}
              @remove=${this.onLinkRemove}
              @close=${this.closeLinkEditor}
            ></quire-link-editor>`
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
