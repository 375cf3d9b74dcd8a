/** Counts expected events and resolves `wait()` when all arrived (event-driven, no polling). */
export class Countdown {
  private remaining: number;
  private resolve: (() => void) | null = null;
  private readonly reached: Promise<void>;

  constructor(expected: number) {
    this.remaining = expected;
    this.reached = new Promise((resolve) => {
      this.resolve = resolve;
    });
    if (expected <= 0) this.resolve?.();
  }

  hit(times = 1): void {
    if (this.remaining <= 0) return;
    this.remaining -= times;
    if (this.remaining <= 0) this.resolve?.();
  }

  get left(): number {
    return Math.max(0, this.remaining);
  }

  /** True when everything arrived in time, false at the deadline. */
  async wait(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const result = await Promise.race([this.reached.then(() => true as const), timeout]);
    clearTimeout(timer);
    return result;
  }
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
