import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isValidDocId } from '../../../shared/doc-id.js';
import { isValidViewId } from '../../../shared/view-id.js';
import { CollabSession, type CollabSessionOptions } from '../editor/collab-session.js';
import { loadIdentity, safeLocalStorage } from '../editor/identity.js';
import { cleanName, isHexColor, type PresenceUser, type UserInfo } from '../editor/presence.js';
import type { ConnectionState, Refusal, SessionState } from '../editor/status.js';

/** Which document to open: by id (`doc`) or through a view-only link (`view`), on `server`. */
export interface SessionTarget {
  doc: string | null;
  view: string | null;
  /** Base URL of the Quire server. @default this page's origin */
  server: string | null;
}

/** What the session tells its host, to announce as events (see `<quire-editor>`). */
export interface SessionNotices {
  /** The connection state changed, or the reconnect countdown restarted. */
  status: { status: ConnectionState; retryAt: number | null };
  synced: null;
  saved: null;
  /** A permanent refusal, or an address that cannot be opened at all. */
  error: Refusal;
}

export interface SessionControllerOptions {
  /** Read at every host update; a change closes the session and opens the new target. */
  target: () => SessionTarget;
  /** The access token, asked for before every connect. */
  token: () => Promise<string>;
  /** The name and colour the host was given; unset parts come from this browser's remembered identity. */
  user: () => { name: string | null; color: string | null };
  notify: <K extends keyof SessionNotices>(type: K, detail: SessionNotices[K]) => void;
  /** Settings for every session beyond its target (a Node test passes its WebSocket class). */
  sessionOptions?: Partial<CollabSessionOptions>;
}

/**
 * Owns the collaboration session of an editor element: opens one for the element's document when it is
 * on the page, closes it when the document changes or the element leaves for good (a move in the DOM,
 * which disconnects and reconnects in one task, keeps it), and mirrors its state for rendering.
 */
export class SessionController implements ReactiveController {
  /** The open session; null before the first update, for an invalid address, and after closing. */
  session: CollabSession | null = null;
  state: SessionState | null = null;
  /** Everyone in the document, yourself first. */
  presence: PresenceUser[] = [];
  /** Why the address cannot be opened at all (no session is made for it). */
  invalid: string | null = null;

  private connected = false;
  private closePending = false;
  private targetKey = '';
  private publishedUser = '';
  private lastConnection: ConnectionState | null = null;
  private readonly closingListeners: ((session: CollabSession) => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: SessionControllerOptions,
  ) {
    host.addController(this);
  }

  /** `listener` runs just before a session closes, while its document is still alive. */
  onClosing(listener: (session: CollabSession) => void): void {
    this.closingListeners.push(listener);
  }

  /** This person as others see them: the host's name and colour, else the ones this browser remembers. */
  identity(): UserInfo {
    const stored = loadIdentity(safeLocalStorage());
    const { name, color } = this.options.user();
    return { id: stored.id, name: cleanName(name) || stored.name, color: isHexColor(color) ? color : stored.color };
  }

  /** Publishes the identity to everyone (again: the caret extension publishes it without colour resolution). */
  publishUser(): void {
    const { color } = this.options.user();
    this.session?.setUser(this.identity(), isHexColor(color));
  }

  hostConnected(): void {
    this.connected = true;
    this.closePending = false;
    if (!this.session) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.closePending = true;
    queueMicrotask(() => {
      if (this.closePending) this.close();
    });
  }

  hostUpdate(): void {
    const target = this.options.target();
    const key = JSON.stringify([target.doc, target.view, target.server]);
    if (key !== this.targetKey && this.connected) {
      this.close();
      this.targetKey = key;
      this.open(target);
    }
    const user = JSON.stringify(this.options.user());
    if (user !== this.publishedUser) {
      this.publishedUser = user;
      this.publishUser();
    }
  }

  private open(target: SessionTarget): void {
    const viewLink = Boolean(target.view);
    const room = viewLink ? target.view : target.doc;
    this.invalid = null;
    if (!room) return;
    if (!(viewLink ? isValidViewId(room) : isValidDocId(room))) {
      this.invalid = viewLink ? 'This view link is not valid.' : 'This is not a valid document address.';
      this.options.notify('error', { code: 4400, message: this.invalid });
      return;
    }
    const session = new CollabSession({
      ...this.options.sessionOptions,
      room,
      viewLink,
      serverUrl: target.server || location.origin,
      getToken: this.options.token,
    });
    this.session = session;
    session.addEventListener('change', () => this.onChange(session));
    session.addEventListener('presence', () => {
      if (this.session !== session) return;
      this.presence = session.presence;
      this.host.requestUpdate();
    });
    session.addEventListener('synced', () => this.options.notify('synced', null));
    session.addEventListener('saved', () => this.options.notify('saved', null));
    session.addEventListener('refused', (event) =>
      this.options.notify('error', (event as CustomEvent<Refusal>).detail),
    );
    this.publishUser();
    this.state = session.state;
    this.presence = session.presence;
    session.start();
  }

  private onChange(session: CollabSession): void {
    if (this.session !== session) return;
    const state = session.state;
    this.state = state;
    this.host.requestUpdate();
    // Every reconnect schedules a new countdown, so those are announced even when the state stays.
    if (state.connection !== this.lastConnection || state.connection === 'reconnecting') {
      this.lastConnection = state.connection;
      this.options.notify('status', { status: state.connection, retryAt: state.retryAt });
    }
  }

  private close(): void {
    const session = this.session;
    if (session) for (const listener of this.closingListeners) listener(session);
    session?.destroy();
    this.session = null;
    this.targetKey = '';
    this.lastConnection = null;
    this.state = null;
    this.presence = [];
    this.host.requestUpdate();
  }
}
