import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { ROUTES } from '../../../shared/routes.js';

/** One file served from memory, reloaded when a new build replaces it. */
interface LoadedFile {
  mtimeMs: number;
  size: number;
  etag: string;
  body: Buffer;
  br: Buffer | null;
  gzip: Buffer | null;
}

function readOptional(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

/**
 * Keeps small, often-fetched files (the app's HTML, the embed script) in memory with an ETag and their
 * precompressed copies; `get` re-reads a file when its mtime changed, so a rebuild needs no restart.
 */
class FileCache {
  private readonly files = new Map<string, LoadedFile>();

  get(path: string): LoadedFile | null {
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(path);
    } catch {
      this.files.delete(path);
      return null;
    }
    const cached = this.files.get(path);
    if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached;
    const body = readOptional(path);
    if (!body) return null;
    const file: LoadedFile = {
      mtimeMs: stats.mtimeMs,
      size: stats.size,
      // Weak: the same entity is sent in several encodings.
      etag: `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      body,
      br: readOptional(`${path}.br`),
      gzip: readOptional(`${path}.gz`),
    };
    this.files.set(path, file);
    return file;
  }
}

/** True when the request's `If-None-Match` names `etag` (or `*`). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const value = tag.trim();
    return value === '*' || value.replace(/^W\//, '') === bare;
  });
}

/** Sends a loaded file: 304 when the client's copy is current, else the best encoding it accepts. */
function sendFile(c: Context, file: LoadedFile, contentType: string, headers: Record<string, string>) {
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  c.header('ETag', file.etag);
  c.header('Vary', 'Accept-Encoding');
  if (matchesEtag(c.req.header('if-none-match'), file.etag)) return c.body(null, 304);
  const accepted = c.req.header('accept-encoding') ?? '';
  let body = file.body;
  if (file.br && /\bbr\b/.test(accepted)) {
    body = file.br;
    c.header('Content-Encoding', 'br');
  } else if (file.gzip && /\bgzip\b/.test(accepted)) {
    body = file.gzip;
    c.header('Content-Encoding', 'gzip');
  }
  c.header('Content-Type', contentType);
  return c.body(new Uint8Array(body.buffer, body.byteOffset, body.byteLength) as Uint8Array<ArrayBuffer>, 200);
}

/**
 * The app's pages may load only their own scripts and talk only to their own server. Inline styles are
 * allowed: Yjs selections and ProseMirror set style attributes.
 */
export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "base-uri 'none'",
  "object-src 'none'",
  "frame-ancestors 'self'",
].join('; ');

/** Every page of the app: revalidated on each load, so a deploy shows up at once. */
const PAGE_HEADERS = {
  'Cache-Control': 'no-cache',
  'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
} as const;

/** The embed script is fetched by other sites' pages: readable from any origin, revalidated on each load. */
const EMBED_HEADERS = {
  'Cache-Control': 'no-cache',
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'X-Content-Type-Options': 'nosniff',
} as const;

const setHeaders =
  (headers: Record<string, string>): MiddlewareHandler =>
  async (c, next) => {
    await next();
    if (c.res.status < 400) for (const [name, value] of Object.entries(headers)) c.header(name, value);
  };

const NOT_BUILT =
  'Quire server is running. The web client is not built: run `npm run build` (npm start does it for you).';

/**
 * Serves the built client (`npm run build` → `dist/client`): hashed assets cached for a year, pages and
 * the service worker revalidated, the app's page for `/`, `/d/*` and `/r/*` so shared links work, and
 * `/embed/quire-editor.js` (one self-contained ES module) with CORS for other sites. Precompressed `.br`
 * and `.gz` copies from the build are sent to clients that accept them.
 */
export function createClientRoutes(clientDir: string) {
  const route = new Hono();
  if (!clientDir) return route;
  const root = resolve(clientDir);
  const files = new FileCache();

  const sendPage = (c: Context) => {
    const index = files.get(join(root, 'index.html'));
    if (!index) return c.text(NOT_BUILT, 503, { 'Cache-Control': 'no-store', 'Retry-After': '5' });
    return sendFile(c, index, 'text/html; charset=utf-8', PAGE_HEADERS);
  };
  for (const path of [
    '/',
    '/index.html',
    ROUTES.docPage,
    `${ROUTES.docPage}/*`,
    ROUTES.viewPage,
    `${ROUTES.viewPage}/*`,
  ]) {
    route.get(path, sendPage);
  }

  route.get(ROUTES.embedScript, (c) => {
    const script = files.get(join(root, ROUTES.embedScript));
    if (!script) return c.json({ error: 'not_built', message: NOT_BUILT }, 404, { 'Cache-Control': 'no-store' });
    return sendFile(c, script, 'text/javascript; charset=utf-8', EMBED_HEADERS);
  });
  route.use('/embed/*', setHeaders(EMBED_HEADERS));
  route.use('/embed/*', serveStatic({ root, precompressed: true }));

  route.use(
    '/assets/*',
    serveStatic({
      root,
      precompressed: true,
      onFound: (_path, c) => {
        // File names carry a content hash: a changed file is a new URL.
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  route.use(
    '*',
    serveStatic({
      root,
      precompressed: true,
      onFound: (path, c) => {
        c.header('Cache-Control', 'no-cache');
        if (path.endsWith('.webmanifest')) c.header('Content-Type', 'application/manifest+json');
      },
    }),
  );
  return route;
}

/**
 * For `/collab/*`: a browser cannot see why a WebSocket handshake was refused, so the client asks the
 * same URL over plain HTTP and reads the JSON answer (`{ error, message }`, or 426 when every check
 * passes). Embeds on other origins must be able to read that answer too. Upgrades are left untouched.
 */
export const handshakeProbeCors: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') c.header('Access-Control-Allow-Origin', '*');
};
