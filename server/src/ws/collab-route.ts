import { upgradeWebSocket } from '@hono/node-server';
import { Hono } from 'hono';
import type { WebSocket } from 'ws';
import { CLOSE_CODE } from '../../../shared/close-codes.js';
import { isValidDocId } from '../../../shared/doc-id.js';
import { ACK_QUERY_PARAM } from '../../../shared/protocol/message-type.js';
import { jsonError } from '../http/errors.js';
import type { ServerContext } from '../server-context.js';
import type { Room } from '../sync/room.js';
import type { Heartbeat } from './heartbeat.js';
import { SocketPeer } from './socket-peer.js';

/** Frames that may arrive while the document loads; more is a client that does not wait for sync. */
const MAX_FRAMES_BEFORE_LOAD = 1000;

/**
 * `GET /collab/:docId`: checks run as ordinary middleware and answer with an HTTP status before any
 * WebSocket exists; then the socket becomes a Peer of the document's Room.
 */
export function createCollabRoute(ctx: ServerContext, heartbeat: Heartbeat) {
  const route = new Hono();
  route.use('/:docId', async (c, next) => {
    if (!isValidDocId(c.req.param('docId'))) {
      return jsonError(c, 400, 'invalid_doc_id', 'Document ids are 1-128 characters of A-Z a-z 0-9 _ -.');
    }
    await next();
  });
  route.get(
    '/:docId',
    upgradeWebSocket((c) => {
      const docId = c.req.param('docId') as string;
      const wantsAcks = c.req.query(ACK_QUERY_PARAM) === '1';
      let peer: SocketPeer | null = null;
      let room: Room | null = null;
      let closed = false;
      const early: Uint8Array[] = [];
      return {
        onOpen(_event, ws) {
          const socket = ws.raw as WebSocket;
          peer = new SocketPeer(socket, wantsAcks, false);
          heartbeat.track(socket);
          ctx.metrics.connections.inc();
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
          if (!peer) return;
          if (!(event.data instanceof ArrayBuffer)) {
            peer.close(CLOSE_CODE.protocolError, 'text frames are not part of the protocol');
            return;
          }
          const frame = new Uint8Array(event.data);
          ctx.metrics.bytesIn.inc(frame.length);
          if (room) room.receive(peer, frame);
          else if (early.length < MAX_FRAMES_BEFORE_LOAD) early.push(frame);
          else peer.close(CLOSE_CODE.tryAgainLater, 'too many messages before the document loaded');
        },
        onClose() {
          closed = true;
          ctx.metrics.connections.dec();
          if (peer && room) room.removePeer(peer);
        },
        onError(event) {
          ctx.logger.debug({ docId, event: event.type }, 'socket error');
        },
      };
    }),
  );
  // A plain GET passed every check: say so, so clients can tell "refused" from "not a WebSocket".
  route.get('/:docId', (c) =>
    jsonError(c, 426, 'upgrade_required', 'Connect with a WebSocket (y-websocket protocol).'),
  );
  return route;
}
