import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fittingCount } from '../components/toolbar-fit.js';

export interface ToolbarOverflowOptions {
  /** The row of buttons, once rendered. Its items carry `data-index` (their place in the command table). */
  bar: () => HTMLElement | null;
  /** How many items the table has. */
  count: number;
}

/**
 * Decides how many of a toolbar's items stay in its row; the rest go to its More menu. It measures
 * where each item ends while it is shown (an item's place in the row never depends on the items after
 * it, so what was measured stays true) and refits whenever the row changes size: a narrower window, a
 * longer status beside the toolbar. The host re-renders when the count changes.
 */
export class ToolbarOverflowController implements ReactiveController {
  /** How many leading items the row shows. Everything at first, to measure them. */
  shown: number;
  private readonly ends = new Map<number, number>();
  private observer: ResizeObserver | null = null;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ToolbarOverflowOptions,
  ) {
    this.shown = options.count;
    host.addController(this);
  }

  /** Some items are in the More menu. */
  get overflowing(): boolean {
    return this.shown < this.options.count;
  }

  hostConnected(): void {
    this.connected = true;
    // The row exists from the first render on; observe it after that one.
    void this.host.updateComplete.then(() => this.observe());
  }

  hostDisconnected(): void {
    this.connected = false;
    this.observer?.disconnect();
    this.observer = null;
  }

  private observe(): void {
    const bar = this.options.bar();
    if (!bar || !this.connected || this.observer || typeof ResizeObserver === 'undefined') return;
    this.observer = new ResizeObserver(() => this.measure());
    this.observer.observe(bar);
  }

  private measure(): void {
    const bar = this.options.bar();
    // A row that is not laid out (hidden, not yet in a page) has nothing to measure.
    if (!bar || bar.clientWidth === 0) return;
    const style = getComputedStyle(bar);
    const paddingStart = Number.parseFloat(style.paddingLeft) || 0;
    const start = bar.getBoundingClientRect().left + bar.clientLeft + paddingStart;
    for (const item of bar.querySelectorAll<HTMLElement>('[data-index]')) {
      this.ends.set(Number(item.dataset.index), item.getBoundingClientRect().right - start);
    }
    const ends = Array.from({ length: this.options.count }, (_, index) => this.ends.get(index));
    const known = ends.filter((end): end is number => end !== undefined);
    if (known.length < ends.length) {
      // Never shown, so never measured: show everything once, then measure again.
      if (this.shown < this.options.count) requestAnimationFrame(() => this.measure());
      this.set(this.options.count);
      return;
    }
    const available = bar.clientWidth - paddingStart - (Number.parseFloat(style.paddingRight) || 0);
    // The More button is styled like the first item, which starts the row.
    const moreWidth = (known[0] ?? 0) + (Number.parseFloat(style.columnGap) || 0);
    this.set(fittingCount(known, available, moreWidth));
  }

  private set(shown: number): void {
    if (shown === this.shown) return;
    this.shown = shown;
    this.host.requestUpdate();
  }
}
