import { connect, createServer, type Socket } from 'node:net';
import { onCleanup } from './helpers.js';

export interface TcpProxy {
  port: number;
  /** Where new connections go; existing ones keep their upstream until it closes. */
  setTarget(port: number): void;
}

/**
 * A load balancer in miniature: forwards each new TCP connection to the current target port. A
 * client behind it reconnects to the same URL and lands wherever the test points it.
 */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  let target = targetPort;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    track(client);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    // A dead upstream (SIGKILLed instance) resets the client's connection, as a real balancer would.
    const destroyBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', destroyBoth);
    upstream.on('error', destroyBoth);
    client.on('close', destroyBoth);
    upstream.on('close', destroyBoth);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    port: (server.address() as { port: number }).port,
    setTarget: (port) => {
      target = port;
    },
  };
}
