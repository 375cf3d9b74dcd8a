import './app/quire-app.js';

// The service worker keeps the app itself available offline, so a reload without a server still opens
// documents from IndexedDB. Only in built apps: in development it would serve stale modules.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
      console.warn('Quire works online only: the service worker did not register.', error);
    });
  });
}
