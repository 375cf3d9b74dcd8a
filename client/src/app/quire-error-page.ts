import { html, LitElement, nothing } from 'lit';
import { defineElement } from '../components/define-element.js';
import { logo } from './app-styles.js';
import { quireErrorPageStyles } from './quire-error-page-styles.js';

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

  static override styles = quireErrorPageStyles;
}

defineElement('quire-error-page', QuireErrorPage);

declare global {
  interface HTMLElementTagNameMap {
    'quire-error-page': QuireErrorPage;
  }
}
