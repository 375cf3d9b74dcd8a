/**
 * The floor: a WebSocket relay that forwards every frame, byte for byte, to the other sockets on the
 * same path. No parsing, no document, no storage; no real server can do less per message.
 *
 *   PORT=1235 HOST=127.0.0.1 node --import tsx bench/targets/relay.ts
 */
import { createServer } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';

const rooms = new Map<string, Set<WebSocket>>();
const server = createServer((_request, response) => response.writeHead(426).end());
const wss = new WebSocketServer({ server, perMessageDeflate: false });

wss.on('connection', (socket, request) => {
  const key = request.url ?? '/';
  let room = rooms.get(key);
  if (!room) {
    room = new Set();
    rooms.set(key, room);
  }
  const peers = room;
  peers.add(socket);
  socket.on('message', (data: Buffer, isBinary) => {
    for (const peer of peers)
      if (peer !== socket && peer.readyState === WebSocket.OPEN) peer.send(data, { binary: isBinary });
  });
  socket.on('close', () => {
    peers.delete(socket);
    if (peers.size === 0) rooms.delete(key);
  });
  socket.on('error', () => socket.terminate());
});

server.listen(Number(process.env.PORT ?? 1235), process.env.HOST ?? '127.0.0.1', () => {
  console.log(`relay listening on ${JSON.stringify(server.address())}`);
});
process.on('SIGTERM', () => process.exit(0));
