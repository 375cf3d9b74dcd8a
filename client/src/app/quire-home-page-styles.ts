import { css } from 'lit';
import { focusRingRules, iconButton } from '../styles/shared-styles.js';
import { alpha, theme } from '../styles/theme.js';
import { appStyles } from './app-styles.js';

/** `/`: the welcome, New document and Import, the drop overlay, and the list of recent documents. */
export const quireHomePageStyles = [
  appStyles,
  iconButton,
  css`
    main {
      max-width: 720px;
      margin: 0 auto;
      padding: 56px 24px 80px;
    }
    .hero h1 {
      margin: 0 0 12px;
      font-size: clamp(30px, 6vw, 44px);
      line-height: 1.1;
      letter-spacing: -0.035em;
      font-weight: 800;
      text-wrap: balance;
    }
    .lede {
      margin: 0 0 28px;
      max-width: 560px;
      color: ${theme.secondaryColor};
      font-size: 17px;
      line-height: 1.6;
    }
    .big {
      height: 46px;
      padding: 0 22px;
      font-size: 15px;
      border-radius: 12px;
    }
    .import {
      margin-left: 8px;
    }
    .import:focus-within {
      ${focusRingRules}
    }
    .drop-hint {
      margin: 10px 0 0;
      color: ${theme.mutedColor};
      font-size: 13px;
    }
    .drop-overlay {
      position: fixed;
      inset: 12px;
      z-index: 50;
      display: grid;
      place-items: center;
      border: 3px dashed ${theme.accentColor};
      border-radius: 20px;
      background: ${alpha('accentSoftBackground', 92)};
      color: ${theme.accentHoverColor};
      font-size: 22px;
      font-weight: 700;
      pointer-events: none;
    }
    .features {
      display: grid;
      grid-template-columns: repeat(3, 1fr);
      gap: 20px;
      margin: 40px 0 0;
      padding: 0;
      list-style: none;
      color: ${theme.secondaryColor};
      font-size: 14px;
      line-height: 1.55;
    }
    .features strong {
      display: block;
      margin-bottom: 2px;
      color: ${theme.textColor};
    }
    @media (max-width: 640px) {
      .features {
        grid-template-columns: 1fr;
        gap: 12px;
        margin-top: 28px;
      }
    }
    .error {
      margin: 14px 0 0;
      color: ${theme.dangerColor};
      font-size: 14px;
    }
    .recent {
      margin-top: 56px;
    }
    .recent h2 {
      margin: 0 0 12px;
      font-size: 13px;
      font-weight: 700;
      text-transform: uppercase;
      letter-spacing: 0.06em;
      color: ${theme.mutedColor};
    }
    .list {
      list-style: none;
      margin: 0;
      padding: 0;
      border-radius: 14px;
      background: ${theme.background};
      border: 1px solid ${theme.borderColor};
      overflow: hidden;
    }
    .list.empty {
      display: none;
    }
    .list li {
      position: relative;
      display: flex;
      align-items: center;
    }
    .list li + li {
      border-top: 1px solid ${theme.mutedBackground};
    }
    .list a {
      flex: 1 1 auto;
      min-width: 0;
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 14px 52px 14px 16px;
      color: inherit;
      text-decoration: none;
    }
    .list a:hover {
      background: ${theme.subtleBackground};
    }
    .list a:focus-visible {
      outline-offset: -2px;
    }
    .doc-icon {
      display: grid;
      place-items: center;
      flex: none;
      width: 34px;
      height: 34px;
      border-radius: 9px;
      background: ${theme.accentSoftBackground};
      color: ${theme.accentColor};
    }
    .doc-title {
      flex: 1 1 auto;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font-weight: 600;
    }
    .untitled {
      color: ${theme.mutedColor};
      font-weight: 500;
    }
    time {
      flex: none;
      color: ${theme.mutedColor};
      font-size: 13px;
    }
    .forget {
      position: absolute;
      right: 10px;
      color: ${theme.mutedColor};
      opacity: 0;
    }
    li:hover .forget,
    .forget:focus-visible {
      opacity: 1;
    }
    @media (hover: none) {
      .forget {
        opacity: 1;
      }
    }
    .empty {
      margin: 0;
      padding: 28px 20px;
      border: 1px dashed ${theme.borderStrongColor};
      border-radius: 14px;
      color: ${theme.mutedColor};
      text-align: center;
      font-size: 15px;
    }
    @media (max-width: 640px) {
      main {
        padding: 32px 18px 64px;
      }
      time {
        display: none;
      }
    }
  `,
];
