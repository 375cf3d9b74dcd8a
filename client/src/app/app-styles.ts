import { css, html } from 'lit';
import { buttons, focusRingRules, visuallyHidden } from '../styles/shared-styles.js';
import { alpha, theme } from '../styles/theme.js';

/** Quire's mark: a page with a quill-like Q (coloured by the theme, see `.logo` below). */
export const logo = html`<svg class="logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
  <rect class="logo-tile" width="32" height="32" rx="9" />
  <circle class="logo-stroke" cx="15.5" cy="15" r="7" fill="none" stroke-width="3" />
  <path class="logo-stroke" d="M18.5 18.5 24 24" stroke-width="3" stroke-linecap="round" />
</svg>`;

/** Styles shared by the app's pages: top bar, logo, buttons, inputs. */
export const appStyles = [
  buttons,
  visuallyHidden,
  css`
    :host {
      display: block;
      min-height: 100vh;
      min-height: 100dvh;
      color-scheme: light dark;
      color: ${theme.textColor};
      background: ${theme.pageBackground};
    }
    * {
      box-sizing: border-box;
    }
    .topbar {
      position: sticky;
      top: 0;
      z-index: 30;
      display: flex;
      align-items: center;
      gap: 12px;
      height: 60px;
      padding: 0 20px;
      background: ${alpha('pageBackground', 85)};
      backdrop-filter: saturate(1.4) blur(12px);
      border-bottom: 1px solid transparent;
    }
    .brand {
      display: inline-flex;
      align-items: center;
      gap: 10px;
      color: inherit;
      text-decoration: none;
      font-weight: 700;
      font-size: 18px;
      letter-spacing: -0.02em;
      border-radius: 10px;
      flex: none;
    }
    .brand:focus-visible,
    a:focus-visible,
    button:focus-visible,
    input:focus-visible {
      ${focusRingRules}
    }
    .logo {
      display: block;
    }
    .logo-tile {
      fill: ${theme.accentColor};
    }
    .logo-stroke {
      stroke: ${theme.onAccentColor};
    }
    button {
      font: inherit;
    }
    @media (max-width: 640px) {
      .topbar {
        padding: 0 12px;
        gap: 8px;
      }
    }
  `,
];
