import type { Editor } from '@tiptap/core';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { MAX_TITLE_LENGTH } from '../../../shared/doc-fields.js';
import { defineElement } from '../components/define-element.js';
import { ICONS } from '../components/icons.js';
import type { QuireEditor, QuireErrorDetail } from '../components/quire-editor.js';
import '../components/quire-editor.js';
import '../history/quire-export-menu.js';
import '../history/quire-history-panel.js';
import { loadIdentity, safeLocalStorage, saveName } from '../editor/identity.js';
import { cleanName, MAX_NAME_LENGTH } from '../editor/presence.js';
import { logo } from './app-styles.js';
import { quireDocPageStyles } from './quire-doc-page-styles.js';
import './quire-error-page.js';
import { RecentDocs } from './recent-docs.js';
import { refusalPage } from './refusal-pages.js';
import { ShareController } from './share-controller.js';
import { TitleController } from './title-controller.js';

/**
 * `/d/<docId>` (editable) and `/r/<viewId>` (view-only link): the title, your name, the Share button
 * and the editor. A permanent refusal replaces the page with an explanation.
 */
export class QuireDocPage extends LitElement {
  static override properties = {
    docId: { attribute: 'doc-id' },
    viewId: { attribute: 'view-id' },
    _userName: { state: true },
    _refusal: { state: true },
    _historyOpen: { state: true },
    _editor: { state: true },
  };

  declare docId: string | null;
  declare viewId: string | null;
  declare _userName: string;
  declare _refusal: QuireErrorDetail | null;
  declare _historyOpen: boolean;
  /** The live editor once ready, for comparing versions with the current text. */
  declare _editor: Editor | null;
  private readonly storage = safeLocalStorage();
  private readonly docTitle = new TitleController(this, {
    docId: () => this.docId,
    viewId: () => this.viewId,
    input: () => this.renderRoot.querySelector<HTMLInputElement>('[data-testid=doc-title]'),
    recentDocs: new RecentDocs(this.storage),
  });
  private readonly sharing = new ShareController(this, {
    docId: () => this.docId,
    viewId: () => this.viewId,
    field: () => this.renderRoot.querySelector<HTMLInputElement>('[data-testid=share-link]'),
    button: () => this.renderRoot.querySelector<HTMLElement>('[data-testid=share-button]'),
  });

  constructor() {
    super();
    this.docId = null;
    this.viewId = null;
    this._userName = loadIdentity(this.storage).name;
    this._refusal = null;
    this._historyOpen = false;
    this._editor = null;
  }

  private get editorElement(): QuireEditor | null {
    return this.renderRoot.querySelector('quire-editor');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('docId') || changed.has('viewId')) {
      this._refusal = null;
      this._editor = null;
    }
  }

  private onEditorReady(): void {
    const editor = this.editorElement;
    if (!editor?.ydoc) return;
    this._editor = editor.editor;
    this.docTitle.bind(editor.ydoc);
  }

  /** Versions belong to editable documents (a view link does not name the document). */
  private get historyShown(): boolean {
    return this._historyOpen && Boolean(this.docId) && !this.viewId;
  }

  private onEditorError(event: CustomEvent<QuireErrorDetail>): void {
    this._refusal = event.detail;
  }

  private onNameInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const saved = saveName(this.storage, input.value);
    if (saved) this._userName = saved;
  }

  private onNameBlur(event: Event): void {
    const input = event.target as HTMLInputElement;
    // An emptied field goes back to the current name rather than leaving you nameless.
    if (!cleanName(input.value)) input.value = this._userName;
  }

  protected override render() {
    const errorPage = this._refusal ? refusalPage(this._refusal) : null;
    // The editor stays in the page behind the explanation: its state (and its copy on this device) is kept.
    return html`
      ${
        errorPage
          ? html`<quire-error-page
              .heading=${errorPage.heading}
              .message=${errorPage.message}
              .advice=${errorPage.advice}
            ></quire-error-page>`
          : this.renderTopbar()
      }
      <main ?hidden=${errorPage !== null} class=${this.historyShown ? 'with-history' : ''}>
        <quire-editor
          .doc=${this.viewId ? null : this.docId}
          .view=${this.viewId}
          .userName=${this._userName}
          @ready=${this.onEditorReady}
          @error=${this.onEditorError}
        ></quire-editor>
        ${
          this.historyShown
            ? html`<quire-history-panel
                .docId=${this.docId}
                .editor=${this._editor}
                @close=${() => {
                  this._historyOpen = false;
                }}
              ></quire-history-panel>`
            : nothing
        }
      </main>
    `;
  }

  private renderTopbar() {
    const viewOnly = Boolean(this.viewId);
    const { open: shareOpen, copied, viewUrl } = this.sharing;
    return html`
      <header class="topbar">
        <a class="brand" href="/" aria-label="Quire — your documents">${logo}</a>
        <input
          class="title"
          data-testid="doc-title"
          aria-label="Document title"
          placeholder="Untitled"
          maxlength=${MAX_TITLE_LENGTH}
          autocomplete="off"
          spellcheck="false"
          ?readonly=${viewOnly}
          @keydown=${(event: KeyboardEvent) => {
            // Enter moves on to the text, like leaving a title field in any editor.
            if (event.key === 'Enter') {
              event.preventDefault();
              this.editorElement?.focus();
            }
          }}
        />
        <div class="actions">
          <quire-export-menu .docId=${viewOnly ? null : this.docId} .viewId=${this.viewId}></quire-export-menu>
          ${
            viewOnly
              ? nothing
              : html`<button
                  class="button"
                  data-testid="history-button"
                  aria-pressed=${String(this._historyOpen)}
                  title="Version history"
                  @click=${() => {
                    this._historyOpen = !this._historyOpen;
                  }}
                >
                  ${ICONS.history}<span class="history-label">History</span>
                </button>`
          }
          <label class="name" title="Your name, as others see it">
            <span class="visually-hidden">Your name</span>
            <input
              data-testid="user-name"
              .value=${this._userName}
              maxlength=${MAX_NAME_LENGTH}
              autocomplete="nickname"
              spellcheck="false"
              @input=${this.onNameInput}
              @blur=${this.onNameBlur}
            />
          </label>
          <div class="share-area">
            <button
              class="button primary"
              data-testid="share-button"
              aria-haspopup="dialog"
              aria-expanded=${String(shareOpen)}
              @click=${() => this.sharing.share()}
            >
              ${ICONS.share}<span class="share-label">Share</span>
            </button>
            ${
              shareOpen
                ? html`<div class="share-panel" role="dialog" aria-label="Share" data-testid="share-panel">
                    <p class="share-status" role="status" data-testid="share-status">
                      ${copied ? html`${ICONS.check} Link copied` : copied === false ? 'Copy this link:' : 'Copying…'}
                    </p>
                    <input
                      class="share-link"
                      data-testid="share-link"
                      readonly
                      .value=${this.sharing.shareUrl}
                      aria-label="Link to this document"
                      @focus=${(event: FocusEvent) => (event.target as HTMLInputElement).select()}
                    />
                    <p class="hint">
                      ${viewOnly ? 'Anyone with this link can read the document.' : 'Anyone with this link can edit.'}
                    </p>
                    ${
                      viewUrl && !viewOnly
                        ? html`<button class="button" data-testid="copy-view-link" @click=${() => this.sharing.copyViewLink()}>
                            ${ICONS.eye} Copy view-only link
                          </button>`
                        : nothing
                    }
                  </div>`
                : nothing
            }
          </div>
        </div>
      </header>
    `;
  }

  static override styles = quireDocPageStyles;
}

defineElement('quire-doc-page', QuireDocPage);

declare global {
  interface HTMLElementTagNameMap {
    'quire-doc-page': QuireDocPage;
  }
}
