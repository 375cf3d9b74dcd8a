/** Why a handshake was refused before the upgrade (HTTP status, JSON error code, text). */
export interface Refusal {
  status: 429 | 503;
  error: string;
  message: string;
}

export interface ConnectionLimits {
  maxConnections: number;
  maxConnectionsPerIp: number;
  maxHandshakesPerIp: number;
}

/**
 * Connection caps (in total and per address) and the handshake rate per address, checked before the
 * upgrade. A slot is reserved when a handshake passes every check and released when its TCP socket
 * closes, so a handshake that fails later (bad key, client gone) cannot leak a slot.
 */
export class ConnectionLimiter {
  private open = 0;
  private readonly openPerIp = new Map<string, number>();
  /** Handshakes per address in the current second; cleared each second, so it holds one second of addresses. */
  private handshakes = new Map<string, number>();
  private second = 0;

  constructor(private readonly limits: ConnectionLimits) {}

  get openConnections(): number {
    return this.open;
  }

  /** Counts one handshake attempt; a refusal if the address started too many this second. */
  countHandshake(ip: string, now = Date.now()): Refusal | null {
    const second = Math.floor(now / 1000);
    if (second !== this.second) {
      this.second = second;
      this.handshakes = new Map();
    }
    const count = (this.handshakes.get(ip) ?? 0) + 1;
    this.handshakes.set(ip, count);
    if (count <= this.limits.maxHandshakesPerIp) return null;
    return { status: 429, error: 'too_many_handshakes', message: 'Too many connection attempts; retry in a second.' };
  }

  /** Would one more connection from `ip` be refused? (Checks only; reserve() takes the slot.) */
  check(ip: string): Refusal | null {
    if (this.open >= this.limits.maxConnections) {
      return { status: 503, error: 'server_full', message: 'The server has too many connections; retry later.' };
    }
    if ((this.openPerIp.get(ip) ?? 0) >= this.limits.maxConnectionsPerIp) {
      return { status: 429, error: 'too_many_connections', message: 'Too many connections from your address.' };
    }
    return null;
  }

  /** Takes a slot if allowed; returns its release function (idempotent) or the refusal. */
  reserve(ip: string): { release: () => void } | Refusal {
    const refusal = this.check(ip);
    if (refusal) return refusal;
    this.open++;
    this.openPerIp.set(ip, (this.openPerIp.get(ip) ?? 0) + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.open--;
        const left = (this.openPerIp.get(ip) ?? 1) - 1;
        if (left > 0) this.openPerIp.set(ip, left);
        else this.openPerIp.delete(ip);
      },
    };
  }
}
