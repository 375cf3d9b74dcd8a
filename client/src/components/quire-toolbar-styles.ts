import { css } from 'lit';
import { focusRingRules } from '../styles/shared-styles.js';
import { theme } from '../styles/theme.js';

/** `<quire-toolbar>`: one row of icon buttons in groups; what does not fit is in the More menu. */
export const quireToolbarStyles = css`
  :host {
    display: block;
    position: relative;
    min-width: 0;
  }
  .bar {
    display: flex;
    align-items: center;
    gap: 2px;
    /* Items that do not fit move to the More menu; never a scrolling row. */
    overflow: hidden;
    padding: 6px 4px;
  }
  .divider {
    flex: none;
    width: 1px;
    height: 20px;
    margin: 0 5px;
    background: ${theme.borderColor};
  }
  button {
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 32px;
    height: 32px;
    padding: 0;
    border: none;
    border-radius: 8px;
    background: transparent;
    color: ${theme.toolbarColor};
    font: inherit;
    cursor: pointer;
    transition:
      background-color 120ms,
      color 120ms;
  }
  button:hover:not([aria-disabled='true']) {
    background: ${theme.hoverBackground};
  }
  button.active {
    background: ${theme.activeBackground};
    color: ${theme.accentColor};
  }
  /* aria-disabled, not disabled: unavailable buttons stay focusable, so the toolbar's single tab stop
     and arrow-key order never skip (WAI-ARIA toolbar pattern). */
  button[aria-disabled='true'] {
    color: ${theme.disabledColor};
    cursor: default;
  }
  button:focus-visible {
    ${focusRingRules}
    outline-offset: 1px;
  }
`;
