import { describe, expect, it } from 'vitest';
import { placePopup } from './popup-placement.js';

const VIEWPORT = { width: 390, height: 844 };
const box = (left: number, top: number, width: number, height: number) => ({
  left,
  top,
  right: left + width,
  bottom: top + height,
});

describe('placePopup', () => {
  it('puts a popup under its anchor, lined up with its start or its end', () => {
    expect(placePopup(box(40, 100, 60, 20), { width: 200, height: 50 }, VIEWPORT)).toEqual({ left: 40, top: 126 });
    expect(placePopup(box(300, 10, 32, 32), { width: 200, height: 300 }, VIEWPORT, 'end')).toEqual({
      left: 132,
      top: 48,
    });
  });

  it('keeps it inside the viewport when the anchor is near an edge', () => {
    // Right edge: moved left. Left edge: moved right.
    expect(placePopup(box(350, 100, 20, 20), { width: 200, height: 50 }, VIEWPORT).left).toBe(182);
    expect(placePopup(box(300, 10, 32, 32), { width: 360, height: 50 }, VIEWPORT, 'end').left).toBe(8);
    // Wider than the viewport: from the left margin.
    expect(placePopup(box(100, 100, 20, 20), { width: 500, height: 50 }, VIEWPORT).left).toBe(8);
  });

  it('opens above the anchor when there is no room below and more above', () => {
    expect(placePopup(box(40, 780, 60, 20), { width: 200, height: 120 }, VIEWPORT).top).toBe(654);
    // Little room either way: below, pushed up to stay on screen.
    expect(placePopup(box(40, 60, 60, 20), { width: 200, height: 800 }, { width: 390, height: 600 }).top).toBe(8);
  });

  it('stays on screen when its anchor scrolled out of view', () => {
    expect(placePopup(box(40, -200, 60, 20), { width: 200, height: 50 }, VIEWPORT).top).toBe(8);
    expect(placePopup(box(40, 2000, 60, 20), { width: 200, height: 50 }, VIEWPORT).top).toBe(786);
  });
});
