import { css } from 'lit';
import { popoverRules } from '../styles/shared-styles.js';
import { theme } from '../styles/theme.js';
import { linkPopupStyles } from './link-popup-styles.js';

/** `<quire-link-card>`: a link's address and its three actions in one small row. */
export const quireLinkCardStyles = [
  linkPopupStyles,
  css`
    .card {
      max-width: min(420px, calc(100vw - 16px));
      padding: 4px 4px 4px 12px;
      ${popoverRules}
    }
    .row {
      display: flex;
      align-items: center;
      gap: 2px;
    }
    .address {
      flex: 1 1 auto;
      min-width: 0;
      margin-right: 6px;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      color: ${theme.linkColor};
    }
    .address.refused {
      color: ${theme.dangerColor};
    }
    .problem {
      padding: 0 8px 6px 0;
    }
  `,
];
