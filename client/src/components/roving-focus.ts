/** Keys that move the focus within a toolbar (left and right) or a menu (up and down). */
const MOVES: Record<'horizontal' | 'vertical', Record<string, (index: number, count: number) => number>> = {
  horizontal: {
    ArrowRight: (i, count) => (i + 1) % count,
    ArrowLeft: (i, count) => (i - 1 + count) % count,
    Home: () => 0,
    End: (_i, count) => count - 1,
  },
  vertical: {
    ArrowDown: (i, count) => (i + 1) % count,
    ArrowUp: (i, count) => (i - 1 + count) % count,
    Home: () => 0,
    End: (_i, count) => count - 1,
  },
};

/**
 * Where a key moves the focus among `count` items (WAI-ARIA toolbar and menu patterns: arrows wrap
 * at the ends, Home and End jump), or null for a key that does not move it. From nowhere (`index`
 * -1), a step forward lands on the first item and a step back on the last.
 */
export function rovingTarget(
  key: string,
  index: number,
  count: number,
  orientation: 'horizontal' | 'vertical',
): number | null {
  const move = MOVES[orientation][key];
  if (!move || count === 0) return null;
  return move(index < 0 ? (key === 'ArrowLeft' || key === 'ArrowUp' ? 0 : -1) : index, count);
}

/**
 * A menu's arrow keys: moves the focus among `items` from the one focused in `root` (its shadow root)
 * and takes the key; leaves every other key alone.
 */
export function moveMenuFocus(event: KeyboardEvent, items: readonly HTMLElement[], root: ShadowRoot | null): void {
  const active = root?.activeElement;
  const current = active instanceof HTMLElement ? items.indexOf(active) : -1;
  const target = rovingTarget(event.key, current, items.length, 'vertical');
  if (target === null) return;
  event.preventDefault();
  items[target]?.focus();
}
