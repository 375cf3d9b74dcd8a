import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Whether a horizontally scrolling row has more content past its right edge, kept current as the row is
 * resized and scrolled (call `measure()` from its scroll listener). The host re-renders when it changes.
 */
export class OverflowController implements ReactiveController {
  /** Content is hidden past the right edge. */
  moreRight = false;
  private observer: ResizeObserver | null = null;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The scrolling element, once rendered. */
    private readonly element: () => HTMLElement | null,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    // The element exists from the first render on; observe it after that one.
    void this.host.updateComplete.then(() => this.observe());
  }

  hostDisconnected(): void {
    this.connected = false;
    this.observer?.disconnect();
    this.observer = null;
  }

  measure = (): void => {
    const row = this.element();
    if (!row) return;
    // Two pixels of slack: fractional widths would otherwise flicker the hint at the very end.
    const moreRight = row.scrollLeft + row.clientWidth < row.scrollWidth - 2;
    if (moreRight === this.moreRight) return;
    this.moreRight = moreRight;
    this.host.requestUpdate();
  };

  private observe(): void {
    const row = this.element();
    if (!row || !this.connected || this.observer || typeof ResizeObserver === 'undefined') return;
    this.observer = new ResizeObserver(this.measure);
    this.observer.observe(row);
  }
}
