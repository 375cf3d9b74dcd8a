/**
 * An app backend for Quire's token mode: your users sign in to your app (however it does that), and
 * the app mints short-lived tokens that name the documents they may open, read or write. Quire only
 * checks the signature, the documents and the scope (see SECURITY.md).
 *
 *   QUIRE_AUTH_SECRET=<32+ characters> npm start                                       # Quire in token mode
 *   QUIRE_AUTH_SECRET=<same> node --import tsx examples/token-backend.ts [quireUrl]    # this backend on :8787
 *
 * The editor asks for a fresh token on every (re)connect: `getToken: () => fetch('/token?doc=' + id)…`.
 * This demo "signs in" with an `X-Demo-User` header; a real app uses its session instead.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { SignJWT } from 'jose';
import type { Scope } from '../shared/auth.js';
import { isValidDocId } from '../shared/doc-id.js';

/** Seconds a token lives; the editor gets a new one whenever it reconnects, and Quire closes it with 4001 at expiry. */
const TOKEN_SECONDS = 5 * 60;

interface Sharing {
  owner: string;
  /** Other users and what they may do. */
  shared: Map<string, Scope>;
}

export interface TokenBackendOptions {
  /** The same secret as Quire's QUIRE_AUTH_SECRET. */
  secret: string;
  /** Where Quire's REST API is, to create documents. */
  quireUrl: string;
}

/** The backend's routes: create a document, share it, and mint tokens for it. */
export function createTokenBackend(options: TokenBackendOptions) {
  const key = new TextEncoder().encode(options.secret);
  const documents = new Map<string, Sharing>();
  const mint = (docs: string[], scope: Scope, sub: string, seconds = TOKEN_SECONDS) =>
    new SignJWT({ docs, scope })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime(`${seconds}s`)
      .sign(key);

  const app = new Hono<{ Variables: { user: string } }>();
  app.use('*', async (c, next) => {
    const user = c.req.header('x-demo-user');
    if (!user || !/^[a-z0-9_-]{1,32}$/.test(user)) return c.json({ error: 'sign in first' }, 401);
    c.set('user', user);
    await next();
  });

  /** Creates a document in Quire with a one-minute token for every document (only this backend holds one). */
  app.post('/documents', async (c) => {
    const admin = await mint(['*'], 'write', 'token-backend', 60);
    const response = await fetch(`${options.quireUrl}/api/docs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
    });
    if (!response.ok) return c.json({ error: `Quire answered ${response.status}` }, 502);
    const { id, viewId } = (await response.json()) as { id: string; viewId: string };
    documents.set(id, { owner: c.get('user'), shared: new Map() });
    return c.json({ docId: id, viewId }, 201);
  });

  /** The owner shares a document: `{ "user": "bob", "scope": "read" }`. */
  app.post('/documents/:docId/share', async (c) => {
    const sharing = documents.get(c.req.param('docId'));
    if (!sharing || sharing.owner !== c.get('user')) return c.json({ error: 'not your document' }, 403);
    const body = (await c.req.json().catch(() => ({}))) as { user?: unknown; scope?: unknown };
    if (typeof body.user !== 'string' || (body.scope !== 'read' && body.scope !== 'write')) {
      return c.json({ error: 'expected { user, scope: "read" | "write" }' }, 400);
    }
    sharing.shared.set(body.user, body.scope);
    return c.body(null, 204);
  });

  /** A token for one document, with the scope this user has on it. */
  app.get('/token', async (c) => {
    const docId = c.req.query('doc');
    if (!isValidDocId(docId)) return c.json({ error: 'which document?' }, 400);
    const sharing = documents.get(docId);
    const user = c.get('user');
    const scope = sharing?.owner === user ? 'write' : sharing?.shared.get(user);
    if (!scope) return c.json({ error: 'no access to this document' }, 403);
    return c.json({ token: await mint([docId], scope, user), expiresIn: TOKEN_SECONDS });
  });

  return app;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const secret = process.env.QUIRE_AUTH_SECRET;
  if (!secret || secret.length < 32) {
    console.error('Set QUIRE_AUTH_SECRET (32+ characters), the same as the Quire server.');
    process.exit(2);
  }
  const app = createTokenBackend({ secret, quireUrl: process.argv[2] ?? 'http://127.0.0.1:1234' });
  serve({ fetch: app.fetch, port: 8787, hostname: '127.0.0.1' });
  console.log('token backend on http://127.0.0.1:8787 (POST /documents, GET /token?doc=<id>)');
}
