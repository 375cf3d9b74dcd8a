import { describe, expect, it } from 'vitest';
import { bypassesCache, cacheName, isPrecached, isQuireCache } from './cache-policy.js';

describe('service worker cache policy', () => {
  it('never caches live data or server endpoints', () => {
    for (const path of [
      '/api/docs',
      '/api/docs/a/update',
      '/collab/a',
      '/collab',
      '/embed/quire-editor.js',
      '/healthz',
      '/metrics',
      '/sw.js',
    ]) {
      expect(bypassesCache(path), path).toBe(true);
    }
    for (const path of ['/', '/d/abc', '/r/v', '/assets/index-abc.js', '/favicon.svg', '/collaborate']) {
      expect(bypassesCache(path), path).toBe(path === '/collaborate');
    }
  });

  it('precaches the app build, not the worker, maps, compressed copies or the embed', () => {
    expect(isPrecached('assets/index-Ab12.js')).toBe(true);
    expect(isPrecached('assets/index-Ab12.css')).toBe(true);
    expect(isPrecached('favicon.svg')).toBe(true);
    for (const file of [
      'sw.js',
      'index.html',
      'assets/a.js.map',
      'assets/a.js.gz',
      'assets/a.js.br',
      'embed/quire-editor.js',
    ]) {
      expect(isPrecached(file), file).toBe(false);
    }
  });

  it('names caches per version and recognises its own', () => {
    expect(cacheName('abc')).toBe('quire-app-abc');
    expect(isQuireCache(cacheName('x'))).toBe(true);
    expect(isQuireCache('other-app')).toBe(false);
  });
});
