import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { tokenSubprotocols } from '../../shared/auth.js';
import { CLOSE_CODE } from '../../shared/close-codes.js';
import { connectClient, onCleanup, startTestServer, text, uniqueDocId, waitFor, waitForSynced } from './helpers.js';
import { mintToken, openSocket, TEST_SECRET } from './security-helpers.js';

const tokenServer = () => startTestServer({ auth: { secret: TEST_SECRET } });

describe('token mode', () => {
  it('a valid token in the query string or a subprotocol opens the document; the server answers "quire"', async () => {
    const { wsUrl } = await tokenServer();
    const docId = uniqueDocId();
    const token = await mintToken({ docs: [docId], scope: 'write' });
    const editor = connectClient(wsUrl, docId, { params: { token } });
    await waitForSynced(editor.provider);
    editor.doc.getText('t').insert(0, 'signed in');
    const viaProtocol = await openSocket(`${wsUrl}/${docId}`, { protocols: tokenSubprotocols(token) });
    expect(viaProtocol.status).toBe(101);
    expect(viaProtocol.protocol).toBe('quire');
    const reader = connectClient(wsUrl, docId, { params: { token } });
    await waitFor(() => text(reader.doc) === 'signed in', 5000, 'content');
  });

  it('no token, a forged one or an expired one gets 401 before the upgrade; a plain GET says why', async () => {
    const { wsUrl, url } = await tokenServer();
    const docId = uniqueDocId();
    const forged = await mintToken(
      { docs: [docId], scope: 'write' },
      { secret: 'another-secret-that-is-32-chars-long!!' },
    );
    const expired = await mintToken({ docs: [docId], scope: 'write' }, { expiresIn: -60 });
    expect((await openSocket(`${wsUrl}/${docId}`)).status).toBe(401);
    expect((await openSocket(`${wsUrl}/${docId}?token=not.a.jwt`)).status).toBe(401);
    expect((await openSocket(`${wsUrl}/${docId}?token=${forged}`)).status).toBe(401);
    expect((await openSocket(`${wsUrl}/${docId}?token=${expired}`)).status).toBe(401);
    expect((await openSocket(`${wsUrl}/${docId}?token=${'a'.repeat(9000)}`)).status).toBe(401);
    const why = await fetch(`${url}/collab/${docId}?token=${expired}`);
    expect(why.status).toBe(401);
    expect(await why.json()).toMatchObject({ error: 'token_expired' });
    expect(await (await fetch(`${url}/collab/${docId}`)).json()).toMatchObject({ error: 'unauthorized' });
  });

  it('a token for other documents gets 403; patterns match whole ids only', async () => {
    const { wsUrl, url } = await tokenServer();
    const other = await mintToken({ docs: ['someone-else'], scope: 'write' });
    expect((await openSocket(`${wsUrl}/${uniqueDocId()}?token=${other}`)).status).toBe(403);
    const team = await mintToken({ docs: ['team-7-*'], scope: 'write' });
    expect((await openSocket(`${wsUrl}/team-7-notes?token=${team}`)).status).toBe(101);
    expect((await openSocket(`${wsUrl}/team-70?token=${team}`)).status).toBe(403);
    expect((await openSocket(`${wsUrl}/xteam-7-a?token=${team}`)).status).toBe(403);
    const why = await fetch(`${url}/collab/team-70?token=${team}`);
    expect(await why.json()).toMatchObject({ error: 'forbidden' });
  });

  it('a read-scoped token follows the document, but its edits are refused with permission-denied', async () => {
    const { wsUrl } = await tokenServer();
    const docId = uniqueDocId();
    const writer = connectClient(wsUrl, docId, {
      params: { token: await mintToken({ docs: [docId], scope: 'write' }) },
    });
    const readToken = await mintToken({ docs: [docId], scope: 'read' });
    const reader = connectClient(wsUrl, docId, { params: { token: readToken } });
    let denied = 0;
    reader.provider.messageHandlers[2] = () => {
      denied++;
    };
    await waitForSynced(writer.provider);
    await waitForSynced(reader.provider);
    // The stock client's empty SyncStep2 on connect is accepted silently.
    expect(denied).toBe(0);
    writer.doc.getText('t').insert(0, 'from the writer');
    await waitFor(() => text(reader.doc) === 'from the writer', 5000, 'reader follows');
    reader.doc.getText('t').insert(0, 'NOPE ');
    await waitFor(() => denied === 1, 5000, 'permission-denied');
    const fresh = connectClient(wsUrl, docId, { params: { token: readToken }, doc: new Y.Doc() });
    await waitForSynced(fresh.provider);
    expect(text(fresh.doc)).toBe('from the writer');
    expect(text(writer.doc)).toBe('from the writer');
    expect(reader.provider.wsconnected).toBe(true);
  });

  it('a token that expires while connected closes with 4001; the reconnect uses a fresh token', async () => {
    const { wsUrl } = await tokenServer();
    const docId = uniqueDocId();
    const shortLived = await mintToken({ docs: [docId], scope: 'write' }, { expiresIn: 1 });
    const client = connectClient(wsUrl, docId, { params: { token: shortLived } });
    const closes: number[] = [];
    client.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
      // What a token provider does on every reconnect: hand over a fresh token.
      void mintToken({ docs: [docId], scope: 'write' }).then((fresh) => {
        client.provider.params.token = fresh;
      });
    });
    await waitForSynced(client.provider);
    await waitFor(() => closes.includes(CLOSE_CODE.tokenExpired), 5000, 'close 4001');
    await waitFor(() => client.provider.wsconnected && client.provider.synced, 5000, 'reconnected');
    client.doc.getText('t').insert(0, 'still here');
    const other = connectClient(wsUrl, docId, { params: { token: await mintToken({ docs: [docId], scope: 'read' }) } });
    await waitFor(() => text(other.doc) === 'still here', 5000, 'edit after reconnect');
  });

  it('REST needs a bearer token: read to read, write to delete, "*" to list and create', async () => {
    const { url } = await tokenServer();
    const admin = await mintToken({ docs: ['*'], scope: 'write' });
    const auth = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
    expect((await fetch(`${url}/api/docs`, { method: 'POST' })).status).toBe(401);
    const created = await fetch(`${url}/api/docs`, { method: 'POST', ...auth(admin) });
    expect(created.status).toBe(201);
    const { id, viewId } = (await created.json()) as { id: string; viewId: string };
    expect(viewId).toBeTruthy();
    const reader = await mintToken({ docs: [id], scope: 'read' });
    expect((await fetch(`${url}/api/docs/${id}`)).status).toBe(401);
    const readMeta = await fetch(`${url}/api/docs/${id}`, auth(reader));
    expect(readMeta.status).toBe(200);
    // Only callers who may edit see the read-only link.
    expect(await readMeta.json()).not.toHaveProperty('viewId');
    expect((await fetch(`${url}/api/docs/${id}/update`, auth(reader))).status).toBe(200);
    expect((await fetch(`${url}/api/docs`, auth(reader))).status).toBe(403);
    expect((await fetch(`${url}/api/docs/${id}`, { method: 'DELETE', ...auth(reader) })).status).toBe(403);
    // Encoded ids are checked as the routes see them: no way around the check.
    const percentEncoded = (char: string) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
    const otherFirst = id[0] === 'A' ? 'B' : 'A';
    expect((await fetch(`${url}/api/docs/${percentEncoded(otherFirst)}${id.slice(1)}`, auth(reader))).status).toBe(403);
    expect((await fetch(`${url}/api/docs/${percentEncoded(id[0] as string)}${id.slice(1)}`, auth(reader))).status).toBe(
      200,
    );
    expect((await fetch(`${url}/api/docs/${id}%2Fx`, auth(reader))).status).toBe(400);
    expect((await fetch(`${url}/api/docs/..%2F${id}`, auth(reader))).status).toBe(400);
    const writer = await mintToken({ docs: [id], scope: 'write' });
    expect((await fetch(`${url}/api/docs/${id}`, { method: 'DELETE', ...auth(writer) })).status).toBe(204);
    expect((await fetch(`${url}/api/docs`, auth(admin))).status).toBe(200);
  });

  it('verifies tokens with a PEM public key, refusing the key used as an HS256 secret', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const pem = await exportSPKI(publicKey);
    const { wsUrl } = await startTestServer({ auth: { publicKey: pem } });
    const docId = uniqueDocId();
    const exp = Math.floor(Date.now() / 1000) + 60;
    const good = await new SignJWT({ docs: [docId], scope: 'write' })
      .setProtectedHeader({ alg: 'ES256' })
      .setExpirationTime(exp)
      .sign(privateKey);
    expect((await openSocket(`${wsUrl}/${docId}?token=${good}`)).status).toBe(101);
    const confused = await new SignJWT({ docs: [docId], scope: 'write' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(pem));
    expect((await openSocket(`${wsUrl}/${docId}?token=${confused}`)).status).toBe(401);
  });

  it('verifies tokens against a JWKS URL', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    onCleanup(() => new Promise<void>((resolve) => jwks.close(() => resolve())));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
    const { wsUrl } = await startTestServer({ auth: { jwksUrl } });
    const docId = uniqueDocId();
    const sign = (kid: string) =>
      new SignJWT({ docs: [docId], scope: 'write' })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setExpirationTime(Math.floor(Date.now() / 1000) + 60)
        .sign(privateKey);
    const editor = connectClient(wsUrl, docId, { params: { token: await sign('k1') } });
    await waitForSynced(editor.provider);
    expect((await openSocket(`${wsUrl}/${docId}?token=${await sign('unknown-kid')}`)).status).toBe(401);
  });
});
