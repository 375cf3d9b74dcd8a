import { html, LitElement, nothing } from 'lit';
import { defineElement } from '../components/define-element.js';
import { focusWithRing } from '../components/focus-ring.js';
import { ICONS } from '../components/icons.js';
import { moveMenuFocus } from '../components/roving-focus.js';
import { DismissController } from '../controllers/dismiss-controller.js';
import { type DownloadFormat, exportUrl } from './history-api.js';
import { quireExportMenuStyles } from './quire-export-menu-styles.js';

const FORMATS: { format: DownloadFormat; label: string; hint: string }[] = [
  { format: 'markdown', label: 'Markdown', hint: '.md' },
  { format: 'html', label: 'Web page', hint: '.html' },
];

/**
 * `<quire-export-menu>`: an Export button whose menu downloads the document as Markdown or HTML,
 * rendered by the server with the editor's schema (`GET /api/docs/<id>/export`). Set `doc-id`, or
 * `view-id` on a read-only link.
 */
export class QuireExportMenu extends LitElement {
  static override properties = {
    docId: { attribute: 'doc-id' },
    viewId: { attribute: 'view-id' },
    server: {},
    _open: { state: true },
  };

  declare docId: string | null;
  declare viewId: string | null;
  /** Server base URL. @default this page's origin */
  declare server: string | null;
  declare _open: boolean;

  constructor() {
    super();
    this.docId = null;
    this.viewId = null;
    this.server = null;
    this._open = false;
    new DismissController(this, {
      isOpen: () => this._open,
      close: (how) => {
        this._open = false;
        if (how === 'escape')
          focusWithRing(this.renderRoot.querySelector<HTMLButtonElement>('[data-testid=export-menu]'));
      },
    });
  }

  private href(format: DownloadFormat): string {
    const base = this.server || location.origin;
    return this.viewId
      ? exportUrl(base, { viewId: this.viewId }, format)
      : exportUrl(base, { docId: this.docId ?? '' }, format);
  }

  private get items(): HTMLAnchorElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLAnchorElement>('[role=menuitem]')];
  }

  private async open(focus: 'first' | 'last'): Promise<void> {
    this._open = true;
    await this.updateComplete;
    const items = this.items;
    items[focus === 'first' ? 0 : items.length - 1]?.focus();
  }

  private toggle(): void {
    if (this._open) this._open = false;
    else void this.open('first');
  }

  /** Down and up arrows open the menu from its button (WAI-ARIA menu button pattern). */
  private onButtonKeydown(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    void this.open(event.key === 'ArrowDown' ? 'first' : 'last');
  }

  /** Up and down arrows, Home and End move between the formats; Tab leaves and closes the menu. */
  private onMenuKeydown(event: KeyboardEvent): void {
    if (event.key === 'Tab') {
      this._open = false;
      return;
    }
    moveMenuFocus(event, this.items, this.shadowRoot);
  }

  protected override render() {
    return html`<div class="wrap">
      <button
        class="button"
        data-testid="export-menu"
        aria-haspopup="menu"
        aria-expanded=${String(this._open)}
        @click=${this.toggle}
        @keydown=${this.onButtonKeydown}
      >
        ${ICONS.download}<span class="label">Export</span>
      </button>
      ${
        this._open
          ? html`<div class="menu" role="menu" aria-label="Download as" @keydown=${this.onMenuKeydown}>
              ${FORMATS.map(
                ({ format, label, hint }) => html`<a
                  role="menuitem"
                  tabindex="-1"
                  data-testid=${`export-${format}`}
                  href=${this.href(format)}
                  download
                  @click=${() => {
                    this._open = false;
                  }}
                  >${label} <span class="hint">${hint}</span></a
                >`,
              )}
            </div>`
          : nothing
      }
    </div>`;
  }

  static override styles = quireExportMenuStyles;
}

defineElement('quire-export-menu', QuireExportMenu);

declare global {
  interface HTMLElementTagNameMap {
    'quire-export-menu': QuireExportMenu;
  }
}
