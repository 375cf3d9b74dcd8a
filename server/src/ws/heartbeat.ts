import type { WebSocket } from 'ws';

/**
 * Finds dead peers: every interval each socket is pinged; one that has not answered the previous
 * ping is terminated (its close handler then removes its presence).
 */
export class Heartbeat {
  private readonly alive = new Map<WebSocket, boolean>();
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs: number) {
    this.timer = setInterval(() => this.beat(), intervalMs);
    this.timer.unref();
  }

  track(socket: WebSocket): void {
    this.alive.set(socket, true);
    socket.on('pong', () => this.alive.set(socket, true));
    socket.once('close', () => this.alive.delete(socket));
  }

  private beat(): void {
    for (const [socket, answered] of this.alive) {
      if (!answered) {
        socket.terminate();
        this.alive.delete(socket);
        continue;
      }
      this.alive.set(socket, false);
      if (socket.readyState === socket.OPEN) socket.ping();
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
