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

/**
 * Hono's Node adapter copies every message into a new ArrayBuffer and wraps it in a MessageEvent: a
 * few microseconds and some garbage per frame, for every keystroke of every client. Its listener is
 * added right after `onOpen` returns; once it is there, this swaps it for one that hands over the
 * `Buffer` ws produced (a fresh allocation per message, never reused, so the room may keep views of
 * it). If the adapter ever behaves differently (not exactly one listener), its path stays in use.
 */
function readFramesDirectly(
  socket: WebSocket,
  receive: (frame: Uint8Array | null) => void,
  onError: (error: unknown) => void,
): void {
  queueMicrotask(() => {
    const listeners = socket.listeners('message');
    if (listeners.length !== 1) return;
    socket.off('message', listeners[0] as (...args: unknown[]) => void);
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      // As in the adapter: a throw here would escape into the socket's data handler and end the process.
      try {
        receive(isBinary ? data : null);
      } catch (error) {
        onError(error);
      }
    });
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
    return {
      onOpen(_event, ws) {
        socket = ws.raw as WebSocket;
        readFramesDirectly(socket, receiveFrame, (error) => {
          ctx.metrics.errors.inc({ kind: 'internal' });
          ctx.logger.error({ docId, err: error }, 'handling a message failed');
        });
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
      },
      onMessage(event) {
        receiveFrame(event.data instanceof ArrayBuffer ? new Uint8Array(event.data) : null);
      },
      onClose() {
        closed = true;
        if (expiry) clearTimeout(expiry);
        ctx.metrics.connections.dec();
        if (peer && room) room.removePeer(peer);
      },
      onError(event) {
        ctx.logger.debug({ docId, event: event.type }, 'socket error');
      },
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
