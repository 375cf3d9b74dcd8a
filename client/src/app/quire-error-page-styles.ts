import { css } from 'lit';
import { theme } from '../styles/theme.js';
import { appStyles } from './app-styles.js';

/** The error page: one centred card with a mark, the heading, the message and the way back. */
export const quireErrorPageStyles = [
  appStyles,
  css`
    main {
      display: grid;
      place-items: center;
      padding: 12vh 20px 40px;
    }
    .card {
      max-width: 460px;
      text-align: center;
    }
    .mark {
      display: grid;
      place-items: center;
      width: 52px;
      height: 52px;
      margin: 0 auto 18px;
      border-radius: 16px;
      background: ${theme.dangerBackground};
      color: ${theme.dangerColor};
      font-size: 26px;
      font-weight: 800;
    }
    h1 {
      margin: 0 0 10px;
      font-size: 24px;
      letter-spacing: -0.02em;
    }
    p {
      margin: 0 0 26px;
      color: ${theme.secondaryColor};
      line-height: 1.6;
    }
    p[data-testid='error-message'] {
      margin-bottom: 6px;
      color: ${theme.textColor};
      font-weight: 500;
    }
    p[data-testid='error-message'] + a {
      margin-top: 20px;
    }
  `,
];
