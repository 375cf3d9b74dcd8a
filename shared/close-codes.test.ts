import { describe, expect, it } from 'vitest';
import { CLOSE_CODE, describeCloseCode, isPermanentCloseCode } from './close-codes.js';

describe('close codes', () => {
  it('puts refusals in the permanent band and recoverable closes outside it', () => {
    for (const code of [CLOSE_CODE.protocolError, CLOSE_CODE.forbidden, CLOSE_CODE.documentDeleted]) {
      expect(isPermanentCloseCode(code)).toBe(true);
    }
    for (const code of [
      CLOSE_CODE.goingAway,
      CLOSE_CODE.internalError,
      CLOSE_CODE.tokenExpired,
      CLOSE_CODE.slowReader,
      CLOSE_CODE.rateLimited,
    ]) {
      expect(isPermanentCloseCode(code)).toBe(false);
    }
  });

  it('has distinct codes and a message for each', () => {
    const codes = Object.values(CLOSE_CODE);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(describeCloseCode(code)).not.toMatch(/code \d+/);
    expect(describeCloseCode(4999)).toContain('4999');
  });
});
