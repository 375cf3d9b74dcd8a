import { css } from 'lit';
import { anchoredPopupRules, focusRingRules, popoverRules } from '../styles/shared-styles.js';
import { theme } from '../styles/theme.js';

/** `<quire-toolbar-menu>`: a list of commands, icon, name and shortcut on each row. */
export const quireToolbarMenuStyles = css`
  :host {
    ${anchoredPopupRules}
    z-index: 30;
  }
  .menu {
    display: flex;
    flex-direction: column;
    min-width: 220px;
    max-width: calc(100vw - 16px);
    max-height: min(70vh, 520px);
    overflow-y: auto;
    padding: 6px;
    ${popoverRules}
    font-family: ${theme.fontFamily};
    font-size: 14px;
    line-height: 1.4;
    color: ${theme.textColor};
  }
  button {
    display: flex;
    align-items: center;
    gap: 10px;
    min-height: 36px;
    padding: 6px 10px;
    border: none;
    border-radius: 8px;
    background: transparent;
    color: ${theme.toolbarColor};
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  button:hover:not([aria-disabled='true']) {
    background: ${theme.hoverBackground};
  }
  button[aria-checked='true'] {
    background: ${theme.activeBackground};
    color: ${theme.accentColor};
  }
  button[aria-disabled='true'] {
    color: ${theme.disabledColor};
    cursor: default;
  }
  button:focus-visible {
    ${focusRingRules}
    outline-offset: -2px;
  }
  .icon {
    display: inline-grid;
    place-items: center;
    flex: none;
    width: 20px;
  }
  .label {
    flex: 1 1 auto;
    color: ${theme.textColor};
  }
  button[aria-disabled='true'] .label {
    color: inherit;
  }
  .keys {
    flex: none;
    color: ${theme.mutedColor};
    font-size: 12px;
  }
`;
