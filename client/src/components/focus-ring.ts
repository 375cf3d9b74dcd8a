/**
 * Focuses `element` and shows its focus ring, as when moved to by keyboard: for focus moved by a
 * shortcut (Alt+F10) or handed back when a menu closes on Escape. (`focusVisible` is in the HTML
 * standard and Chromium and Firefox; TypeScript's DOM types do not have it yet.)
 */
export function focusWithRing(element: HTMLElement | null | undefined): void {
  element?.focus({ focusVisible: true } as FocusOptions);
}
