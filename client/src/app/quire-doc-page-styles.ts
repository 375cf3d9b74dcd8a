import { css } from 'lit';
import { fieldFocusRules, popoverRules, visuallyHiddenRules } from '../styles/shared-styles.js';
import { alpha, theme } from '../styles/theme.js';
import { appStyles } from './app-styles.js';

/** `/d/<id>` and `/r/<viewId>`: the top bar (title, actions, share panel), the editor and the history beside it. */
export const quireDocPageStyles = [
  appStyles,
  css`
    .title {
      flex: 1 1 auto;
      min-width: 0;
      height: 40px;
      padding: 0 10px;
      margin-left: 4px;
      border: 1px solid transparent;
      border-radius: 10px;
      background: transparent;
      color: inherit;
      font: inherit;
      font-size: 18px;
      font-weight: 650;
      letter-spacing: -0.015em;
      text-overflow: ellipsis;
    }
    .title:hover:not([readonly]) {
      border-color: ${theme.borderColor};
    }
    .title:focus {
      background: ${theme.background};
      ${fieldFocusRules}
    }
    .title::placeholder {
      color: ${theme.placeholderColor};
    }
    .actions {
      flex: none;
      display: flex;
      align-items: center;
      gap: 10px;
    }
    .name input {
      width: 150px;
      height: 38px;
      padding: 0 12px;
      border: 1px solid ${theme.borderColor};
      border-radius: 10px;
      background: ${theme.background};
      color: inherit;
      font: inherit;
      font-size: 14px;
    }
    .name input:focus {
      ${fieldFocusRules}
    }
    .share-area {
      position: relative;
    }
    .share-panel {
      position: absolute;
      right: 0;
      top: calc(100% + 8px);
      width: min(360px, calc(100vw - 24px));
      padding: 14px;
      ${popoverRules}
      border-radius: 14px;
    }
    .share-status {
      display: flex;
      align-items: center;
      gap: 6px;
      margin: 0 0 10px;
      font-weight: 650;
      font-size: 14px;
      color: ${theme.successColor};
    }
    .share-link {
      width: 100%;
      height: 36px;
      padding: 0 10px;
      border: 1px solid ${theme.borderColor};
      border-radius: 8px;
      background: ${theme.subtleBackground};
      color: ${theme.secondaryColor};
      font: inherit;
      font-size: 13px;
    }
    .hint {
      margin: 8px 0 0;
      color: ${theme.mutedColor};
      font-size: 13px;
    }
    .share-panel .button {
      width: 100%;
      margin-top: 12px;
    }
    [hidden] {
      display: none !important;
    }
    main {
      max-width: 980px;
      margin: 0 auto;
      padding: 12px 20px 48px;
    }
    main.with-history {
      max-width: 1400px;
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(300px, 400px);
      gap: 16px;
      align-items: start;
    }
    quire-history-panel {
      position: sticky;
      top: 72px;
      max-height: calc(100vh - 84px);
      overflow: auto;
      border-radius: 14px;
    }
    @media (max-width: 900px) {
      main.with-history {
        grid-template-columns: minmax(0, 1fr);
      }
      quire-history-panel {
        position: static;
        max-height: none;
        order: -1;
      }
      .history-label {
        ${visuallyHiddenRules}
      }
    }
    quire-editor {
      --quire-toolbar-sticky-top: 60px;
      min-height: calc(100vh - 110px);
      box-shadow:
        0 1px 2px ${alpha('shadowColor', 4)},
        0 12px 32px -20px ${alpha('shadowColor', 18)};
    }
    @media (max-width: 720px) {
      .name input {
        width: 112px;
      }
    }
    /* A phone: the title and actions scroll away with the page, only the editor's toolbar stays. */
    @media (max-width: 640px) {
      .topbar {
        position: static;
        flex-wrap: wrap;
        height: auto;
        padding: 8px 12px;
        row-gap: 6px;
      }
      .title {
        flex: 1 1 0;
        font-size: 17px;
        margin-left: 0;
      }
      .actions {
        width: 100%;
        justify-content: space-between;
      }
      .name {
        flex: 1 1 auto;
      }
      .name input {
        width: 100%;
      }
      main {
        padding: 8px 0 24px;
      }
      quire-editor {
        --quire-toolbar-sticky-top: 0;
        --quire-radius: 0;
        border-left: none;
        border-right: none;
        min-height: calc(100vh - 112px);
      }
    }
  `,
];
