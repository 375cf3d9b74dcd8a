import { css, html, LitElement, nothing } from 'lit';
import { defineElement } from '../components/define-element.js';
import { appStyles, logo } from './app-styles.js';

/** A page that explains what went wrong and offers the way back, instead of a blank screen. */
export class QuireErrorPage extends LitElement {
  static override properties = {
    heading: {},
    message: {},
    advice: {},
  };

  declare heading: string;
  declare message: string;
  /** What to do about it, under the message. */
  declare advice: string;

  constructor() {
    super();
    this.heading = 'Something went wrong';
    this.message = '';
    this.advice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('data-testid', 'error-page');
    document.title = `${this.heading} · Quire`;
  }

  protected override render() {
    return html`
      <header class="topbar">
        <a class="brand" href="/">${logo}<span>Quire</span></a>
      </header>
      <main>
        <div class="card" role="alert">
          <div class="mark" aria-hidden="true">!</div>
          <h1>${this.heading}</h1>
          <p data-testid="error-message">${this.message}</p>
          ${this.advice ? html`<p class="advice">${this.advice}</p>` : nothing}
          <a class="button primary" href="/">Go to your documents</a>
        </div>
      </main>
    `;
  }

  static override styles = [
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
        background: #fef2f2;
        color: #dc2626;
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
        color: #475569;
        line-height: 1.6;
      }
      p[data-testid='error-message'] {
        margin-bottom: 6px;
        color: #0f172a;
        font-weight: 500;
      }
      p[data-testid='error-message'] + a {
        margin-top: 20px;
      }
    `,
  ];
}

defineElement('quire-error-page', QuireErrorPage);

declare global {
  interface HTMLElementTagNameMap {
    'quire-error-page': QuireErrorPage;
  }
}
