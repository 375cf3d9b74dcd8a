/// <reference lib="webworker" />
/**
 * Quire's service worker: keeps the built app (HTML, scripts, styles) so that opening or reloading a
 * document page works without a server; the documents themselves come from IndexedDB. Document data,
 * the API and WebSocket traffic never pass through here.
 */
import { APP_SHELL, bypassesCache, cacheName, isQuireCache, type PrecacheManifest } from './cache-policy.js';

declare const self: ServiceWorkerGlobalScope;
/** Replaced at build time (see `vite.config.ts`) with the list of built files and their version. */
declare const __QUIRE_PRECACHE__: PrecacheManifest;

const manifest = __QUIRE_PRECACHE__;
const CACHE = cacheName(manifest.version);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([APP_SHELL, ...manifest.files.map((file) => `/${file}`)]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (isQuireCache(key) && key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || bypassesCache(url.pathname)) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});

/** Pages: the network when it answers, else the cached app (which routes `/d/…` itself). */
async function navigation(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    // A proxy's 502 while the server restarts is no better than no answer.
    if (response.status < 500) return response;
    return (await caches.match(APP_SHELL)) ?? response;
  } catch (error) {
    const shell = await caches.match(APP_SHELL);
    if (shell) return shell;
    throw error;
  }
}

/** Hashed assets never change, so the cached copy is always right; anything else is fetched. */
async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  return fetch(request);
}
