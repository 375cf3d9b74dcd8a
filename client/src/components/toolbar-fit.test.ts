import { describe, expect, it } from 'vitest';
import { fittingCount } from './toolbar-fit.js';

// Five 32 px buttons with 2 px gaps, a 10 px divider before the fourth: ends at 32, 66, 100, 144, 178.
const ENDS = [32, 66, 100, 144, 178];
const MORE = 34;

describe('fittingCount', () => {
  it('keeps every item when they all fit, without room for a More button', () => {
    expect(fittingCount(ENDS, 178, MORE)).toBe(5);
    expect(fittingCount(ENDS, 500, MORE)).toBe(5);
    expect(fittingCount([], 10, MORE)).toBe(0);
  });

  it('keeps the leading items that fit beside the More button', () => {
    // One pixel short of all five: the More button takes the fifth one's place and the fourth's.
    expect(fittingCount(ENDS, 177, MORE)).toBe(3);
    expect(fittingCount(ENDS, 134, MORE)).toBe(3);
    expect(fittingCount(ENDS, 133, MORE)).toBe(2);
    expect(fittingCount(ENDS, 66, MORE)).toBe(1);
    expect(fittingCount(ENDS, 65, MORE)).toBe(0);
  });

  it('shows only the More button when not even one item fits beside it', () => {
    expect(fittingCount(ENDS, 40, MORE)).toBe(0);
    expect(fittingCount(ENDS, 0, MORE)).toBe(0);
  });

  it('does not drop an item for a fraction of a pixel', () => {
    expect(fittingCount([32, 66.4], 66, MORE)).toBe(2);
  });
});
