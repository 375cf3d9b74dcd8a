import { css, html, LitElement, nothing } from 'lit';
import { defineElement } from '../components/define-element.js';
import { ICONS } from '../components/icons.js';
import { safeLocalStorage } from '../editor/identity.js';
import { IMPORT_ACCEPT, importFile } from '../history/history-api.js';
import { ApiError, createDocument } from './api.js';
import { appStyles, logo } from './app-styles.js';
import { formatRelativeTime, type RecentDoc, RecentDocs } from './recent-docs.js';
import { routePath } from './router.js';

/** `/`: start a new document or reopen one this browser opened before. */
export class QuireHomePage extends LitElement {
  static override properties = {
    _recent: { state: true },
    _creating: { state: true },
    _error: { state: true },
    _importing: { state: true },
    _dragging: { state: true },
  };

  declare _recent: RecentDoc[];
  declare _creating: boolean;
  declare _error: string;
  declare _importing: boolean;
  /** A file is being dragged over the page. */
  declare _dragging: boolean;
  private readonly recentDocs = new RecentDocs(safeLocalStorage());

  constructor() {
    super();
    this._recent = [];
    this._creating = false;
    this._error = '';
    this._importing = false;
    this._dragging = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._recent = this.recentDocs.list();
    document.title = 'Quire';
    // Another tab may open or rename documents meanwhile.
    window.addEventListener('storage', this.onStorage);
    this.addEventListener('dragover', this.onDragOver);
    this.addEventListener('dragleave', this.onDragLeave);
    this.addEventListener('drop', this.onDrop);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('storage', this.onStorage);
    this.removeEventListener('dragover', this.onDragOver);
    this.removeEventListener('dragleave', this.onDragLeave);
    this.removeEventListener('drop', this.onDrop);
  }

  private readonly onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    // Without this the browser opens the dropped file itself.
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this._dragging = true;
  };

  private readonly onDragLeave = (event: DragEvent) => {
    if (event.relatedTarget === null || !this.contains(event.relatedTarget as Node)) this._dragging = false;
  };

  private readonly onDrop = (event: DragEvent) => {
    const file = event.dataTransfer?.files[0];
    if (!file) return;
    event.preventDefault();
    this._dragging = false;
    void this.importFrom(file);
  };

  private onFileChosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this.importFrom(file);
  }

  /** Creates a document from a Markdown or HTML file (stored on the server first) and opens it. */
  private async importFrom(file: File): Promise<void> {
    if (this._importing) return;
    this._importing = true;
    this._error = '';
    try {
      const { id } = await importFile(location.origin, file);
      this.dispatchEvent(
        new CustomEvent('navigate', { detail: routePath({ name: 'doc', docId: id }), bubbles: true, composed: true }),
      );
    } catch (error) {
      this._error = error instanceof ApiError ? error.message : 'The file could not be imported. Please try again.';
    } finally {
      this._importing = false;
    }
  }

  private readonly onStorage = () => {
    this._recent = this.recentDocs.list();
  };

  private async newDocument(): Promise<void> {
    if (this._creating) return;
    this._creating = true;
    this._error = '';
    try {
      const { id } = await createDocument(location.origin);
      this.dispatchEvent(
        new CustomEvent('navigate', {
          detail: routePath({ name: 'doc', docId: id }),
          bubbles: true,
          composed: true,
        }),
      );
    } catch (error) {
      this._error = error instanceof ApiError ? error.message : 'The document could not be created. Please try again.';
    } finally {
      this._creating = false;
    }
  }

  private forget(event: Event, id: string): void {
    event.preventDefault();
    this.recentDocs.remove(id);
    this._recent = this.recentDocs.list();
  }

  protected override render() {
    const now = Date.now();
    return html`
      <header class="topbar">
        <a class="brand" href="/">${logo}<span>Quire</span></a>
      </header>
      <main>
        <section class="hero">
          <h1>Write together, in real time.</h1>
          <p class="lede">
            Share a link and edit the same page at once. Every change is saved on the server — and kept on your
            device when you are offline.
          </p>
          <button
            class="button primary big"
            data-testid="new-document"
            ?disabled=${this._creating}
            @click=${this.newDocument}
          >
            ${ICONS.plus} ${this._creating ? 'Creating…' : 'New document'}
          </button>
          <label class="button big import" title="Create a document from a Markdown or HTML file">
            ${ICONS.upload} ${this._importing ? 'Importing…' : 'Import a file'}
            <input
              type="file"
              class="visually-hidden"
              data-testid="import-file"
              accept=${IMPORT_ACCEPT}
              ?disabled=${this._importing}
              @change=${this.onFileChosen}
            />
          </label>
          <p class="drop-hint">…or drop a .md or .html file anywhere on this page.</p>
          ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
          ${this._dragging ? html`<div class="drop-overlay" data-testid="drop-overlay">Drop to import</div>` : nothing}
          <ul class="features">
            <li><strong>Live together.</strong> Everyone's cursor and name, as they type.</li>
            <li><strong>Never lost.</strong> “Saved” means stored on the server, not just sent.</li>
            <li><strong>Works offline.</strong> Keep writing without a connection; it all merges later.</li>
          </ul>
        </section>
        <section class="recent" aria-labelledby="recent-heading">
          <h2 id="recent-heading">Recent documents</h2>
          <ul data-testid="recent-docs" class="list ${this._recent.length === 0 ? 'empty' : ''}">
            ${this._recent.map(
              (doc) => html`<li>
                <a href=${routePath({ name: 'doc', docId: doc.id })} data-testid="recent-doc" data-doc-id=${doc.id}>
                  <span class="doc-icon">${ICONS.file}</span>
                  <span class="doc-title ${doc.title ? '' : 'untitled'}">${doc.title || 'Untitled'}</span>
                  <time datetime=${new Date(doc.openedAt).toISOString()}>${formatRelativeTime(doc.openedAt, now)}</time>
                </a>
                <button
                  class="forget"
                  aria-label=${`Remove “${doc.title || 'Untitled'}” from this list`}
                  title="Remove from this list"
                  @click=${(event: Event) => this.forget(event, doc.id)}
                >
                  ${ICONS.close}
                </button>
              </li>`,
            )}
          </ul>
          ${
            this._recent.length === 0
              ? html`<p class="empty">Documents you open in this browser will appear here.</p>`
              : nothing
          }
        </section>
      </main>
    `;
  }

  static override styles = [
    appStyles,
    css`
      main {
        max-width: 720px;
        margin: 0 auto;
        padding: 56px 24px 80px;
      }
      .hero h1 {
        margin: 0 0 12px;
        font-size: clamp(30px, 6vw, 44px);
        line-height: 1.1;
        letter-spacing: -0.035em;
        font-weight: 800;
        text-wrap: balance;
      }
      .lede {
        margin: 0 0 28px;
        max-width: 560px;
        color: #475569;
        font-size: 17px;
        line-height: 1.6;
      }
      .big {
        height: 46px;
        padding: 0 22px;
        font-size: 15px;
        border-radius: 12px;
      }
      .import {
        margin-left: 8px;
      }
      .import:focus-within {
        outline: 2px solid #4f46e5;
        outline-offset: 2px;
      }
      .drop-hint {
        margin: 10px 0 0;
        color: #64748b;
        font-size: 13px;
      }
      .drop-overlay {
        position: fixed;
        inset: 12px;
        z-index: 50;
        display: grid;
        place-items: center;
        border: 3px dashed #4f46e5;
        border-radius: 20px;
        background: rgb(238 242 255 / 0.92);
        color: #3730a3;
        font-size: 22px;
        font-weight: 700;
        pointer-events: none;
      }
      .features {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 20px;
        margin: 40px 0 0;
        padding: 0;
        list-style: none;
        color: #475569;
        font-size: 14px;
        line-height: 1.55;
      }
      .features strong {
        display: block;
        margin-bottom: 2px;
        color: #0f172a;
      }
      @media (max-width: 640px) {
        .features {
          grid-template-columns: 1fr;
          gap: 12px;
          margin-top: 28px;
        }
      }
      .error {
        margin: 14px 0 0;
        color: #b91c1c;
        font-size: 14px;
      }
      .recent {
        margin-top: 56px;
      }
      .recent h2 {
        margin: 0 0 12px;
        font-size: 13px;
        font-weight: 700;
        text-transform: uppercase;
        letter-spacing: 0.06em;
        color: #64748b;
      }
      .list {
        list-style: none;
        margin: 0;
        padding: 0;
        border-radius: 14px;
        background: #fff;
        border: 1px solid #e2e8f0;
        overflow: hidden;
      }
      .list.empty {
        display: none;
      }
      .list li {
        position: relative;
        display: flex;
        align-items: center;
      }
      .list li + li {
        border-top: 1px solid #f1f5f9;
      }
      .list a {
        flex: 1 1 auto;
        min-width: 0;
        display: flex;
        align-items: center;
        gap: 12px;
        padding: 14px 52px 14px 16px;
        color: inherit;
        text-decoration: none;
      }
      .list a:hover {
        background: #f8fafc;
      }
      .list a:focus-visible {
        outline-offset: -2px;
      }
      .doc-icon {
        display: grid;
        place-items: center;
        flex: none;
        width: 34px;
        height: 34px;
        border-radius: 9px;
        background: #eef2ff;
        color: #4f46e5;
      }
      .doc-title {
        flex: 1 1 auto;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        font-weight: 600;
      }
      .untitled {
        color: #94a3b8;
        font-weight: 500;
      }
      time {
        flex: none;
        color: #94a3b8;
        font-size: 13px;
      }
      .forget {
        position: absolute;
        right: 10px;
        display: grid;
        place-items: center;
        width: 30px;
        height: 30px;
        border: none;
        border-radius: 8px;
        background: transparent;
        color: #94a3b8;
        cursor: pointer;
        opacity: 0;
      }
      li:hover .forget,
      .forget:focus-visible {
        opacity: 1;
      }
      .forget:hover {
        background: #f1f5f9;
        color: #0f172a;
      }
      @media (hover: none) {
        .forget {
          opacity: 1;
        }
      }
      .empty {
        margin: 0;
        padding: 28px 20px;
        border: 1px dashed #cbd5e1;
        border-radius: 14px;
        color: #64748b;
        text-align: center;
        font-size: 15px;
      }
      @media (max-width: 640px) {
        main {
          padding: 32px 18px 64px;
        }
        time {
          display: none;
        }
      }
    `,
  ];
}

defineElement('quire-home-page', QuireHomePage);

declare global {
  interface HTMLElementTagNameMap {
    'quire-home-page': QuireHomePage;
  }
}
