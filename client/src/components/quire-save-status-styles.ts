import { css } from 'lit';
import { statusIndicator } from '../styles/shared-styles.js';
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
    @media (max-width: 640px) {
      .detail {
        display: none;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .spinner {
        animation: none;
      }
    }
  `,
];
