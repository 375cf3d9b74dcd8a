/**
 * Messages and bytes one connection sent in the current one-second window: two counters and a
 * timestamp, no allocation per message.
 */
export class RateMeter {
  private windowStart = 0;
  private messages = 0;
  private bytes = 0;

  constructor(
    private readonly maxMessages: number,
    private readonly maxBytes: number,
  ) {}

  /** Records one message; false once the connection went over either limit in this window. */
  allow(size: number, now = Date.now()): boolean {
    this.roll(now);
    this.messages++;
    this.bytes += size;
    return this.messages <= this.maxMessages && this.bytes <= this.maxBytes;
  }

  /**
   * Grants one message of `size` bytes back: a stock y-websocket client answers every presence change
   * it receives by sending those states back, so what it may send grows with what it was sent.
   */
  credit(size: number, now = Date.now()): void {
    this.roll(now);
    this.messages--;
    this.bytes -= size;
  }

  private roll(now: number): void {
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.messages = 0;
      this.bytes = 0;
    }
  }
}
