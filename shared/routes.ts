/** Path prefixes shared by the server's router and the client's URL builders. */
export const ROUTES = {
  collab: '/collab',
  api: '/api/docs',
  docPage: '/d',
  /** App page of a read-only share link: `/r/<viewId>`. */
  viewPage: '/r',
  /** WebSocket route of read-only share links: `/collab/r/<viewId>`. */
  collabView: '/collab/r',
  embedScript: '/embed/quire-editor.js',
  health: '/healthz',
  metrics: '/metrics',
} as const;

const trimSlash = (base: string): string => base.replace(/\/+$/, '');

/** The y-websocket server URL for a base like `http://host:1234` (documents are appended by the provider). */
export function collabServerUrl(base: string): string {
  const url = new URL(trimSlash(base));
  url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
  return `${trimSlash(url.toString())}${ROUTES.collab}`;
}

/** The y-websocket server URL of read-only share links (view ids are appended by the provider). */
export const collabViewServerUrl = (base: string): string =>
  `${collabServerUrl(base)}${ROUTES.collabView.slice(ROUTES.collab.length)}`;

export const docApiUrl = (base: string, docId: string): string =>
  `${trimSlash(base)}${ROUTES.api}/${encodeURIComponent(docId)}`;

export const docPagePath = (docId: string): string => `${ROUTES.docPage}/${encodeURIComponent(docId)}`;

export const viewPagePath = (viewId: string): string => `${ROUTES.viewPage}/${encodeURIComponent(viewId)}`;
