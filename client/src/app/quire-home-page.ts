import { html, LitElement, nothing } from 'lit';
import { defineElement } from '../components/define-element.js';
import { ICONS } from '../components/icons.js';
import { FileDropController } from '../controllers/file-drop-controller.js';
import { safeLocalStorage } from '../editor/identity.js';
import { IMPORT_ACCEPT, importFile } from '../history/history-api.js';
import { ApiError, createDocument } from './api.js';
import { logo } from './app-styles.js';
import { quireHomePageStyles } from './quire-home-page-styles.js';
import { formatRelativeTime, RecentDocs } from './recent-docs.js';
import { RecentDocsController } from './recent-docs-controller.js';
import { routePath } from './router.js';

/** `/`: start a new document or reopen one this browser opened before. */
export class QuireHomePage extends LitElement {
  static override properties = {
    _creating: { state: true },
    _error: { state: true },
    _importing: { state: true },
  };

  declare _creating: boolean;
  declare _error: string;
  declare _importing: boolean;
  private readonly recent = new RecentDocsController(this, new RecentDocs(safeLocalStorage()));
  private readonly drop = new FileDropController(this, (file) => void this.importFrom(file));

  constructor() {
    super();
    this._creating = false;
    this._error = '';
    this._importing = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = 'Quire';
  }

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
    this.recent.forget(id);
  }

  protected override render() {
    const now = Date.now();
    const recent = this.recent.docs;
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
          ${this.drop.dragging ? html`<div class="drop-overlay" data-testid="drop-overlay">Drop to import</div>` : nothing}
          <ul class="features">
            <li><strong>Live together.</strong> Everyone's cursor and name, as they type.</li>
            <li><strong>Never lost.</strong> “Saved” means stored on the server, not just sent.</li>
            <li><strong>Works offline.</strong> Keep writing without a connection; it all merges later.</li>
          </ul>
        </section>
        <section class="recent" aria-labelledby="recent-heading">
          <h2 id="recent-heading">Recent documents</h2>
          <ul data-testid="recent-docs" class="list ${recent.length === 0 ? 'empty' : ''}">
            ${recent.map(
              (doc) => html`<li>
                <a href=${routePath({ name: 'doc', docId: doc.id })} data-testid="recent-doc" data-doc-id=${doc.id}>
                  <span class="doc-icon">${ICONS.file}</span>
                  <span class="doc-title ${doc.title ? '' : 'untitled'}">${doc.title || 'Untitled'}</span>
                  <time datetime=${new Date(doc.openedAt).toISOString()}>${formatRelativeTime(doc.openedAt, now)}</time>
                </a>
                <button
                  class="icon-button forget"
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
            recent.length === 0
              ? html`<p class="empty">Documents you open in this browser will appear here.</p>`
              : nothing
          }
        </section>
      </main>
    `;
  }

  static override styles = quireHomePageStyles;
}

defineElement('quire-home-page', QuireHomePage);

declare global {
  interface HTMLElementTagNameMap {
    'quire-home-page': QuireHomePage;
  }
}
