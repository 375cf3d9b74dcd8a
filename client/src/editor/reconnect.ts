/** Reconnection timing: exponential backoff with jitter, so a restarted server is not hit by every client at once. */
export interface BackoffOptions {
  /**
   * Delay ceiling of the first retry, in milliseconds.
   * @default 500
   */
  baseMs?: number;
  /**
   * Largest delay, in milliseconds.
   * @default 10000
   */
  maxMs?: number;
}

export const DEFAULT_BACKOFF = { baseMs: 500, maxMs: 10_000 } as const;

/**
 * Milliseconds to wait before retry number `attempt` (0 for the first retry): "equal jitter", a random
 * point in the upper half of `min(max, base · 2^attempt)`. The lower half stays empty so a flapping
 * server still gets breathing room; the random half spreads a crowd of clients out.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random, options: BackoffOptions = {}) {
  const baseMs = options.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const maxMs = options.maxMs ?? DEFAULT_BACKOFF.maxMs;
  // 2^attempt overflows to Infinity for huge attempts, which min() caps anyway.
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  const unit = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling / 2 + (ceiling / 2) * unit);
}
