import { css } from 'lit';
import { contentStyles } from '../editor/content-styles.js';
import { statusChip } from '../styles/shared-styles.js';
import { theme } from '../styles/theme.js';

/** `<quire-editor>`: its frame, header and notices, then the document's own styles. */
export const quireEditorStyles = [
  statusChip,
  css`
    :host {
      display: block;
      position: relative;
      box-sizing: border-box;
      /* Follows the reader's light or dark preference; a page sets color-scheme: light on the element to opt out. */
      color-scheme: light dark;
      color: ${theme.textColor};
      background: ${theme.background};
      border: ${theme.border};
      border-radius: ${theme.radius};
      box-shadow: ${theme.shadow};
    }
    :host([hidden]) {
      display: none;
    }
    *,
    *::before,
    *::after {
      box-sizing: border-box;
    }
    /* Inherited host-page styles stop here, even a page's '* { color: red !important }' (which matches
       the host element itself): the frame starts from initial values and takes the rest from the theme.
       A page still decides whether the editor is visible and can be clicked, and its colour scheme. */
    .frame {
      all: initial;
      visibility: inherit;
      pointer-events: inherit;
      color-scheme: inherit;
      font-family: ${theme.fontFamily};
      font-size: ${theme.fontSize};
      line-height: ${theme.lineHeight};
      color: ${theme.textColor};
      background: ${theme.background};
      border-radius: inherit;
      -webkit-text-size-adjust: 100%;
      display: flex;
      flex-direction: column;
      min-height: inherit;
      /* The layout follows the element's own width, not the window's: it is embedded anywhere. */
      container: quire-editor / inline-size;
    }
    .header {
      position: sticky;
      top: ${theme.toolbarStickyTop};
      z-index: 10;
      display: flex;
      align-items: center;
      gap: 8px;
      min-height: 48px;
      padding: 0 12px 0 6px;
      background: ${theme.toolbarBackground};
      border-bottom: 1px solid ${theme.borderColor};
      border-radius: ${theme.radius} ${theme.radius} 0 0;
    }
    /* The toolbar takes what the status leaves of the row; its More menu holds what does not fit. */
    quire-toolbar {
      flex: 1 1 0;
    }
    .meta {
      flex: none;
      display: flex;
      align-items: center;
      gap: 14px;
      margin-left: auto;
    }
    .badge {
      margin-left: 8px;
      padding: 3px 10px;
      font-size: 13px;
      font-weight: 600;
    }
    .content {
      flex: 1 1 auto;
      width: 100%;
      max-width: ${theme.contentMaxWidth};
      margin: 0 auto;
      padding: ${theme.contentPadding};
    }
    .notice {
      margin: 12px 16px 0;
      padding: 10px 14px;
      border-radius: 10px;
      font-size: 14px;
    }
    .error {
      background: ${theme.dangerBackground};
      color: ${theme.dangerColor};
    }
    @container quire-editor (max-width: 560px) {
      .header {
        gap: 4px;
        padding: 0 8px 0 2px;
      }
      .meta {
        gap: 10px;
      }
      .content {
        padding: ${theme.contentPaddingNarrow};
      }
    }
  `,
  contentStyles,
];
