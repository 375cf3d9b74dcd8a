import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { MAX_TITLE_LENGTH, titleText } from '../../../shared/doc-fields.js';
import { defineElement } from '../components/define-element.js';
import { ICONS } from '../components/icons.js';
import type { QuireEditor, QuireErrorDetail } from '../components/quire-editor.js';
import '../components/quire-editor.js';
import type { Editor } from '@tiptap/core';
import '../history/quire-export-menu.js';
import '../history/quire-history-panel.js';
import { loadIdentity, safeLocalStorage, saveName } from '../editor/identity.js';
import { cleanName, MAX_NAME_LENGTH } from '../editor/presence.js';
import { type DocInfo, fetchDocInfo } from './api.js';
import { appStyles, logo } from './app-styles.js';
import './quire-error-page.js';
import { RecentDocs } from './recent-docs.js';
import { routePath } from './router.js';
import { bindTextInput } from './title-binding.js';

/** Heading and advice for the refusals a document page can meet; the message itself comes from the server. */
const REFUSALS: Record<number, { heading: string; advice: string }> = {
  4400: { heading: 'This link does not work', advice: 'Check that the whole link was copied.' },
  4401: { heading: 'Sign-in required', advice: 'Open the document from the site that gave you the link.' },
  4403: { heading: 'No access', advice: 'Ask the owner of the document to share it with you.' },
  4404: { heading: 'Document not found', advice: 'The link may be old or mistyped.' },
  4410: { heading: 'Document deleted', advice: 'Start a new document, or ask its owner for a copy.' },
  4413: { heading: 'Document full', advice: 'Start a new document to keep writing.' },
};

/** Copies text with the async clipboard API, falling back to the old selection trick. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      // Nothing else to try: the link stays visible in the share panel to copy by hand.
    }
    area.remove();
    return copied;
  }
}

/**
 * `/d/<docId>` (editable) and `/r/<viewId>` (view-only link): the title, your name, the Share button
 * and the editor. A permanent refusal replaces the page with an explanation.
 */
export class QuireDocPage extends LitElement {
  static override properties = {
    docId: { attribute: 'doc-id' },
    viewId: { attribute: 'view-id' },
    _userName: { state: true },
    _title: { state: true },
    _refusal: { state: true },
    _shareOpen: { state: true },
    _copied: { state: true },
    _info: { state: true },
    _historyOpen: { state: true },
    _editor: { state: true },
  };

  declare docId: string | null;
  declare viewId: string | null;
  declare _userName: string;
  declare _title: string;
  declare _refusal: QuireErrorDetail | null;
  declare _shareOpen: boolean;
  declare _copied: boolean | null;
  declare _info: DocInfo | null;
  declare _historyOpen: boolean;
  /** The live editor once ready, for comparing versions with the current text. */
  declare _editor: Editor | null;
  private readonly storage = safeLocalStorage();
  private readonly recentDocs = new RecentDocs(this.storage);
  private unbindTitle: (() => void) | null = null;
  private renameTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    super();
    this.docId = null;
    this.viewId = null;
    this._userName = loadIdentity(this.storage).name;
    this._title = '';
    this._refusal = null;
    this._shareOpen = false;
    this._copied = null;
    this._info = null;
    this._historyOpen = false;
    this._editor = null;
  }

  private get editorElement(): QuireEditor | null {
    return this.renderRoot.querySelector('quire-editor');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.onDocumentKeydown);
    document.addEventListener('pointerdown', this.onDocumentPointerDown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onDocumentKeydown);
    document.removeEventListener('pointerdown', this.onDocumentPointerDown);
    this.unbindTitle?.();
    this.unbindTitle = null;
    this.flushRename();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('docId') || changed.has('viewId')) {
      this.unbindTitle?.();
      this.unbindTitle = null;
      this._refusal = null;
      this._info = null;
      this._editor = null;
      this._title = '';
      this.updateDocumentTitle();
      if (this.docId) this.recentDocs.touch(this.docId);
    }
  }

  private onEditorReady(): void {
    const editor = this.editorElement;
    const input = this.renderRoot.querySelector<HTMLInputElement>('[data-testid=doc-title]');
    if (!editor?.ydoc || !input) return;
    this._editor = editor.editor;
    this.unbindTitle?.();
    this.unbindTitle = bindTextInput(input, titleText(editor.ydoc), (value) => this.onTitleChange(value));
    this.onTitleChange(input.value);
  }

  private onTitleChange(value: string): void {
    this._title = value;
    this.updateDocumentTitle();
    if (!this.docId) return;
    // Typing would otherwise write localStorage on every key.
    if (this.renameTimer !== null) clearTimeout(this.renameTimer);
    this.renameTimer = setTimeout(() => this.flushRename(), 400);
  }

  private flushRename(): void {
    if (this.renameTimer !== null) clearTimeout(this.renameTimer);
    this.renameTimer = null;
    if (this.docId) this.recentDocs.rename(this.docId, this._title.trim());
  }

  private updateDocumentTitle(): void {
    document.title = `${this._title.trim() || 'Untitled'} · Quire`;
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

  private shareUrl(): string {
    const route = this.viewId
      ? { name: 'view' as const, viewId: this.viewId }
      : { name: 'doc' as const, docId: this.docId ?? '' };
    return `${location.origin}${routePath(route)}`;
  }

  private viewUrl(): string | null {
    return this._info?.viewId ? `${location.origin}${routePath({ name: 'view', viewId: this._info.viewId })}` : null;
  }

  private async share(): Promise<void> {
    this._shareOpen = true;
    // Copy first: the clipboard wants the click's user activation, which a network wait could outlast.
    this._copied = await copyText(this.shareUrl());
    await this.updateComplete;
    const field = this.renderRoot.querySelector<HTMLInputElement>('[data-testid=share-link]');
    field?.select();
    // The view-only link, when the server offers one (only to people who may edit), asked for on demand.
    const docId = this.docId;
    if (docId && !this._info) {
      const info = await fetchDocInfo(location.origin, docId);
      if (this.docId === docId) this._info = info;
    }
  }

  private async copyViewLink(): Promise<void> {
    const url = this.viewUrl();
    if (url) this._copied = await copyText(url);
  }

  private readonly onDocumentKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this._shareOpen) this._shareOpen = false;
  };

  private readonly onDocumentPointerDown = (event: PointerEvent) => {
    if (!this._shareOpen) return;
    const inside = event
      .composedPath()
      .some((node) => node instanceof HTMLElement && node.classList.contains('share-area'));
    if (!inside) this._shareOpen = false;
  };

  protected override render() {
    const refusal = this._refusal;
    // The editor stays in the page behind the explanation: its state (and its copy on this device) is kept.
    return html`
      ${
        refusal
          ? html`<quire-error-page
              .heading=${REFUSALS[refusal.code]?.heading ?? 'This document cannot be opened'}
              .message=${refusal.message}
              .advice=${REFUSALS[refusal.code]?.advice ?? ''}
            ></quire-error-page>`
          : this.renderTopbar()
      }
      <main ?hidden=${refusal !== null} class=${this.historyShown ? 'with-history' : ''}>
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
    const viewUrl = this.viewUrl();
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
              aria-expanded=${String(this._shareOpen)}
              @click=${this.share}
            >
              ${ICONS.share}<span class="share-label">Share</span>
            </button>
            ${
              this._shareOpen
                ? html`<div class="share-panel" role="dialog" aria-label="Share" data-testid="share-panel">
                    <p class="share-status" role="status" data-testid="share-status">
                      ${
                        this._copied
                          ? html`${ICONS.check} Link copied`
                          : this._copied === false
                            ? 'Copy this link:'
                            : 'Copying…'
                      }
                    </p>
                    <input
                      class="share-link"
                      data-testid="share-link"
                      readonly
                      .value=${this.shareUrl()}
                      aria-label="Link to this document"
                      @focus=${(event: FocusEvent) => (event.target as HTMLInputElement).select()}
                    />
                    <p class="hint">
                      ${viewOnly ? 'Anyone with this link can read the document.' : 'Anyone with this link can edit.'}
                    </p>
                    ${
                      viewUrl && !viewOnly
                        ? html`<button class="button" data-testid="copy-view-link" @click=${this.copyViewLink}>
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

  static override styles = [
    appStyles,
    css`
      .title {
        flex: 1 1 auto;
        min-width: 0;
        height: 40px;
        padding: 0 10px;
        margin-left: 4px;
        border: 1px solid transparent;
        border-radius: 10px;
        background: transparent;
        color: inherit;
        font: inherit;
        font-size: 18px;
        font-weight: 650;
        letter-spacing: -0.015em;
        text-overflow: ellipsis;
      }
      .title:hover:not([readonly]) {
        border-color: #e2e8f0;
      }
      .title:focus {
        border-color: #c7d2fe;
        background: #fff;
        outline: none;
        box-shadow: 0 0 0 3px rgb(79 70 229 / 0.15);
      }
      .title::placeholder {
        color: #94a3b8;
      }
      .actions {
        flex: none;
        display: flex;
        align-items: center;
        gap: 10px;
      }
      .name input {
        width: 150px;
        height: 38px;
        padding: 0 12px;
        border: 1px solid #e2e8f0;
        border-radius: 10px;
        background: #fff;
        color: inherit;
        font: inherit;
        font-size: 14px;
      }
      .name input:focus {
        border-color: #c7d2fe;
        outline: none;
        box-shadow: 0 0 0 3px rgb(79 70 229 / 0.15);
      }
      .share-area {
        position: relative;
      }
      .share-panel {
        position: absolute;
        right: 0;
        top: calc(100% + 8px);
        width: min(360px, calc(100vw - 24px));
        padding: 14px;
        border: 1px solid #e2e8f0;
        border-radius: 14px;
        background: #fff;
        box-shadow:
          0 20px 40px -16px rgb(15 23 42 / 0.3),
          0 2px 6px rgb(15 23 42 / 0.06);
      }
      .share-status {
        display: flex;
        align-items: center;
        gap: 6px;
        margin: 0 0 10px;
        font-weight: 650;
        font-size: 14px;
        color: #15803d;
      }
      .share-link {
        width: 100%;
        height: 36px;
        padding: 0 10px;
        border: 1px solid #e2e8f0;
        border-radius: 8px;
        background: #f8fafc;
        color: #334155;
        font: inherit;
        font-size: 13px;
      }
      .hint {
        margin: 8px 0 0;
        color: #64748b;
        font-size: 13px;
      }
      .share-panel .button {
        width: 100%;
        margin-top: 12px;
      }
      [hidden] {
        display: none !important;
      }
      main {
        max-width: 980px;
        margin: 0 auto;
        padding: 12px 20px 48px;
      }
      main.with-history {
        max-width: 1400px;
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(300px, 400px);
        gap: 16px;
        align-items: start;
      }
      quire-history-panel {
        position: sticky;
        top: 72px;
        max-height: calc(100vh - 84px);
        overflow: auto;
        border-radius: 14px;
      }
      @media (max-width: 900px) {
        main.with-history {
          grid-template-columns: minmax(0, 1fr);
        }
        quire-history-panel {
          position: static;
          max-height: none;
          order: -1;
        }
        .history-label {
          display: none;
        }
      }
      quire-editor {
        --quire-toolbar-sticky-top: 60px;
        min-height: calc(100vh - 110px);
        box-shadow:
          0 1px 2px rgb(15 23 42 / 0.04),
          0 12px 32px -20px rgb(15 23 42 / 0.18);
      }
      @media (max-width: 720px) {
        .name input {
          width: 112px;
        }
      }
      @media (max-width: 640px) {
        .topbar {
          flex-wrap: wrap;
          height: auto;
          padding: 8px 12px;
          row-gap: 6px;
        }
        .title {
          font-size: 17px;
          margin-left: 0;
        }
        .actions {
          width: 100%;
          justify-content: space-between;
        }
        .name {
          flex: 1 1 auto;
        }
        .name input {
          width: 100%;
        }
        main {
          padding: 8px 0 24px;
        }
        quire-editor {
          --quire-toolbar-sticky-top: 104px;
          --quire-radius: 0;
          border-left: none;
          border-right: none;
          min-height: calc(100vh - 112px);
        }
      }
    `,
  ];
}

defineElement('quire-doc-page', QuireDocPage);

declare global {
  interface HTMLElementTagNameMap {
    'quire-doc-page': QuireDocPage;
  }
}
