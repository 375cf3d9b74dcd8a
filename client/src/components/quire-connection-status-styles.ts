import { css } from 'lit';
import { focusRingRules, statusIndicator, visuallyHiddenRules } from '../styles/shared-styles.js';
import { alpha, theme } from '../styles/theme.js';

/** `<quire-connection-status>`: a coloured dot and a word, or a button while a retry is waiting. */
export const quireConnectionStatusStyles = [
  statusIndicator,
  css`
    .status {
      border: none;
      background: none;
      padding: 4px 6px;
      margin: -4px -6px;
      border-radius: 8px;
      font: inherit;
      color: inherit;
    }
    button.status {
      cursor: pointer;
    }
    button.status:hover {
      background: ${theme.hoverBackground};
    }
    button.status:focus-visible {
      ${focusRingRules}
      outline-offset: 0;
    }
    .retry {
      color: ${theme.accentColor};
      font-weight: 600;
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: ${theme.faintColor};
      flex: none;
    }
    .connected .dot {
      background: ${theme.successColor};
      box-shadow: 0 0 0 3px ${alpha('successColor', 15)};
    }
    .connecting .dot,
    .reconnecting .dot {
      background: ${theme.warningColor};
      animation: pulse 1.2s ease-in-out infinite;
    }
    .refused {
      color: ${theme.dangerColor};
    }
    .refused .dot {
      background: ${theme.dangerColor};
    }
    @keyframes pulse {
      50% {
        opacity: 0.35;
      }
    }
    .label {
      font-variant-numeric: tabular-nums;
    }
    /* Compact where the editor is narrow (its width, not the window's): while disconnected the dot and
       Retry (the save status beside it says Offline), the dot alone while connected; the words stay in
       the tooltip and for screen readers. */
    @container (max-width: 1000px) {
      .reconnecting .label,
      .offline .label {
        ${visuallyHiddenRules}
      }
    }
    @container (max-width: 720px) {
      .connected .label {
        ${visuallyHiddenRules}
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .dot {
        animation: none !important;
      }
    }
  `,
];
