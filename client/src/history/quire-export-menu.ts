import { css, html, LitElement, nothing } from 'lit';
import { defineElement } from '../components/define-element.js';
import { ICONS } from '../components/icons.js';
import { type DownloadFormat, exportUrl } from './history-api.js';

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
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.onOutside);
    document.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.onOutside);
    document.removeEventListener('keydown', this.onKey);
  }

  private readonly onOutside = (event: PointerEvent) => {
    if (this._open && !event.composedPath().includes(this)) this._open = false;
  };

  private readonly onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this._open) {
      this._open = false;
      this.renderRoot.querySelector<HTMLButtonElement>('[data-testid=export-menu]')?.focus();
    }
  };

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

  static override styles = css`
    :host {
      display: inline-block;
      position: relative;
    }
    .button {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      height: 38px;
      padding: 0 14px;
      border: 1px solid #e2e8f0;
      border-radius: 10px;
      background: #fff;
      color: #0f172a;
      font: inherit;
      font-size: 14px;
      font-weight: 600;
      cursor: pointer;
    }
    .button:hover {
      background: #f8fafc;
    }
    .button:focus-visible,
    a:focus-visible {
      outline: 2px solid #4f46e5;
      outline-offset: 2px;
    }
    .menu {
      position: absolute;
      right: 0;
      top: calc(100% + 6px);
      z-index: 40;
      min-width: 190px;
      padding: 6px;
      border: 1px solid #e2e8f0;
      border-radius: 12px;
      background: #fff;
      box-shadow: 0 16px 32px -16px rgb(15 23 42 / 0.3);
    }
    a {
      display: flex;
      justify-content: space-between;
      gap: 12px;
      padding: 8px 10px;
      border-radius: 8px;
      color: #0f172a;
      font-size: 14px;
      text-decoration: none;
    }
    a:hover {
      background: #f1f5f9;
    }
    .hint {
      color: #64748b;
    }
    @media (max-width: 640px) {
      .label {
        display: none;
      }
    }
  `;
}

defineElement('quire-export-menu', QuireExportMenu);

declare global {
  interface HTMLElementTagNameMap {
    'quire-export-menu': QuireExportMenu;
  }
}
