import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono } from 'hono';

/**
 * Serves the built client (`vite build`): hashed assets cached for a year, pages revalidated,
 * and the app's index for `/` and `/d/*` so shared links work.
 */
export function createClientRoutes(clientDir: string) {
  const route = new Hono();
  const root = resolve(clientDir);
  const indexFile = join(root, 'index.html');
  if (!clientDir || !existsSync(indexFile)) {
    route.get('/', (c) =>
      c.text('Quire server is running. The web client is not built: run `npm run build` (npm start does it for you).'),
    );
    return route;
  }
  const indexHtml = readFileSync(indexFile, 'utf8');
  const sendIndex = (c: Context) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(indexHtml);
  };
  route.get('/', sendIndex);
  route.get('/d/*', sendIndex);
  route.use(
    '/assets/*',
    serveStatic({
      root,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  route.use(
    '*',
    serveStatic({
      root,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'no-cache');
      },
    }),
  );
  return route;
}
