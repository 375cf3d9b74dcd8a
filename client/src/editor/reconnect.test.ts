import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './reconnect.js';

describe('reconnect backoff', () => {
  it('doubles the ceiling with each attempt, up to the maximum', () => {
    const top = () => 1;
    expect([0, 1, 2, 3, 4, 5, 6, 50, 5000].map((n) => reconnectDelay(n, top))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000, 10_000,
    ]);
  });

  it('jitters within the upper half of the ceiling', () => {
    expect(reconnectDelay(3, () => 0)).toBe(2000);
    expect(reconnectDelay(3, () => 0.5)).toBe(3000);
    const delays = Array.from({ length: 500 }, () => reconnectDelay(2));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(2000);
    // A crowd of clients spreads out instead of returning in lockstep.
    expect(new Set(delays).size).toBeGreaterThan(100);
  });

  it('honours custom limits and clamps odd random sources', () => {
    expect(reconnectDelay(0, () => 1, { baseMs: 100, maxMs: 150 })).toBe(100);
    expect(reconnectDelay(9, () => 1, { baseMs: 100, maxMs: 150 })).toBe(150);
    expect(reconnectDelay(1, () => 7)).toBe(1000);
    expect(reconnectDelay(-3, () => -1)).toBe(250);
  });
});
