import { html, LitElement, nothing } from 'lit';
import { defineElement } from '../components/define-element.js';
import { ICONS } from '../components/icons.js';
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
        if (how === 'escape') this.renderRoot.querySelector<HTMLButtonElement>('[data-testid=export-menu]')?.focus();
      },
    });
  }

  private href(format: DownloadFormat): string {
    const base = this.server || location.origin;
    return this.viewId
      ? exportUrl(base, { viewId: this.viewId }, format)
      : exportUrl(base, { docId: this.docId ?? '' }, format);
  }

  private async toggle(): Promise<void> {
    this._open = !this._open;
    if (!this._open) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLAnchorElement>('[role=menuitem]')?.focus();
  }

  protected override render() {
    return html`<div class="wrap">
      <button
        class="button"
        data-testid="export-menu"
        aria-haspopup="menu"
        aria-expanded=${String(this._open)}
        @click=${this.toggle}
      >
        ${ICONS.download}<span class="label">Export</span>
      </button>
      ${
        this._open
          ? html`<div class="menu" role="menu" aria-label="Download as">
              ${FORMATS.map(
                ({ format, label, hint }) => html`<a
                  role="menuitem"
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
