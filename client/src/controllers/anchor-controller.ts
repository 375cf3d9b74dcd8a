import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type Box, placePopup } from '../components/popup-placement.js';

export interface AnchorOptions {
  /** The popup while it is open (rendered with `popover="manual"`), or null. */
  popup: () => HTMLElement | null;
  /** Where it belongs, in viewport coordinates; read again whenever the page scrolls or resizes. */
  anchor: () => Box | null;
  /** @default 'start' */
  align?: 'start' | 'end';
}

/**
 * Keeps a host's popup (a menu, the link editor) beside what it belongs to: in the top layer, so no
 * ancestor's overflow or stacking clips it on a page that embeds the editor, at fixed coordinates
 * taken from its anchor after every render and on every scroll or resize while it is open.
 */
export class AnchorController implements ReactiveController {
  private shown: HTMLElement | null = null;
  private frame = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: AnchorOptions,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const popup = this.options.popup();
    if (popup !== this.shown) {
      this.shown = popup;
      this.listen(popup !== null);
      if (popup) showInTopLayer(popup);
    }
    if (popup) this.place();
  }

  hostDisconnected(): void {
    this.shown = null;
    this.listen(false);
  }

  private listen(on: boolean): void {
    const method = on ? 'addEventListener' : 'removeEventListener';
    // Capture: scrolling any container the anchor sits in moves it, and scroll events do not bubble.
    window[method]('scroll', this.schedule, { capture: true, passive: true });
    window[method]('resize', this.schedule, { passive: true });
    if (!on && this.frame) cancelAnimationFrame(this.frame);
    if (!on) this.frame = 0;
  }

  private readonly schedule = (): void => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.place();
    });
  };

  private place(): void {
    const popup = this.shown;
    const anchor = this.options.anchor();
    if (!popup || !anchor) return;
    const { width, height } = popup.getBoundingClientRect();
    const root = document.documentElement;
    const viewport = { width: root.clientWidth || window.innerWidth, height: root.clientHeight || window.innerHeight };
    const { left, top } = placePopup(anchor, { width, height }, viewport, this.options.align);
    popup.style.left = `${Math.round(left)}px`;
    popup.style.top = `${Math.round(top)}px`;
  }
}

/** Into the top layer where the browser has one (the Popover API); elsewhere it stays fixed in place. */
function showInTopLayer(popup: HTMLElement): void {
  if (typeof popup.showPopover !== 'function' || popup.matches(':popover-open')) return;
  popup.showPopover();
}
