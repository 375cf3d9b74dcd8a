import { css } from 'lit';
import { theme } from '../styles/theme.js';

/**
 * Styles of the document itself, for the shadow root of `<quire-editor>`: ProseMirror's required base
 * rules (Tiptap's injected CSS, which cannot reach a shadow root), typography, lists, tasks, code,
 * remote carets and selections. Colours and sizes come from the theme (`--quire-*` custom properties).
 */
export const contentStyles = css`
  .ProseMirror {
    position: relative;
    word-wrap: break-word;
    white-space: pre-wrap;
    white-space: break-spaces;
    font-variant-ligatures: none;
    font-feature-settings: 'liga' 0;
    outline: none;
    min-height: ${theme.minHeight};
    caret-color: ${theme.accentColor};
  }
  .ProseMirror [contenteditable='false'] {
    white-space: normal;
  }
  .ProseMirror [contenteditable='false'] [contenteditable='true'] {
    white-space: pre-wrap;
  }
  .ProseMirror pre {
    white-space: pre-wrap;
  }
  img.ProseMirror-separator {
    display: inline !important;
    border: none !important;
    margin: 0 !important;
    width: 0 !important;
    height: 0 !important;
  }
  .ProseMirror-gapcursor {
    display: none;
    pointer-events: none;
    position: absolute;
    margin: 0;
  }
  .ProseMirror-gapcursor::after {
    content: '';
    display: block;
    position: absolute;
    top: -2px;
    width: 20px;
    border-top: 1px solid currentColor;
    animation: quire-caret-blink 1.1s steps(2, start) infinite;
  }
  .ProseMirror-focused .ProseMirror-gapcursor {
    display: block;
  }
  @keyframes quire-caret-blink {
    to {
      visibility: hidden;
    }
  }
  .ProseMirror-hideselection *::selection {
    background: transparent;
  }
  .ProseMirror-hideselection * {
    caret-color: transparent;
  }

  /* Typography */
  .ProseMirror > * + * {
    margin-top: 0.75em;
  }
  .ProseMirror p {
    margin: 0;
  }
  .ProseMirror p + p {
    margin-top: 0.6em;
  }
  .ProseMirror h1,
  .ProseMirror h2,
  .ProseMirror h3 {
    margin: 1.4em 0 0.2em;
    line-height: 1.25;
    font-weight: 700;
    letter-spacing: -0.015em;
    color: ${theme.headingColor};
    text-wrap: balance;
  }
  .ProseMirror > h1:first-child,
  .ProseMirror > h2:first-child,
  .ProseMirror > h3:first-child {
    margin-top: 0;
  }
  .ProseMirror h1 {
    font-size: 1.875em;
  }
  .ProseMirror h2 {
    font-size: 1.45em;
  }
  .ProseMirror h3 {
    font-size: 1.2em;
  }
  .ProseMirror a {
    color: ${theme.linkColor};
    text-decoration: underline;
    text-decoration-thickness: 1px;
    text-underline-offset: 2px;
    cursor: text;
  }
  .ProseMirror[contenteditable='false'] a {
    cursor: pointer;
  }
  .ProseMirror strong {
    font-weight: 700;
  }
  .ProseMirror code {
    font-family: ${theme.monoFontFamily};
    font-size: 0.875em;
    background: ${theme.codeBackground};
    border-radius: 4px;
    padding: 0.15em 0.35em;
  }
  .ProseMirror pre {
    font-family: ${theme.monoFontFamily};
    font-size: 0.875em;
    line-height: 1.55;
    background: ${theme.codeBlockBackground};
    color: ${theme.codeBlockColor};
    border-radius: ${theme.radius};
    padding: 0.9em 1.1em;
    overflow-x: auto;
  }
  .ProseMirror pre code {
    background: none;
    color: inherit;
    padding: 0;
    font-size: inherit;
  }
  .ProseMirror blockquote {
    margin-left: 0;
    margin-right: 0;
    padding: 0.1em 0 0.1em 1em;
    border-left: 3px solid ${theme.borderStrongColor};
    color: ${theme.secondaryColor};
  }
  .ProseMirror hr {
    border: none;
    border-top: 1px solid ${theme.borderColor};
    margin: 1.75em 0;
  }
  .ProseMirror hr.ProseMirror-selectednode {
    border-top-color: ${theme.accentColor};
  }
  .ProseMirror ul,
  .ProseMirror ol {
    padding-left: 1.5em;
    margin-bottom: 0;
  }
  .ProseMirror li > p {
    margin: 0.15em 0;
  }
  .ProseMirror li::marker {
    color: ${theme.mutedColor};
  }
  .ProseMirror ul[data-type='taskList'] {
    list-style: none;
    padding-left: 0.15em;
  }
  .ProseMirror ul[data-type='taskList'] li {
    display: flex;
    align-items: flex-start;
    gap: 0.55em;
  }
  .ProseMirror ul[data-type='taskList'] li > label {
    flex: none;
    user-select: none;
    margin-top: 0.3em;
  }
  .ProseMirror ul[data-type='taskList'] li > label input {
    width: 1em;
    height: 1em;
    margin: 0;
    accent-color: ${theme.accentColor};
    cursor: pointer;
  }
  .ProseMirror ul[data-type='taskList'] li > div {
    flex: 1 1 auto;
    min-width: 0;
  }
  .ProseMirror ul[data-type='taskList'] li[data-checked='true'] > div {
    color: ${theme.mutedColor};
    text-decoration: line-through;
  }
  .ProseMirror ::selection {
    background: ${theme.selectionColor};
  }

  /* Placeholder: the first empty paragraph of an empty document */
  .ProseMirror p.is-editor-empty:first-child::before {
    content: attr(data-placeholder);
    float: left;
    height: 0;
    pointer-events: none;
    color: ${theme.placeholderColor};
  }

  /* Other people's carets and selections (Tiptap CollaborationCaret's class names) */
  .collaboration-carets__caret {
    position: relative;
    margin-left: -1px;
    margin-right: -1px;
    border-left: 1px solid;
    border-right: 1px solid;
    word-break: normal;
    pointer-events: none;
  }
  .collaboration-carets__label {
    position: absolute;
    top: -1.45em;
    left: -1px;
    padding: 0.1em 0.4em;
    border-radius: 4px 4px 4px 0;
    font-family: ${theme.fontFamily};
    font-size: 11px;
    font-style: normal;
    font-weight: 600;
    line-height: 1.35;
    letter-spacing: 0;
    text-decoration: none;
    white-space: nowrap;
    user-select: none;
    pointer-events: none;
  }
  .ProseMirror-yjs-selection {
    border-radius: 2px;
  }
`;
