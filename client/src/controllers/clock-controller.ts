import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The current time for a countdown ("reconnecting in 4 s"): `now` is the time of the host's latest render,
 * and while `running()` is true and the host is on the page it re-renders every `intervalMs`; no timer otherwise.
 */
export class ClockController implements ReactiveController {
  now = Date.now();
  private timer: ReturnType<typeof setInterval> | null = null;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Whether a countdown is showing, read at every host update. */
    private readonly running: () => boolean,
    private readonly intervalMs = 1000,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostUpdate(): void {
    this.now = Date.now();
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.sync();
  }

  private sync(): void {
    const run = this.connected && this.running();
    if (run && this.timer === null) {
      this.timer = setInterval(() => this.host.requestUpdate(), this.intervalMs);
    } else if (!run && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}
