import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { internalLink, parseRoute, type Route } from './router.js';

/**
 * The app's current route, from the address bar: follows Back and Forward, turns clicks on links to
 * app pages (also inside the pages' shadow roots) and `navigate` events from pages into history entries
 * without a reload.
 */
export class RouteController implements ReactiveController {
  route: Route = parseRoute(location.pathname);

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.onPopState);
    this.host.addEventListener('click', this.onClick);
    this.host.addEventListener('navigate', this.onNavigate as EventListener);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onPopState);
    this.host.removeEventListener('click', this.onClick);
    this.host.removeEventListener('navigate', this.onNavigate as EventListener);
  }

  /** Goes to an app path without reloading. */
  navigate(path: string): void {
    if (path !== location.pathname + location.search + location.hash) history.pushState(null, '', path);
    this.show(parseRoute(location.pathname));
    window.scrollTo(0, 0);
  }

  private show(route: Route): void {
    this.route = route;
    this.host.requestUpdate();
  }

  private readonly onPopState = () => this.show(parseRoute(location.pathname));

  private readonly onNavigate = (event: CustomEvent<string>) => this.navigate(event.detail);

  private readonly onClick = (event: MouseEvent) => {
    // Links inside the pages' shadow roots: the composed path holds the real anchor.
    const anchor = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    if (!anchor) return;
    const path = internalLink(event, anchor, location.origin);
    if (path === null) return;
    event.preventDefault();
    this.navigate(path);
  };
}
