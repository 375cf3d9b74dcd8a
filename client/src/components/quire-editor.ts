import type { Editor } from '@tiptap/core';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { isValidDocId } from '../../../shared/doc-id.js';
import { isValidViewId } from '../../../shared/view-id.js';
import { CollabSession, type Refusal, type SessionState } from '../editor/collab-session.js';
import { createEditor } from '../editor/create-editor.js';
import { loadIdentity, safeLocalStorage } from '../editor/identity.js';
import { cleanName, isHexColor, type PresenceUser, type UserInfo } from '../editor/presence.js';
import type { ConnectionState } from '../editor/status.js';
import { defineElement } from './define-element.js';
import { ICONS } from './icons.js';
import { quireEditorStyles } from './quire-editor-styles.js';
import './quire-connection-status.js';
import './quire-presence-list.js';
import './quire-save-status.js';
import type { QuireToolbar } from './quire-toolbar.js';
import './quire-toolbar.js';

/** Detail of the `status` event. */
export interface QuireStatusDetail {
  status: ConnectionState;
  /** Epoch ms of the next reconnect attempt, while waiting for it. */
  retryAt: number | null;
}

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
    _state: { state: true },
    _presence: { state: true },
    _invalid: { state: true },
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
  declare _state: SessionState | null;
  declare _presence: PresenceUser[];
  declare _invalid: string | null;

  /** The Tiptap editor, once created (see the `ready` event). */
  editor: Editor | null = null;
  private session: CollabSession | null = null;
  private sessionKey = '';
  private lastConnection: ConnectionState | null = null;
  private pendingDestroy = false;

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
    this._state = null;
    this._presence = [];
    this._invalid = null;
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

  /** The Yjs document (fields in `shared/doc-fields.ts`). */
  get ydoc(): Y.Doc | null {
    return this.session?.doc ?? null;
  }

  /** The y-websocket provider (its `awareness` holds everyone's presence). */
  get provider(): WebsocketProvider | null {
    return this.session?.provider ?? null;
  }

  /** Connection and save state, as the indicators show them. */
  get state(): SessionState | null {
    return this._state;
  }

  /** Everyone in the document, yourself first. */
  get presence(): PresenceUser[] {
    return this._presence;
  }

  /** True when edits cannot be made here: the `readonly` attribute or a view-only link. */
  get isReadOnly(): boolean {
    return this.readonly || Boolean(this.view);
  }

  /** Reconnects now instead of waiting for the next attempt; after a refusal too (the editor becomes editable again once connected). */
  retry(): void {
    const refused = this._state?.connection === 'refused';
    this.session?.retryNow(true);
    if (refused && this.editor) this.editor.setEditable(this.canEdit());
  }

  override focus(options?: FocusOptions): void {
    if (this.editor) this.editor.commands.focus();
    else super.focus(options);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moving the element in the DOM disconnects and reconnects it in one task: keep the session.
    this.pendingDestroy = false;
    if (!this.session) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pendingDestroy = true;
    queueMicrotask(() => {
      if (this.pendingDestroy) this.teardown();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const key = JSON.stringify([this.doc, this.view, this.server]);
    if (key !== this.sessionKey && this.isConnected) {
      this.sessionKey = key;
      this.teardown();
      this.sessionKey = key;
      this.startSession();
    }
    if (changed.has('userName') || changed.has('userColor')) this.publishUser();
    if (changed.has('readonly') && this.editor) this.editor.setEditable(this.canEdit());
  }

  protected override updated(): void {
    if (this.session && !this.editor) this.mountEditor();
  }

  private canEdit(): boolean {
    return !this.isReadOnly && this._state?.connection !== 'refused';
  }

  private identity(): UserInfo {
    const stored = loadIdentity(safeLocalStorage());
    return {
      id: stored.id,
      name: cleanName(this.userName) || stored.name,
      color: isHexColor(this.userColor) ? this.userColor : stored.color,
    };
  }

  private publishUser(): void {
    this.session?.setUser(this.identity(), isHexColor(this.userColor));
  }

  private startSession(): void {
    const viewLink = Boolean(this.view);
    const room = viewLink ? this.view : this.doc;
    this._invalid = null;
    if (!room) return;
    if (!(viewLink ? isValidViewId(room) : isValidDocId(room))) {
      this._invalid = viewLink ? 'This view link is not valid.' : 'This is not a valid document address.';
      this.emit<QuireErrorDetail>('error', { code: 4400, message: this._invalid });
      return;
    }
    const session = new CollabSession({
      room,
      viewLink,
      serverUrl: this.server || location.origin,
      // Read at every connect, so a changed `token` or `getToken` applies from the next one.
      getToken: async () => (this.getToken ? await this.getToken() : (this.token ?? '')),
    });
    this.session = session;
    session.addEventListener('change', () => this.onSessionChange(session));
    session.addEventListener('presence', () => {
      if (this.session === session) this._presence = session.presence;
    });
    session.addEventListener('synced', () => this.emit('synced', null));
    session.addEventListener('saved', () => this.emit('saved', null));
    session.addEventListener('refused', (event) => {
      this.editor?.setEditable(false);
      this.emit<QuireErrorDetail>('error', (event as CustomEvent<Refusal>).detail);
    });
    this.publishUser();
    this._state = session.state;
    this._presence = session.presence;
    session.start();
  }

  private onSessionChange(session: CollabSession): void {
    if (this.session !== session) return;
    const state = session.state;
    this._state = state;
    if (state.connection !== this.lastConnection || state.connection === 'reconnecting') {
      this.lastConnection = state.connection;
      this.emit<QuireStatusDetail>('status', { status: state.connection, retryAt: state.retryAt });
    }
  }

  private mountEditor(): void {
    const session = this.session;
    const mount = this.renderRoot.querySelector<HTMLElement>('.content');
    if (!session || !mount) return;
    const editor = createEditor({
      element: mount,
      doc: session.doc,
      awareness: session.awareness,
      user: this.identity(),
      editable: this.canEdit(),
      placeholder: this.placeholder ?? undefined,
    });
    this.editor = editor;
    // The caret extension published the user without colour resolution; publish the resolved one.
    this.publishUser();
    this.requestUpdate();
    this.emit('ready', { editor, ydoc: session.doc });
  }

  private teardown(): void {
    this.editor?.destroy();
    this.editor = null;
    const mount = this.renderRoot?.querySelector<HTMLElement>('.content');
    if (mount) mount.replaceChildren();
    this.session?.destroy();
    this.session = null;
    this.sessionKey = '';
    this.lastConnection = null;
    this._state = null;
    this._presence = [];
  }

  private emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  private onToolbarSlotKey(event: KeyboardEvent): void {
    // Alt+F10 moves from the text to the toolbar (the convention of rich-text editors on the web).
    if (event.altKey && event.key === 'F10') {
      event.preventDefault();
      this.renderRoot
        .querySelector<QuireToolbar>('quire-toolbar')
        ?.renderRoot.querySelector<HTMLButtonElement>('button[tabindex="0"]')
        ?.focus();
    }
  }

  protected override render() {
    if (this._invalid) {
      return html`<div class="frame"><p class="notice error" role="alert">${this._invalid}</p></div>`;
    }
    const state = this._state;
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
          <quire-presence-list .users=${this._presence}></quire-presence-list>
          ${readOnly ? nothing : html`<quire-save-status .state=${state?.save ?? 'saving'}></quire-save-status>`}
          <quire-connection-status
            .state=${state?.connection ?? 'connecting'}
            .retryAt=${state?.retryAt ?? null}
            .message=${state?.refusal?.message ?? ''}
            @retry=${() => this.session?.retryNow()}
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
