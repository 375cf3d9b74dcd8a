import * as decoding from 'lib0/decoding';
import type * as encoding from 'lib0/encoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as awarenessProtocol from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { TOKEN_QUERY_PARAM, tokenSubprotocols } from '../../../shared/auth.js';
import { describeCloseCode, isPermanentCloseCode } from '../../../shared/close-codes.js';
import { ACK_QUERY_PARAM, MESSAGE_TYPE } from '../../../shared/protocol/message-type.js';
import { collabServerUrl, collabViewServerUrl } from '../../../shared/routes.js';
import { AckTracker, countingWebSocket } from './ack-tracker.js';
import { probeHandshake } from './handshake-probe.js';
import { listenToPage } from './page-signals.js';
import { type PresenceUser, presenceUsers, resolveColor, type UserInfo } from './presence.js';
import { type BackoffOptions, reconnectDelay } from './reconnect.js';
import { type ConnectionState, type Refusal, type SaveState, type SessionState, saveStateOf } from './status.js';

export interface CollabSessionOptions {
  /** Document id, or the view id of a read-only share link when `viewLink` is set. */
  room: string;
  /** HTTP(S) base URL of the Quire server, e.g. `https://quire.example`. */
  serverUrl: string;
  /**
   * Connect through a read-only share link (`/collab/r/<viewId>`).
   * @default false
   */
  viewLink?: boolean;
  /** Access token, sent as the `quire.token.<jwt>` WebSocket subprotocol (decision 021). */
  token?: string | null;
  /** Called before every (re)connect for a fresh token; wins over `token`. */
  getToken?: (() => Promise<string>) | null;
  /**
   * Keep the document in IndexedDB so it opens and takes edits without a server.
   * @default true where IndexedDB exists
   */
  persistence?: boolean;
  /**
   * Sync tabs of this browser directly (BroadcastChannel).
   * @default true
   */
  crossTab?: boolean;
  /**
   * The WebSocket class to extend (Node tests pass `ws`).
   * @default globalThis.WebSocket
   */
  WebSocket?: typeof WebSocket;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** @default Math.random */
  random?: () => number;
  backoff?: BackoffOptions;
  /**
   * How long to wait for IndexedDB before connecting anyway, in milliseconds.
   * @default 2000
   */
  persistenceTimeoutMs?: number;
}

/** Events: `change` (any state), `presence`, `synced`, `saved`, `refused` (detail: Refusal). */
export type CollabSessionEvent = 'change' | 'presence' | 'synced' | 'saved' | 'refused';

/** Origin of title and other app-level edits, so they are never mistaken for remote ones. */
export const LOCAL_ORIGIN = Symbol('quire-local');

/**
 * One open document: a Y.Doc, its IndexedDB copy, and a y-websocket connection with durable-ack
 * counting and Quire's own reconnection (backoff with jitter, a probe that tells refusals from outages).
 * Knows nothing of the DOM beyond the platform's WebSocket, fetch and window events.
 */
export class CollabSession extends EventTarget {
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  readonly provider: WebsocketProvider;
  readonly persistence: IndexeddbPersistence | null = null;
  readonly readOnlyLink: boolean;

  private readonly options: CollabSessionOptions;
  private readonly tracker = new AckTracker();
  private connection: ConnectionState = 'connecting';
  private refusal: Refusal | null = null;
  private retryAt: number | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempts = 0;
  /** Bumped by every connect and by destroy; async steps of an older one stop when it changed. */
  private generation = 0;
  private socketOpened = false;
  /** The token of the current attempt, for the handshake probe (which cannot send subprotocols). */
  private attemptToken: string | null = null;
  private everConnected = false;
  private started = false;
  private destroyed = false;
  private lastSave: SaveState = 'saving';
  private user: UserInfo | null = null;
  private fixedColor = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(options: CollabSessionOptions) {
    super();
    this.options = options;
    this.readOnlyLink = options.viewLink ?? false;
    const serverUrl = this.readOnlyLink ? collabViewServerUrl(options.serverUrl) : collabServerUrl(options.serverUrl);
    const BaseSocket = options.WebSocket ?? globalThis.WebSocket;
    this.provider = new WebsocketProvider(serverUrl, options.room, this.doc, {
      connect: false,
      params: { [ACK_QUERY_PARAM]: '1' },
      WebSocketPolyfill: countingWebSocket(BaseSocket, (socket, data) => {
        if (socket === this.provider.ws) this.tracker.recordSend(socket, data);
      }),
      disableBc: !(options.crossTab ?? typeof BroadcastChannel !== 'undefined'),
      // Every close comes back to this class: backoff, jitter and the refusal rules live here.
      shouldReconnect: () => false,
    });
    this.awareness = this.provider.awareness;
    this.provider.messageHandlers[MESSAGE_TYPE.ack] = (
      _encoder: encoding.Encoder,
      decoder: decoding.Decoder,
      provider: WebsocketProvider,
    ) => {
      this.tracker.recordAck(provider.ws, decoding.readVarUint(decoder));
      this.update();
    };
    this.provider.on('status', this.onStatus);
    this.provider.on('connection-close', this.onConnectionClose);
    this.provider.on('sync', this.onSync);
    this.awareness.on('change', this.onAwarenessChange);
    this.doc.on('update', this.onDocUpdate);

    const usePersistence = options.persistence ?? typeof indexedDB !== 'undefined';
    if (usePersistence) {
      const persistence = new IndexeddbPersistence(`quire:${serverUrl}/${options.room}`, this.doc);
      // y-indexeddb leaves a failed open unhandled; the document then simply lives in memory.
      persistence._db.catch(() => {});
      this.persistence = persistence;
    }
  }

  /** Loads the local copy (briefly) and connects. Call once. */
  start(): void {
    if (this.started || this.destroyed) return;
    this.started = true;
    this.listenToWindow();
    const ready = this.persistence
      ? Promise.race([
          this.persistence.whenSynced.then(() => undefined),
          new Promise<void>((resolve) => setTimeout(resolve, this.options.persistenceTimeoutMs ?? 2000)),
        ])
      : Promise.resolve();
    void ready.then(() => this.connectNow());
  }

  get state(): SessionState {
    return {
      connection: this.connection,
      save: this.saveState(),
      synced: this.provider.synced,
      retryAt: this.retryAt,
      refusal: this.refusal,
    };
  }

  /** Updates sent on this connection and not yet acknowledged as durable. */
  get pendingUpdates(): number {
    return this.tracker.pending;
  }

  get presence(): PresenceUser[] {
    return presenceUsers(this.awareness.getStates(), this.doc.clientID);
  }

  /**
   * Publishes who is editing. Unless `fixedColor`, the colour moves to a free one when someone who
   * joined earlier already shows it.
   */
  setUser(user: UserInfo, fixedColor = false): void {
    this.user = { ...user };
    this.fixedColor = fixedColor;
    this.publishUser();
  }

  /**
   * Skips the wait and reconnects now (a "Retry" button, the network coming back). After a permanent
   * refusal only when `afterRefusal` is set: a person may ask again, automatic triggers must not
   * (reconnecting with edits would bring a deleted document back).
   */
  retryNow(afterRefusal = false): void {
    if (this.destroyed || !this.started) return;
    if (this.connection === 'connected' || this.provider.ws !== null) return;
    if (this.connection === 'refused' && !afterRefusal) return;
    this.refusal = null;
    this.connectNow();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.generation++;
    this.clearRetry();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.provider.off('status', this.onStatus);
    this.provider.off('connection-close', this.onConnectionClose);
    this.provider.off('sync', this.onSync);
    this.awareness.off('change', this.onAwarenessChange);
    this.doc.off('update', this.onDocUpdate);
    this.provider.destroy();
    void this.persistence?.destroy();
    this.doc.destroy();
  }

  private async connectNow(): Promise<void> {
    // A socket is already open or opening (e.g. `pageshow` retried before the local copy finished
    // loading): keep it. Going on would show "reconnecting" over a live connection, for good.
    if (this.destroyed || this.provider.ws !== null) return;
    this.clearRetry();
    const generation = ++this.generation;
    this.setConnection(this.everConnected || this.attempts > 0 ? 'reconnecting' : 'connecting');
    const params: Record<string, string> = this.readOnlyLink ? {} : { [ACK_QUERY_PARAM]: '1' };
    let token = this.options.token ?? null;
    if (this.options.getToken) {
      try {
        token = await this.options.getToken();
      } catch {
        // No token now: count it as a failed attempt and try again later.
        if (generation === this.generation) this.scheduleRetry();
        return;
      }
      if (generation !== this.generation || this.destroyed) return;
    }
    // A subprotocol rather than `?token=`, so the token stays out of URLs and access logs.
    this.provider.protocols = token ? tokenSubprotocols(token) : [];
    this.provider.params = params;
    this.attemptToken = token || null;
    this.socketOpened = false;
    this.provider.connect();
  }

  private scheduleRetry(): void {
    if (this.destroyed) return;
    this.clearRetry();
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    // Offline: still try now and then (the server may be on this machine), but slowly.
    const delay = offline
      ? reconnectDelay(Number.MAX_SAFE_INTEGER, this.options.random, this.options.backoff)
      : reconnectDelay(this.attempts++, this.options.random, this.options.backoff);
    this.retryAt = Date.now() + delay;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connectNow();
    }, delay);
    this.setConnection(offline ? 'offline' : 'reconnecting');
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retryAt = null;
  }

  private refuse(refusal: Refusal): void {
    this.clearRetry();
    this.refusal = refusal;
    this.provider.shouldConnect = false;
    this.setConnection('refused');
    this.dispatchEvent(new CustomEvent<Refusal>('refused', { detail: refusal }));
  }

  private readonly onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    if (status !== 'connected') return;
    this.socketOpened = true;
    this.everConnected = true;
    this.tracker.reset(this.provider.ws);
    this.setConnection('connected');
  };

  private readonly onConnectionClose = (event: CloseEvent | null) => {
    if (this.destroyed) return;
    const opened = this.socketOpened;
    this.socketOpened = false;
    if (event === null) {
      // Closed on this side (y-websocket's silence watchdog): the provider reconnects by itself.
      this.setConnection('reconnecting');
      return;
    }
    if (isPermanentCloseCode(event.code)) {
      this.refuse({ code: event.code, message: describeCloseCode(event.code) });
      return;
    }
    if (opened) {
      this.scheduleRetry();
      return;
    }
    // Never opened: the handshake was refused or the server is unreachable. A browser cannot see the
    // HTTP status of a failed upgrade, so ask the same URL over plain HTTP.
    const generation = this.generation;
    this.setConnection(this.everConnected || this.attempts > 0 ? 'reconnecting' : 'connecting');
    // A plain GET cannot carry subprotocols, so this one request names the token in its query.
    const probeUrl = new URL(this.provider.url);
    if (this.attemptToken) probeUrl.searchParams.set(TOKEN_QUERY_PARAM, this.attemptToken);
    void probeHandshake(probeUrl.toString(), this.options.fetch).then((result) => {
      if (this.destroyed || generation !== this.generation) return;
      if (result.kind === 'permanent') this.refuse({ code: result.code, message: result.message });
      else this.scheduleRetry();
    });
  };

  private readonly onSync = (synced: boolean) => {
    if (!synced) return;
    this.attempts = 0;
    this.update(true); // `state.synced` changed even when the save state did not
    this.dispatchEvent(new Event('synced'));
  };

  private readonly onDocUpdate = () => {
    // y-websocket sent the update (and the tracker counted it) in its own listener, registered first.
    this.update();
  };

  private readonly onAwarenessChange = () => {
    this.publishUser();
    this.dispatchEvent(new Event('presence'));
  };

  private publishUser(): void {
    if (!this.user || this.destroyed) return;
    const color = this.fixedColor
      ? this.user.color
      : resolveColor(
          this.user.color,
          { clientId: this.doc.clientID, userId: this.user.id },
          this.awareness.getStates(),
        );
    const current = (this.awareness.getLocalState() as { user?: UserInfo } | null)?.user;
    const next = { ...this.user, color };
    if (current && current.id === next.id && current.name === next.name && current.color === next.color) return;
    this.awareness.setLocalStateField('user', next);
  }

  private listenToWindow(): void {
    let hiddenState: Record<string, unknown> | null = null;
    this.cleanups.push(
      listenToPage({
        online: () => this.retryNow(),
        offline: () => {
          if (this.connection === 'reconnecting') this.scheduleRetry();
        },
        visible: () => this.retryNow(),
        // Others (and this browser's other tabs) see you leave at once instead of after 30 s.
        hide: () => {
          hiddenState = this.awareness.getLocalState();
          awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], 'page hidden');
        },
        // Back from the back/forward cache: come back into view (field updates are ignored on a null state).
        show: () => {
          if (hiddenState && this.awareness.getLocalState() === null) this.awareness.setLocalState(hiddenState);
          hiddenState = null;
          this.retryNow();
        },
      }),
    );
  }

  private setConnection(connection: ConnectionState): void {
    if (connection !== 'reconnecting' && connection !== 'offline') this.retryAt = null;
    this.connection = connection;
    this.update(true);
  }

  private saveState(): SaveState {
    return saveStateOf({
      connection: this.connection,
      synced: this.provider.synced,
      sent: this.tracker.sent,
      acked: this.tracker.acked,
    });
  }

  /** Re-evaluates the save state; tells listeners when something they show changed. */
  private update(force = false): void {
    const save = this.saveState();
    const changed = save !== this.lastSave;
    const becameSaved = changed && save === 'saved';
    this.lastSave = save;
    if (changed || force) this.dispatchEvent(new Event('change'));
    if (becameSaved) this.dispatchEvent(new Event('saved'));
  }
}
