import { describe, expect, it } from 'vitest';
import { rovingTarget } from './roving-focus.js';

describe('rovingTarget', () => {
  it('moves along a toolbar with the side arrows, wrapping, and jumps with Home and End', () => {
    expect(rovingTarget('ArrowRight', 0, 4, 'horizontal')).toBe(1);
    expect(rovingTarget('ArrowRight', 3, 4, 'horizontal')).toBe(0);
    expect(rovingTarget('ArrowLeft', 0, 4, 'horizontal')).toBe(3);
    expect(rovingTarget('End', 1, 4, 'horizontal')).toBe(3);
    expect(rovingTarget('Home', 3, 4, 'horizontal')).toBe(0);
    expect(rovingTarget('ArrowDown', 0, 4, 'horizontal')).toBeNull();
  });

  it('moves along a menu with the up and down arrows, from nowhere to the first or last item', () => {
    expect(rovingTarget('ArrowDown', -1, 3, 'vertical')).toBe(0);
    expect(rovingTarget('ArrowUp', -1, 3, 'vertical')).toBe(2);
    expect(rovingTarget('ArrowDown', 2, 3, 'vertical')).toBe(0);
    expect(rovingTarget('ArrowRight', 0, 3, 'vertical')).toBeNull();
    expect(rovingTarget('ArrowDown', 0, 0, 'vertical')).toBeNull();
  });
});
