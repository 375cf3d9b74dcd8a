import { css } from 'lit';
import { focusRingRules, popoverRules, visuallyHidden } from '../styles/shared-styles.js';
import { theme } from '../styles/theme.js';
import { linkPopupStyles } from './link-popup-styles.js';

/** `<quire-link-editor>`: the address field and its buttons, at the selection. */
export const quireLinkEditorStyles = [
  visuallyHidden,
  linkPopupStyles,
  css`
    form {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
      width: min(440px, calc(100vw - 32px));
      box-sizing: border-box;
      padding: 8px;
      ${popoverRules}
    }
    input {
      flex: 1 1 auto;
      min-width: 0;
      height: 34px;
      box-sizing: border-box;
      padding: 0 10px;
      border: 1px solid ${theme.borderColor};
      border-radius: 8px;
      background: transparent;
      color: inherit;
      font: inherit;
      font-size: 14px;
    }
    input:focus-visible {
      ${focusRingRules}
      outline-offset: 1px;
    }
    .apply {
      flex: none;
      height: 32px;
      padding: 0 12px;
      border: none;
      border-radius: 8px;
      background: ${theme.accentColor};
      color: ${theme.onAccentColor};
      font: inherit;
      font-size: 14px;
      font-weight: 600;
      cursor: pointer;
    }
    .apply:hover {
      background: ${theme.accentHoverColor};
    }
    .apply:focus-visible {
      ${focusRingRules}
      outline-offset: 1px;
    }
  `,
];
