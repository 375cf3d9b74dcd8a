/** What the page says that a live document cares about. */
export interface PageSignals {
  /** The browser thinks the network is back. */
  online(): void;
  offline(): void;
  /** The tab came to the front. */
  visible(): void;
  /** The page is being left, or put into the back/forward cache. */
  hide(): void;
  /** The page is shown again (also back from the back/forward cache). */
  show(): void;
}

/**
 * Listens to the window's network, visibility and page-lifecycle events; returns the function that stops.
 * Does nothing outside a browser (Node tests), where there is no window to listen to.
 */
export function listenToPage(signals: PageSignals): () => void {
  if (typeof window === 'undefined' || typeof window.addEventListener !== 'function') return () => {};
  const onVisibility = () => {
    if (document.visibilityState === 'visible') signals.visible();
  };
  const listeners: [EventTarget, string, () => void][] = [
    [window, 'online', () => signals.online()],
    [window, 'offline', () => signals.offline()],
    [document, 'visibilitychange', onVisibility],
    [window, 'pagehide', () => signals.hide()],
    [window, 'pageshow', () => signals.show()],
  ];
  for (const [target, type, listener] of listeners) target.addEventListener(type, listener);
  return () => {
    for (const [target, type, listener] of listeners) target.removeEventListener(type, listener);
  };
}
