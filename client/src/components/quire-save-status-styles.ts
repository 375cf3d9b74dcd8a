import { css } from 'lit';
import { statusIndicator, visuallyHiddenRules } from '../styles/shared-styles.js';
import { theme } from '../styles/theme.js';

/** `<quire-save-status>`: an icon (or spinner) and the save state in words. */
export const quireSaveStatusStyles = [
  statusIndicator,
  css`
    .status {
      gap: 5px;
    }
    .saved svg {
      color: ${theme.successColor};
    }
    .offline {
      color: ${theme.warningColor};
    }
    .spinner {
      width: 10px;
      height: 10px;
      border: 2px solid currentColor;
      border-right-color: transparent;
      border-radius: 50%;
      animation: spin 0.8s linear infinite;
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
    /* Compact where the editor is narrow: the short word, then the icon alone (the words stay in the
       tooltip and for screen readers); "Offline" stays in words, it is news. */
    @container (max-width: 1000px) {
      .detail {
        ${visuallyHiddenRules}
      }
    }
    @container (max-width: 480px) {
      .saved .label,
      .saving .label {
        ${visuallyHiddenRules}
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .spinner {
        animation: none;
      }
    }
  `,
];
