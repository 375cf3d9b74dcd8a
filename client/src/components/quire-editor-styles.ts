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
      /* Inherited host-page styles stop here; everything inside comes from these properties. */
      font-family: ${theme.fontFamily};
      font-size: ${theme.fontSize};
      line-height: ${theme.lineHeight};
      font-weight: 400;
      font-style: normal;
      letter-spacing: normal;
      text-align: start;
      text-transform: none;
      color: ${theme.textColor};
      background: ${theme.background};
      border: ${theme.border};
      border-radius: ${theme.radius};
      box-shadow: ${theme.shadow};
      -webkit-text-size-adjust: 100%;
    }
    :host([hidden]) {
      display: none;
    }
    *,
    *::before,
    *::after {
      box-sizing: border-box;
    }
    .frame {
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
    quire-toolbar {
      flex: 1 1 auto;
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
    @container quire-editor (max-width: 860px) {
      .header {
        flex-wrap: wrap;
        row-gap: 0;
        padding: 4px 10px 0 6px;
      }
      .meta {
        order: -1;
        width: 100%;
        justify-content: flex-end;
        gap: 12px;
        padding: 2px 2px 0;
      }
      quire-toolbar {
        width: 100%;
      }
      .badge {
        margin: 0 0 8px;
      }
    }
    @container quire-editor (max-width: 560px) {
      .content {
        padding: ${theme.contentPaddingNarrow};
      }
    }
  `,
  contentStyles,
];
