import { css } from 'lit';
import { alpha, theme } from './theme.js';

/**
 * Style fragments more than one component uses. Each shadow root needs its own copy, so components add
 * these to their `styles`; the rules live here once. Colours come from `theme`.
 */

/** Off screen but read by screen readers; for a rule of its own (`.label { ${visuallyHiddenRules} }`). */
export const visuallyHiddenRules = css`
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
`;

/** `.visually-hidden`: labels for screen readers only. */
export const visuallyHidden = css`
  .visually-hidden {
    ${visuallyHiddenRules}
  }
`;

/** The keyboard focus outline, for a `:focus-visible` rule. */
export const focusRingRules = css`
  outline: 2px solid ${theme.accentColor};
  outline-offset: 2px;
`;

/** The soft ring around a focused text field. */
export const fieldFocusRules = css`
  border-color: ${theme.accentBorderColor};
  outline: none;
  box-shadow: 0 0 0 3px ${alpha('accentColor', 15)};
`;

/** `.icon-button`: a small square button holding one icon (close, remove); it carries an aria-label. */
export const iconButton = css`
  .icon-button {
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 30px;
    height: 30px;
    padding: 0;
    border: none;
    border-radius: 8px;
    background: transparent;
    color: ${theme.mutedColor};
    font: inherit;
    cursor: pointer;
  }
  .icon-button:hover {
    background: ${theme.mutedBackground};
    color: ${theme.textColor};
  }
  .icon-button:focus-visible {
    ${focusRingRules}
  }
`;

/** `.status-chip`: a small rounded label that states something ("View only", "Named"); `.accent` for the accent tint. */
export const statusChip = css`
  .status-chip {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 2px 8px;
    border-radius: 999px;
    background: ${theme.mutedBackground};
    color: ${theme.secondaryColor};
    font-size: 12px;
    font-weight: 700;
    white-space: nowrap;
  }
  .status-chip.accent {
    background: ${theme.activeBackground};
    color: ${theme.accentHoverColor};
  }
`;

/** `.button` and `.button.primary`: the app's text buttons. */
export const buttons = css`
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    height: 38px;
    padding: 0 16px;
    border: 1px solid ${theme.borderColor};
    border-radius: 10px;
    background: ${theme.background};
    color: ${theme.textColor};
    font: inherit;
    font-size: 14px;
    font-weight: 600;
    text-decoration: none;
    white-space: nowrap;
    cursor: pointer;
    transition:
      background-color 120ms,
      border-color 120ms,
      box-shadow 120ms;
  }
  .button:hover {
    background: ${theme.subtleBackground};
    border-color: ${theme.borderStrongColor};
  }
  .button:focus-visible {
    ${focusRingRules}
  }
  .button.primary {
    border-color: ${theme.accentColor};
    background: ${theme.accentColor};
    color: ${theme.onAccentColor};
    box-shadow: 0 1px 2px ${alpha('accentColor', 30)};
  }
  .button.primary:hover {
    background: ${theme.accentHoverColor};
    border-color: ${theme.accentHoverColor};
  }
  .button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
`;

/** A panel that floats over the page (menus, the share panel, the link editor); for its own rule. */
export const popoverRules = css`
  border: 1px solid ${theme.borderColor};
  border-radius: 12px;
  background: ${theme.background};
  box-shadow:
    0 16px 32px -14px ${alpha('shadowColor', 28)},
    0 2px 6px ${alpha('shadowColor', 6)};
`;

/** The host and row of a status indicator beside the editor (saving, connection). */
export const statusIndicator = css`
  :host {
    display: inline-flex;
    min-width: 0;
    font-size: 13px;
    color: ${theme.mutedColor};
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    white-space: nowrap;
  }
`;

/**
 * A popup in the top layer (`popover="manual"`), placed by `AnchorController`: the browser's centred
 * popover box undone, so the popup's own rule draws it.
 */
export const anchoredPopupRules = css`
  position: fixed;
  inset: auto;
  margin: 0;
  padding: 0;
  border: none;
  background: transparent;
  color: inherit;
  overflow: visible;
`;
