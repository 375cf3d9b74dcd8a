import { html, LitElement } from 'lit';
import { defineElement } from '../components/define-element.js';
import './quire-doc-page.js';
import './quire-error-page.js';
import './quire-home-page.js';
import { RouteController } from './route-controller.js';

/** `<quire-app>`: the single-page app shell. Maps the URL to a page and handles in-app navigation. */
export class QuireApp extends LitElement {
  private readonly routes = new RouteController(this);

  /** Pages render into the light DOM of the app, each with its own shadow root. */
  protected override createRenderRoot(): HTMLElement {
    // index.html shows a "Loading" line inside the element until this runs.
    this.replaceChildren();
    return this;
  }

  /** Goes to an app path without reloading. */
  navigate(path: string): void {
    this.routes.navigate(path);
  }

  protected override render() {
    const route = this.routes.route;
    switch (route.name) {
      case 'home':
        return html`<quire-home-page></quire-home-page>`;
      case 'doc':
        return html`<quire-doc-page .docId=${route.docId} .viewId=${null}></quire-doc-page>`;
      case 'view':
        return html`<quire-doc-page .docId=${null} .viewId=${route.viewId}></quire-doc-page>`;
      case 'invalid-link':
        return html`<quire-error-page
          .heading=${'This link does not work'}
          .message=${
            route.kind === 'doc' ? 'This is not a valid document address.' : 'This is not a valid view-only link.'
          }
          .advice=${'Check that the whole link was copied.'}
        ></quire-error-page>`;
      case 'not-found':
        return html`<quire-error-page
          .heading=${'Page not found'}
          .message=${'There is nothing at this address.'}
        ></quire-error-page>`;
    }
  }
}

defineElement('quire-app', QuireApp);

declare global {
  interface HTMLElementTagNameMap {
    'quire-app': QuireApp;
  }
}
