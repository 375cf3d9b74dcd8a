import { css, html } from 'lit';

/** Quire's mark: a page with a quill-like Q. */
export const logo = html`<svg class="logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
  <rect width="32" height="32" rx="9" fill="#4f46e5" />
  <circle cx="15.5" cy="15" r="7" fill="none" stroke="#fff" stroke-width="3" />
  <path d="M18.5 18.5 24 24" stroke="#fff" stroke-width="3" stroke-linecap="round" />
</svg>`;

/** Styles shared by the app's pages: top bar, buttons, inputs. */
export const appStyles = css`
  :host {
    display: block;
    min-height: 100vh;
    min-height: 100dvh;
    color: #0f172a;
  }
  * {
    box-sizing: border-box;
  }
  .topbar {
    position: sticky;
    top: 0;
    z-index: 30;
    display: flex;
    align-items: center;
    gap: 12px;
    height: 60px;
    padding: 0 20px;
    background: rgb(246 247 249 / 0.85);
    backdrop-filter: saturate(1.4) blur(12px);
    border-bottom: 1px solid transparent;
  }
  .brand {
    display: inline-flex;
    align-items: center;
    gap: 10px;
    color: inherit;
    text-decoration: none;
    font-weight: 700;
    font-size: 18px;
    letter-spacing: -0.02em;
    border-radius: 10px;
    flex: none;
  }
  .brand:focus-visible,
  a:focus-visible,
  button:focus-visible,
  input:focus-visible {
    outline: 2px solid #4f46e5;
    outline-offset: 2px;
  }
  .logo {
    display: block;
  }
  button {
    font: inherit;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    height: 38px;
    padding: 0 16px;
    border: 1px solid #e2e8f0;
    border-radius: 10px;
    background: #fff;
    color: #0f172a;
    font-size: 14px;
    font-weight: 600;
    text-decoration: none;
    white-space: nowrap;
    cursor: pointer;
    transition:
      background-color 120ms,
      border-color 120ms,
      box-shadow 120ms;
  }
  .button:hover {
    background: #f8fafc;
    border-color: #cbd5e1;
  }
  .button.primary {
    border-color: #4f46e5;
    background: #4f46e5;
    color: #fff;
    box-shadow: 0 1px 2px rgb(79 70 229 / 0.3);
  }
  .button.primary:hover {
    background: #4338ca;
    border-color: #4338ca;
  }
  .button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (max-width: 640px) {
    .topbar {
      padding: 0 12px;
      gap: 8px;
    }
  }
`;
