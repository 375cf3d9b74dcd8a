import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface DismissOptions {
  /** Whether the menu or panel is open now. */
  isOpen: () => boolean;
  /** Closes it; `how` tells Escape (move the focus back) from a press elsewhere. */
  close: (how: 'escape' | 'outside') => void;
  /** Whether a press landed inside what is open, from the event's composed path. @default inside the host */
  contains?: (path: readonly EventTarget[]) => boolean;
}

/**
 * Closes a popup (menu, share panel) of its host on Escape and on a press anywhere outside it, like
 * the platform's own menus; listens on the document only while the host is on the page.
 */
export class DismissController implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: DismissOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('pointerdown', this.onPointerDown);
    document.addEventListener('keydown', this.onKeydown);
  }

  hostDisconnected(): void {
    document.removeEventListener('pointerdown', this.onPointerDown);
    document.removeEventListener('keydown', this.onKeydown);
  }

  private readonly onPointerDown = (event: PointerEvent) => {
    if (!this.options.isOpen()) return;
    const path = event.composedPath();
    const inside = this.options.contains ? this.options.contains(path) : path.includes(this.host);
    if (!inside) this.options.close('outside');
  };

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.options.isOpen()) this.options.close('escape');
  };
}
