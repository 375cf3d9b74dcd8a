import { isValidDocId } from '../../../shared/doc-id.js';
import { ROUTES } from '../../../shared/routes.js';
import { isValidViewId } from '../../../shared/view-id.js';

/** The app's pages. */
export type Route =
  | { name: 'home' }
  | { name: 'doc'; docId: string }
  | { name: 'view'; viewId: string }
  /** `/d/…` or `/r/…` with something that is not an id: a clear error, not a blank editor. */
  | { name: 'invalid-link'; kind: 'doc' | 'view'; raw: string }
  | { name: 'not-found'; path: string };

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Maps a URL path to a page. A single trailing slash is ignored. */
export function parseRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  if (path === '/' || path === '' || path === '/index.html') return { name: 'home' };
  for (const [prefix, kind] of [
    [ROUTES.docPage, 'doc'],
    [ROUTES.viewPage, 'view'],
  ] as const) {
    if (path !== prefix && !path.startsWith(`${prefix}/`)) continue;
    const raw = path.slice(prefix.length + 1);
    const id = decode(raw);
    const valid = kind === 'doc' ? isValidDocId(id) : isValidViewId(id);
    if (id === null || !valid) return { name: 'invalid-link', kind, raw };
    return kind === 'doc' ? { name: 'doc', docId: id } : { name: 'view', viewId: id };
  }
  return { name: 'not-found', path };
}

/** The path of a page (the inverse of `parseRoute` for valid pages). */
export function routePath(route: Route): string {
  switch (route.name) {
    case 'home':
      return '/';
    case 'doc':
      return `${ROUTES.docPage}/${encodeURIComponent(route.docId)}`;
    case 'view':
      return `${ROUTES.viewPage}/${encodeURIComponent(route.viewId)}`;
    case 'invalid-link':
      return `${route.kind === 'doc' ? ROUTES.docPage : ROUTES.viewPage}/${route.raw}`;
    case 'not-found':
      return route.path;
  }
}

/**
 * The app-internal link an anchor click should navigate to, or null when the browser should handle it:
 * modified clicks, other origins, downloads, `target`s and non-app paths.
 */
export function internalLink(
  event: Pick<MouseEvent, 'button' | 'metaKey' | 'ctrlKey' | 'shiftKey' | 'altKey' | 'defaultPrevented'>,
  anchor: { href: string; target: string; hasAttribute(name: string): boolean },
  origin: string,
): string | null {
  if (event.defaultPrevented || event.button !== 0) return null;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  if ((anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return null;
  let url: URL;
  try {
    url = new URL(anchor.href, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  if (parseRoute(url.pathname).name === 'not-found') return null;
  return url.pathname + url.search + url.hash;
}
