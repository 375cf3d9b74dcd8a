import { css } from 'lit';
import { buttons, fieldFocusRules, iconButton, statusChip, visuallyHidden } from '../styles/shared-styles.js';
import { theme } from '../styles/theme.js';

/** `<quire-history-panel>`: the list of versions, the save form, and a version shown with its differences. */
export const quireHistoryPanelStyles = [
  visuallyHidden,
  iconButton,
  statusChip,
  buttons,
  css`
    :host {
      display: block;
      font-size: 14px;
      color: ${theme.textColor};
    }
    * {
      box-sizing: border-box;
    }
    .panel {
      display: flex;
      flex-direction: column;
      gap: 12px;
      padding: 14px;
      border: 1px solid ${theme.borderColor};
      border-radius: 14px;
      background: ${theme.background};
    }
    header,
    .preview-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
    }
    h2 {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      margin: 0;
      font-size: 15px;
    }
    .save {
      display: flex;
      gap: 8px;
    }
    .save input {
      flex: 1 1 auto;
      min-width: 0;
      height: 36px;
      padding: 0 10px;
      border: 1px solid ${theme.borderColor};
      border-radius: 8px;
      background: ${theme.background};
      color: inherit;
      font: inherit;
    }
    .save input:focus {
      ${fieldFocusRules}
    }
    .button {
      gap: 6px;
      height: 36px;
      padding: 0 12px;
      border-radius: 8px;
    }
    .button:disabled {
      opacity: 0.55;
      cursor: default;
    }
    .notice,
    .error,
    .empty,
    .legend {
      margin: 0;
      font-size: 13px;
    }
    .notice {
      color: ${theme.successColor};
    }
    .error {
      color: ${theme.dangerColor};
    }
    .empty,
    .muted {
      color: ${theme.mutedColor};
    }
    .versions {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .version {
      display: flex;
      flex-direction: column;
      gap: 2px;
      width: 100%;
      padding: 8px 10px;
      border: 1px solid transparent;
      border-radius: 10px;
      background: transparent;
      color: inherit;
      font: inherit;
      text-align: left;
      cursor: pointer;
    }
    .version:hover {
      background: ${theme.subtleBackground};
    }
    .version.selected {
      border-color: ${theme.accentBorderColor};
      background: ${theme.accentSoftBackground};
    }
    .line1 {
      display: flex;
      align-items: center;
      gap: 6px;
      font-weight: 600;
    }
    .name.auto {
      font-weight: 500;
    }
    .tag {
      padding: 0 6px;
      font-size: 11px;
    }
    .line2 {
      color: ${theme.mutedColor};
      font-size: 12px;
    }
    .preview {
      display: flex;
      flex-direction: column;
      gap: 10px;
      padding: 12px;
      border: 1px solid ${theme.accentBorderColor};
      border-radius: 12px;
      background: ${theme.subtleBackground};
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      color: ${theme.secondaryColor};
    }
    .added-sample,
    ins {
      background: ${theme.addedBackground};
      color: ${theme.addedColor};
      text-decoration: none;
    }
    .removed-sample,
    del {
      background: ${theme.removedBackground};
      color: ${theme.removedColor};
      text-decoration: line-through;
    }
    .added-sample,
    .removed-sample {
      padding: 0 4px;
      border-radius: 4px;
    }
    .doc {
      max-height: min(60vh, 520px);
      overflow: auto;
      padding: 10px 12px;
      border: 1px solid ${theme.borderColor};
      border-radius: 8px;
      background: ${theme.background};
      line-height: 1.55;
      outline: none;
    }
    .doc-title {
      margin: 0 0 8px;
      font-size: 16px;
      font-weight: 700;
    }
    .line {
      display: flex;
      gap: 6px;
      min-height: 1.4em;
      margin: 2px 0;
      padding-left: calc(var(--depth, 0) * 14px);
      border-radius: 4px;
    }
    .line.quote {
      border-left: 3px solid ${theme.borderStrongColor};
      padding-left: calc(var(--depth, 0) * 14px + 6px);
    }
    .line.added {
      background: ${theme.addedBackground};
    }
    .line.removed {
      background: ${theme.removedBackground};
      text-decoration: line-through;
    }
    .line.h1 .text {
      font-size: 1.35em;
      font-weight: 700;
    }
    .line.h2 .text {
      font-size: 1.2em;
      font-weight: 700;
    }
    .line.h3 .text {
      font-size: 1.08em;
      font-weight: 700;
    }
    .line.t-codeBlock .text {
      font-family: ${theme.monoFontFamily};
      white-space: pre-wrap;
      background: ${theme.mutedBackground};
    }
    hr.line {
      height: 0;
      border: none;
      border-top: 2px solid ${theme.borderColor};
      margin: 10px 0;
    }
    hr.line.added {
      border-top-color: ${theme.successColor};
    }
    hr.line.removed {
      border-top-color: ${theme.dangerColor};
    }
    .marker {
      flex: none;
      min-width: 1.2em;
      color: ${theme.mutedColor};
    }
    .text {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .text a {
      color: ${theme.linkColor};
      pointer-events: none;
    }
    .restore {
      align-self: flex-start;
    }
    .more {
      align-self: center;
    }
  `,
];
