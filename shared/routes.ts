/** Path prefixes shared by the server's router and the client's URL builders. */
export const ROUTES = {
  collab: '/collab',
  api: '/api/docs',
  docPage: '/d',
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

export const docApiUrl = (base: string, docId: string): string =>
  `${trimSlash(base)}${ROUTES.api}/${encodeURIComponent(docId)}`;

export const docPagePath = (docId: string): string => `${ROUTES.docPage}/${encodeURIComponent(docId)}`;
