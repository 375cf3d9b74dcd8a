import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { collabViewServerUrl } from '../../shared/routes.js';
import {
  connectClient,
  onCleanup,
  startTestServer,
  tempDir,
  text,
  uniqueDocId,
  waitFor,
  waitForSynced,
} from './helpers.js';
import { mintToken, openSocket, TEST_SECRET } from './security-helpers.js';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A stock y-websocket client on a read-only link, counting permission-denied messages. */
function connectViewer(baseUrl: string, viewId: string, params: Record<string, string> = {}) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(collabViewServerUrl(baseUrl), viewId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
  });
  const viewer = { doc, provider, denied: 0 };
  provider.messageHandlers[2] = () => {
    viewer.denied++;
  };
  onCleanup(() => {
    provider.destroy();
    doc.destroy();
  });
  return viewer;
}

async function createDoc(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/api/docs`, { method: 'POST', headers });
  return (await response.json()) as { id: string; viewId: string };
}

describe('read-only share links', () => {
  it('a view id follows the document live, and its edits are refused with permission-denied', async () => {
    const { url, wsUrl } = await startTestServer();
    const { id, viewId } = await createDoc(url);
    expect(((await (await fetch(`${url}/api/docs/${id}`)).json()) as { viewId: string }).viewId).toBe(viewId);
    const editor = connectClient(wsUrl, id);
    await waitForSynced(editor.provider);
    editor.doc.getText('t').insert(0, 'shared');
    const viewer = connectViewer(url, viewId);
    await waitFor(() => text(viewer.doc) === 'shared', 5000, 'viewer gets the content');
    // The stock client's empty SyncStep2 on connect is accepted without complaint.
    expect(viewer.denied).toBe(0);
    editor.doc.getText('t').insert(6, ' live');
    await waitFor(() => text(viewer.doc) === 'shared live', 5000, 'viewer follows live');
    viewer.doc.getText('t').insert(0, 'VANDAL ');
    await waitFor(() => viewer.denied === 1, 5000, 'permission-denied');
    const fresh = connectClient(wsUrl, id, { doc: new Y.Doc() });
    await waitForSynced(fresh.provider);
    expect(text(fresh.doc)).toBe('shared live');
    expect(text(editor.doc)).toBe('shared live');
    expect(viewer.provider.wsconnected).toBe(true);
  });

  it('a view id reveals nothing of the edit id and cannot be altered into another one', async () => {
    const { url, wsUrl } = await startTestServer();
    const { id, viewId } = await createDoc(url);
    expect(viewId).not.toContain(id);
    expect(Buffer.from(viewId, 'base64url').toString('latin1')).not.toContain(id);
    const meta = await fetch(`${url}/api/docs/r/${viewId}`);
    expect(meta.status).toBe(200);
    const body = await meta.text();
    expect(body).not.toContain(id);
    expect(JSON.parse(body)).toMatchObject({ viewId, readOnly: true, size: 0 });
    // Any change to a view id, or a made-up one, names no document: one character changed where all six of
    // its bits count (the first, one in the middle), the last character's padding bits alone (same bytes,
    // refused by the canonical-spelling rule), and a made-up id.
    const changedAt = (index: number, to: (char: string) => string) =>
      `${viewId.slice(0, index)}${to(viewId[index] as string)}${viewId.slice(index + 1)}`;
    const otherChar = (char: string) => (char === 'A' ? 'B' : 'A');
    const lastIndex = viewId.length - 1;
    const padding = changedAt(lastIndex, (char) => BASE64URL[BASE64URL.indexOf(char) ^ 1] as string);
    expect(Buffer.from(padding, 'base64url')).toEqual(Buffer.from(viewId, 'base64url'));
    const forgeries = [changedAt(0, otherChar), changedAt(20, otherChar), padding, 'A'.repeat(43)];
    for (const forged of forgeries) {
      expect(forged).not.toBe(viewId);
      expect((await fetch(`${url}/api/docs/r/${forged}`)).status).toBe(404);
      expect((await openSocket(`${wsUrl}/r/${forged}`)).status).toBe(404);
    }
    // The edit id is not a view id, and a view id is not an edit id of the same document.
    expect((await fetch(`${url}/api/docs/r/${id}`)).status).toBe(404);
    expect((await fetch(`${url}/api/docs/r/${viewId}`, { method: 'DELETE' })).status).toBe(405);
  });

  it('view ids survive a restart on the same data directory, and servers sharing QUIRE_VIEW_SECRET agree', async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir });
    const { id, viewId } = await createDoc(first.url);
    await first.server.stop();
    const again = await startTestServer({ dataDir });
    expect(((await (await fetch(`${again.url}/api/docs/${id}`)).json()) as { viewId: string }).viewId).toBe(viewId);
    const viewSecret = 'a-view-secret-shared-by-instances-0123456789';
    const a = await startTestServer({ viewSecret, storage: 'memory' });
    const b = await startTestServer({ viewSecret, storage: 'memory' });
    const onA = await createDoc(a.url);
    await fetch(`${b.url}/api/docs`, { method: 'POST' });
    const viewer = connectViewer(b.url, onA.viewId);
    await waitForSynced(viewer.provider);
  });

  it('in token mode a view link needs a token naming the document or the view id', async () => {
    const { url, wsUrl } = await startTestServer({ auth: { secret: TEST_SECRET } });
    const admin = await mintToken({ docs: ['*'], scope: 'write' });
    const { id, viewId } = await createDoc(url, { authorization: `Bearer ${admin}` });
    expect((await openSocket(`${wsUrl}/r/${viewId}`)).status).toBe(401);
    const forDoc = await mintToken({ docs: [id], scope: 'read' });
    const forView = await mintToken({ docs: [viewId], scope: 'read' });
    const forOther = await mintToken({ docs: [uniqueDocId()], scope: 'write' });
    expect((await openSocket(`${wsUrl}/r/${viewId}?token=${forDoc}`)).status).toBe(101);
    expect((await openSocket(`${wsUrl}/r/${viewId}?token=${forView}`)).status).toBe(101);
    expect((await openSocket(`${wsUrl}/r/${viewId}?token=${forOther}`)).status).toBe(403);
    // A token for the view id does not open the edit id.
    expect((await openSocket(`${wsUrl}/${id}?token=${forView}`)).status).toBe(403);
    const meta = await fetch(`${url}/api/docs/r/${viewId}`, { headers: { authorization: `Bearer ${forView}` } });
    expect(meta.status).toBe(200);
    const viewer = connectViewer(url, viewId, { token: forView });
    await waitForSynced(viewer.provider);
    viewer.doc.getText('t').insert(0, 'x');
    await waitFor(() => viewer.denied === 1, 5000, 'permission-denied');
  });
});
