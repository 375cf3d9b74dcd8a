import { html, LitElement } from 'lit';
import { defineElement } from '../components/define-element.js';
import './quire-doc-page.js';
import './quire-error-page.js';
import './quire-home-page.js';
import { internalLink, parseRoute, type Route } from './router.js';

/** `<quire-app>`: the single-page app shell. Maps the URL to a page and handles in-app navigation. */
export class QuireApp extends LitElement {
  static override properties = {
    _route: { state: true },
  };

  declare _route: Route;

  constructor() {
    super();
    this._route = parseRoute(location.pathname);
  }

  /** Pages render into the light DOM of the app, each with its own shadow root. */
  protected override createRenderRoot(): HTMLElement {
    // index.html shows a "Loading" line inside the element until this runs.
    this.replaceChildren();
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPopState);
    this.addEventListener('click', this.onClick);
    this.addEventListener('navigate', this.onNavigate as EventListener);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
    this.removeEventListener('click', this.onClick);
    this.removeEventListener('navigate', this.onNavigate as EventListener);
  }

  /** Goes to an app path without reloading. */
  navigate(path: string): void {
    if (path !== location.pathname + location.search + location.hash) history.pushState(null, '', path);
    this._route = parseRoute(location.pathname);
    window.scrollTo(0, 0);
  }

  private readonly onPopState = () => {
    this._route = parseRoute(location.pathname);
  };

  private readonly onNavigate = (event: CustomEvent<string>) => {
    this.navigate(event.detail);
  };

  private readonly onClick = (event: MouseEvent) => {
    // Links inside the pages' shadow roots: the composed path holds the real anchor.
    const anchor = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    if (!anchor) return;
    const path = internalLink(event, anchor, location.origin);
    if (path === null) return;
    event.preventDefault();
    this.navigate(path);
  };

  protected override render() {
    const route = this._route;
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
