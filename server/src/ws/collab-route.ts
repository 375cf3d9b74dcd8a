import { upgradeWebSocket } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import type { WebSocket } from 'ws';
import { CLOSE_CODE } from '../../../shared/close-codes.js';
import { ACK_QUERY_PARAM } from '../../../shared/protocol/message-type.js';
import { jsonError } from '../http/errors.js';
import { RateMeter } from '../limits/rate-meter.js';
import type { ServerContext } from '../server-context.js';
import type { Room } from '../sync/room.js';
import { type CollabEnv, createAdmission } from './admission.js';
import type { Heartbeat } from './heartbeat.js';
import { SocketPeer } from './socket-peer.js';

/** Frames that may arrive while the document loads; more is a client that does not wait for sync. */
const MAX_FRAMES_BEFORE_LOAD = 1000;
/** setTimeout's longest delay; later expiries re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What the route does with a socket's events once it reads them itself. */
interface SocketHandlers {
  /** One frame from the client; null for a text frame. */
  frame: (frame: Uint8Array | null) => void;
  close: () => void;
  /** The socket reported an error (ws closes it). */
  error: (error: unknown) => void;
  /** Handling a frame threw: a bug, logged, never allowed to end the process. */
  failed: (error: unknown) => void;
}

/**
 * Hono's Node adapter copies every message into a new ArrayBuffer and wraps it in a MessageEvent (a
 * few microseconds and some garbage per frame, for every keystroke of every client), and its listeners
 * keep the whole upgrade request alive for the life of the connection (Hono's Context with its
 * closures, the Request, the Node IncomingMessage: several KB per idle connection). It adds a
 * `message`, a `close` and an `error` listener right after `onOpen` returns; this swaps exactly those
 * for direct ones. ws hands over a fresh Buffer per message, never reused, so the room may keep views
 * of it. If the adapter ever adds anything else, its path stays in use.
 */
function takeOverFromAdapter(socket: WebSocket, handlers: SocketHandlers): void {
  const before = { close: socket.listeners('close'), error: socket.listeners('error') };
  queueMicrotask(() => {
    const added = {
      message: socket.listeners('message'),
      close: socket.listeners('close').filter((listener) => !before.close.includes(listener)),
      error: socket.listeners('error').filter((listener) => !before.error.includes(listener)),
    };
    if (added.message.length !== 1 || added.close.length !== 1 || added.error.length !== 1) return;
    for (const [event, listeners] of Object.entries(added)) {
      socket.off(event, listeners[0] as (...args: unknown[]) => void);
    }
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      // As in the adapter: a throw here would escape into the socket's data handler and end the process.
      try {
        handlers.frame(isBinary ? data : null);
      } catch (error) {
        handlers.failed(error);
      }
    });
    socket.on('close', handlers.close);
    socket.on('error', handlers.error);
  });
}

/**
 * `GET /collab/:docId` (read-write, or read-only with a read token) and `GET /collab/r/:viewId`
 * (read-only links): checks run as ordinary middleware (`admission.ts`) and answer with an HTTP
 * status before any WebSocket exists; then the socket becomes a Peer of the document's Room.
 */
export function createCollabRoute(ctx: ServerContext, heartbeat: Heartbeat) {
  const route = new Hono<CollabEnv>();
  const admission = createAdmission(ctx);
  route.use('/r/:viewId', admission);
  route.use('/:docId', admission);
  const connect = upgradeWebSocket((c: Context<CollabEnv>) => {
    const { docId, readOnly, grant } = c.get('admission');
    const wantsAcks = c.req.query(ACK_QUERY_PARAM) === '1';
    const rate = new RateMeter(ctx.config.maxMessagesPerSecond, ctx.config.maxBytesPerSecond);
    let socket: WebSocket | null = null;
    let peer: SocketPeer | null = null;
    let room: Room | null = null;
    let closed = false;
    let expiry: NodeJS.Timeout | null = null;
    const early: Uint8Array[] = [];
    const closeWhenExpired = () => {
      const left = (grant.expiresAt ?? 0) - Date.now();
      if (left > 0) {
        expiry = setTimeout(closeWhenExpired, Math.min(left, MAX_TIMER_MS));
        expiry.unref();
        return;
      }
      ctx.metrics.refusals.inc({ reason: 'token_expired' });
      peer?.close(CLOSE_CODE.tokenExpired, 'access token expired');
    };
    /** One frame from the client; null for a text frame. */
    const receiveFrame = (frame: Uint8Array | null) => {
      // Once the server closed a peer, whatever it still sends is ignored.
      if (!peer || !socket || socket.readyState !== socket.OPEN) return;
      if (!frame) {
        peer.close(CLOSE_CODE.protocolError, 'text frames are not part of the protocol');
        return;
      }
      ctx.metrics.bytesIn.inc(frame.length);
      if (!rate.allow(frame.length)) {
        ctx.metrics.refusals.inc({ reason: 'rate_limited' });
        peer.close(CLOSE_CODE.rateLimited, 'too many messages; slow down');
        return;
      }
      if (room) room.receive(peer, frame);
      else if (early.length < MAX_FRAMES_BEFORE_LOAD) early.push(frame);
      else peer.close(CLOSE_CODE.tryAgainLater, 'too many messages before the document loaded');
    };
    const onHandlerFailed = (error: unknown) => {
      ctx.metrics.errors.inc({ kind: 'internal' });
      ctx.logger.error({ docId, err: error }, 'handling a socket event failed');
    };
    const onSocketClose = () => {
      closed = true;
      if (expiry) clearTimeout(expiry);
      ctx.metrics.connections.dec();
      // A close event handler that threw would end the process: log it instead.
      try {
        if (peer && room) room.removePeer(peer);
      } catch (error) {
        onHandlerFailed(error);
      }
    };
    const onSocketError = (error: unknown) => {
      ctx.logger.debug({ docId, err: error }, 'socket error');
    };
    return {
      onOpen(_event, ws) {
        socket = ws.raw as WebSocket;
        peer = new SocketPeer(socket, wantsAcks, readOnly, {
          maxBufferedBytes: ctx.config.maxBufferedBytes,
          onSlowReader: () => ctx.metrics.refusals.inc({ reason: 'slow_reader' }),
          onAwarenessSent: (size) => rate.credit(size),
          subject: grant.subject,
        });
        heartbeat.track(socket);
        ctx.metrics.connections.inc();
        if (grant.expiresAt !== null) closeWhenExpired();
        const joining = peer;
        ctx.registry.join(docId, joining).then(
          (joined) => {
            if (closed) return joined.removePeer(joining);
            room = joined;
            for (const frame of early.splice(0)) joined.receive(joining, frame);
          },
          (error: unknown) => {
            ctx.metrics.errors.inc({ kind: 'load' });
            ctx.logger.error({ docId, err: error }, 'loading a document failed');
            joining.close(CLOSE_CODE.internalError, 'could not load the document');
          },
        );
        takeOverFromAdapter(socket, {
          frame: receiveFrame,
          close: onSocketClose,
          error: onSocketError,
          failed: onHandlerFailed,
        });
      },
      onMessage(event) {
        receiveFrame(event.data instanceof ArrayBuffer ? new Uint8Array(event.data) : null);
      },
      onClose: onSocketClose,
      onError: onSocketError,
    };
  });
  route.get('/r/:viewId', connect);
  route.get('/:docId', connect);
  // A plain GET passed every check: say so, so clients can tell "refused" from "not a WebSocket".
  const upgradeRequired = (c: Context<CollabEnv>) =>
    jsonError(c, 426, 'upgrade_required', 'Connect with a WebSocket (y-websocket protocol).');
  route.get('/r/:viewId', upgradeRequired);
  route.get('/:docId', upgradeRequired);
  return route;
}
