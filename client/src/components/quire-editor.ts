import type { Editor } from '@tiptap/core';
import { html, LitElement, nothing } from 'lit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { PresenceUser } from '../editor/presence.js';
import type { Refusal, SessionState } from '../editor/status.js';
import { defineElement } from './define-element.js';
import { ICONS } from './icons.js';
import { quireEditorStyles } from './quire-editor-styles.js';
import './quire-connection-status.js';
import './quire-presence-list.js';
import './quire-save-status.js';
import type { QuireToolbar } from './quire-toolbar.js';
import './quire-toolbar.js';
import { SessionController, type SessionNotices } from './session-controller.js';
import { TiptapController } from './tiptap-controller.js';

/** Detail of the `status` event: the connection state, and while waiting the next attempt's time (epoch ms). */
export type QuireStatusDetail = SessionNotices['status'];

/** Detail of the `error` event: a 44xx code and a sentence for people. */
export type QuireErrorDetail = Refusal;

/**
 * `<quire-editor>`: a collaborative rich-text editor for one Quire document.
 *
 * Attributes: `doc` (document id), `view` (read-only share link id, instead of `doc`), `server` (base URL,
 * default: this page's origin), `user-name`, `user-color` (`#rrggbb`), `readonly`, `token`, `placeholder`.
 * Properties: `editor` (Tiptap), `ydoc`, `provider`, `getToken` (async, called before every connect).
 * Events (bubbling, composed): `status`, `synced`, `saved`, `error`, `ready`.
 * Theming: `--quire-*` custom properties and the parts `header`, `toolbar`, `content`.
 */
export class QuireEditor extends LitElement {
  static override properties = {
    doc: { reflect: true },
    view: { reflect: true },
    server: {},
    userName: { attribute: 'user-name' },
    userColor: { attribute: 'user-color' },
    readonly: { type: Boolean, reflect: true },
    token: {},
    placeholder: {},
    getToken: { attribute: false },
  };

  declare doc: string | null;
  declare view: string | null;
  declare server: string | null;
  declare userName: string | null;
  declare userColor: string | null;
  declare readonly: boolean;
  declare token: string | null;
  declare placeholder: string | null;
  /** When set, called before every (re)connect; its result is the access token (wins over `token`). */
  declare getToken: (() => Promise<string>) | null;
  /** Opens, follows and closes the document's collaboration session. */
  private readonly sessions = new SessionController(this, {
    target: () => ({ doc: this.doc, view: this.view, server: this.server }),
    // Read at every connect, so a changed `token` or `getToken` applies from the next one.
    token: async () => (this.getToken ? await this.getToken() : (this.token ?? '')),
    user: () => ({ name: this.userName, color: this.userColor }),
    notify: (type, detail) => this.emit(type, detail),
  });
  /** The Tiptap editor over the session's document. */
  private readonly tiptap = new TiptapController(this, this.sessions, {
    mount: () => this.renderRoot?.querySelector<HTMLElement>('.content') ?? null,
    readOnly: () => this.isReadOnly,
    placeholder: () => this.placeholder,
    onReady: (editor, ydoc) => this.emit('ready', { editor, ydoc }),
  });

  constructor() {
    super();
    this.doc = null;
    this.view = null;
    this.server = null;
    this.userName = null;
    this.userColor = null;
    this.readonly = false;
    this.token = null;
    this.placeholder = null;
    this.getToken = null;
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    // y-tiptap measures the local selection with `view.root.createRange()`, which a ShadowRoot lacks
    // (yjs/y-prosemirror#58, #196): a remote change arriving while this editor had focus was then
    // dropped with "createRange is not a function". This root alone gets the document's method.
    if (root instanceof ShadowRoot && !('createRange' in root)) {
      Object.defineProperty(root, 'createRange', { value: () => root.ownerDocument.createRange() });
    }
    return root;
  }

  /** The Tiptap editor, once created (see the `ready` event). */
  get editor(): Editor | null {
    return this.tiptap.editor;
  }

  /** The Yjs document (fields in `shared/doc-fields.ts`). */
  get ydoc(): Y.Doc | null {
    return this.sessions.session?.doc ?? null;
  }

  /** The y-websocket provider (its `awareness` holds everyone's presence). */
  get provider(): WebsocketProvider | null {
    return this.sessions.session?.provider ?? null;
  }

  /** Connection and save state, as the indicators show them. */
  get state(): SessionState | null {
    return this.sessions.state;
  }

  /** Everyone in the document, yourself first. */
  get presence(): PresenceUser[] {
    return this.sessions.presence;
  }

  /** True when edits cannot be made here: the `readonly` attribute or a view-only link. */
  get isReadOnly(): boolean {
    return this.readonly || Boolean(this.view);
  }

  /** Reconnects now instead of waiting for the next attempt; after a refusal too (the editor becomes editable again once connected). */
  retry(): void {
    this.sessions.session?.retryNow(true);
  }

  override focus(options?: FocusOptions): void {
    if (this.editor) this.editor.commands.focus();
    else super.focus(options);
  }

  private emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  private onToolbarSlotKey(event: KeyboardEvent): void {
    // Alt+F10 moves from the text to the toolbar (the convention of rich-text editors on the web).
    if (event.altKey && event.key === 'F10') {
      event.preventDefault();
      this.renderRoot.querySelector<QuireToolbar>('quire-toolbar')?.focusToolbar();
    }
  }

  protected override render() {
    const { invalid, state, presence } = this.sessions;
    if (invalid) {
      return html`<div class="frame"><p class="notice error" role="alert">${invalid}</p></div>`;
    }
    const readOnly = this.isReadOnly;
    const refused = state?.connection === 'refused';
    return html`<div class="frame" part="frame">
      <div class="header" part="header">
        ${
          readOnly
            ? html`<span class="status-chip badge" data-testid="readonly-badge">${ICONS.eye} View only</span>`
            : html`<quire-toolbar part="toolbar" .editor=${this.editor}></quire-toolbar>`
        }
        <div class="meta">
          <quire-presence-list .users=${presence}></quire-presence-list>
          ${readOnly ? nothing : html`<quire-save-status .state=${state?.save ?? 'saving'}></quire-save-status>`}
          <quire-connection-status
            .state=${state?.connection ?? 'connecting'}
            .retryAt=${state?.retryAt ?? null}
            .message=${state?.refusal?.message ?? ''}
            @retry=${() => this.sessions.session?.retryNow()}
          ></quire-connection-status>
        </div>
      </div>
      ${
        refused
          ? html`<p class="notice error" role="alert" data-testid="editor-refused">
              ${state?.refusal?.message} Your copy on this device is kept.
            </p>`
          : nothing
      }
      <div class="content" part="content" @keydown=${this.onToolbarSlotKey}></div>
    </div>`;
  }

  static override styles = quireEditorStyles;
}

defineElement('quire-editor', QuireEditor);

declare global {
  interface HTMLElementTagNameMap {
    'quire-editor': QuireEditor;
  }
}
