/** A box in viewport coordinates (a `DOMRect` is one). */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Size {
  width: number;
  height: number;
}

/** Space between a popup and what it belongs to. */
const GAP = 6;
/** Space a popup keeps from the viewport's edges. */
const MARGIN = 8;

const clamp = (value: number, min: number, max: number): number => Math.max(min, Math.min(value, max));

/**
 * Where a popup goes (viewport coordinates of its top-left corner): under its anchor, lined up with
 * the anchor's start (or its end, for a menu under a button at the end of a row); above the anchor
 * when it does not fit below and there is more room above; always inside the viewport.
 */
export function placePopup(
  anchor: Box,
  popup: Size,
  viewport: Size,
  align: 'start' | 'end' = 'start',
): { left: number; top: number } {
  const roomBelow = viewport.height - anchor.bottom - GAP - MARGIN;
  const roomAbove = anchor.top - GAP - MARGIN;
  const below = popup.height <= roomBelow || roomBelow >= roomAbove;
  const top = below ? anchor.bottom + GAP : anchor.top - GAP - popup.height;
  const left = align === 'start' ? anchor.left : anchor.right - popup.width;
  return {
    left: clamp(left, MARGIN, viewport.width - MARGIN - popup.width),
    top: clamp(top, MARGIN, viewport.height - MARGIN - popup.height),
  };
}
