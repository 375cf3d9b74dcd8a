import { css } from 'lit';
import { buttons, focusRingRules, popoverRules, visuallyHiddenRules } from '../styles/shared-styles.js';
import { theme } from '../styles/theme.js';

/** `<quire-export-menu>`: the Export button and its menu of formats. */
export const quireExportMenuStyles = [
  buttons,
  css`
    :host {
      display: inline-block;
      position: relative;
    }
    .button {
      padding: 0 14px;
    }
    .menu {
      position: absolute;
      right: 0;
      top: calc(100% + 6px);
      z-index: 40;
      min-width: 190px;
      padding: 6px;
      ${popoverRules}
    }
    a {
      display: flex;
      justify-content: space-between;
      gap: 12px;
      padding: 8px 10px;
      border-radius: 8px;
      color: ${theme.textColor};
      font-size: 14px;
      text-decoration: none;
    }
    a:hover {
      background: ${theme.mutedBackground};
    }
    a:focus-visible {
      ${focusRingRules}
    }
    .hint {
      color: ${theme.mutedColor};
    }
    @media (max-width: 640px) {
      /* Icon only, still named by its word. */
      .label {
        ${visuallyHiddenRules}
      }
    }
  `,
];
