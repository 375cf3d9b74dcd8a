import { css } from 'lit';
import { anchoredPopupRules, iconButton } from '../styles/shared-styles.js';
import { theme } from '../styles/theme.js';

/** What the link editor and the link card share: a popup at the selection, its icon buttons, its notice. */
export const linkPopupStyles = [
  iconButton,
  css`
    :host {
      ${anchoredPopupRules}
      z-index: 20;
      font-family: ${theme.fontFamily};
      font-size: 14px;
      line-height: 1.4;
      color: ${theme.textColor};
    }
    .icon-button {
      width: 32px;
      height: 32px;
      color: ${theme.toolbarColor};
    }
    .problem {
      flex: 1 0 100%;
      margin: 0;
      color: ${theme.dangerColor};
      font-size: 13px;
    }
  `,
];
