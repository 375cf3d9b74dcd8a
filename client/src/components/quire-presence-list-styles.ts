import { css } from 'lit';
import { theme } from '../styles/theme.js';

/** `<quire-presence-list>`: overlapping round avatars (their colours are the people's own). */
export const quirePresenceListStyles = css`
  :host {
    display: inline-flex;
    align-items: center;
    flex-direction: row;
    padding-left: 6px;
  }
  .avatar {
    display: inline-grid;
    place-items: center;
    box-sizing: border-box;
    width: 28px;
    height: 28px;
    margin-left: -6px;
    border: 2px solid ${theme.toolbarBackground};
    border-radius: 50%;
    font-size: 11px;
    font-weight: 700;
    letter-spacing: 0.02em;
    line-height: 1;
    cursor: default;
    user-select: none;
    white-space: nowrap;
  }
  .more {
    background: ${theme.mutedBackground};
    color: ${theme.textColor};
  }
  [hidden] {
    display: none;
  }
`;
