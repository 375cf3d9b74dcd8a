import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy the test controls, between the browser and the server. `cut()` really cuts: every
 * open connection (page loads and WebSockets) is destroyed and new ones are closed at once, which
 * the browser sees as a dead network, not as a polite close from the server. `blackhole()` is the
 * quieter failure (a laptop lid closing): connections stay open but no byte gets through, so only
 * timeouts and heartbeats can notice.
 */
export class TcpProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private mode: 'open' | 'cut' | 'blackhole' = 'open';
  private boundPort = 0;

  private constructor(private readonly targetPort: () => number) {
    this.server = createServer((client) => this.accept(client));
  }

  /** Listens on a free loopback port and forwards to `targetPort()` (read per connection, so restarts work). */
  static async start(targetPort: () => number): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetPort);
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = proxy.server.address();
    if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP address');
    proxy.boundPort = address.port;
    return proxy;
  }

  get port(): number {
    return this.boundPort;
  }

  /** The origin the browser should use: the proxy's, so page, REST and WebSocket all go through it. */
  get url(): string {
    return `http://127.0.0.1:${this.boundPort}`;
  }

  /** Destroys every connection and refuses new ones until `restore()`. */
  cut(): void {
    this.mode = 'cut';
    this.destroyAll();
  }

  /** Drops every byte both ways without closing anything, on open and new connections, until `restore()`. */
  blackhole(): void {
    this.mode = 'blackhole';
  }

  /** Lets new connections through again; connections a blackhole swallowed are dropped first. */
  restore(): void {
    if (this.mode === 'blackhole') this.destroyAll();
    this.mode = 'open';
  }

  private destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.mode === 'cut') {
      client.destroy();
      return;
    }
    const upstream = connect(this.targetPort(), '127.0.0.1');
    this.track(client);
    this.track(upstream);
    // A side that ends ends the other after its pending bytes; a side that fails kills both, like a real path.
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    const destroyBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', destroyBoth);
    upstream.on('error', destroyBoth);
    // Not pipe(): a blackhole must be able to swallow bytes mid-stream.
    client.on('data', (chunk) => {
      if (this.mode !== 'blackhole') upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (this.mode !== 'blackhole') client.write(chunk);
    });
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}
