/** What the build writes into the service worker: every built file (paths without a leading slash). */
export interface PrecacheManifest {
  version: string;
  files: string[];
}

/** The cached page every app route falls back to offline. */
export const APP_SHELL = '/index.html';

const CACHE_PREFIX = 'quire-app-';

export const cacheName = (version: string): string => `${CACHE_PREFIX}${version}`;

export const isQuireCache = (name: string): boolean => name.startsWith(CACHE_PREFIX);

/** Live data and server endpoints: always the network, never a cached answer. */
const NETWORK_ONLY = ['/api/', '/collab', '/embed/', '/healthz', '/metrics', '/sw.js'];

export const bypassesCache = (pathname: string): boolean =>
  NETWORK_ONLY.some((prefix) => pathname === prefix.replace(/\/$/, '') || pathname.startsWith(prefix));

/** Files of the app build worth keeping offline: not the worker itself, maps or precompressed copies. */
export const isPrecached = (file: string): boolean =>
  file !== 'sw.js' && file !== 'index.html' && !/\.(map|gz|br)$/.test(file) && !file.startsWith('embed/');
