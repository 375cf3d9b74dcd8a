import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../shared/close-codes.js';
import { encodeSyncUpdate } from '../../shared/protocol/encode.js';
import { connectClient, startTestServer, text, uniqueDocId, waitFor, waitForSynced } from './helpers.js';
import { handshakeStatus, openRawSocket } from './raw-socket.js';

/** A real update that appends `suffix` to what `base` holds. */
function realUpdate(base: Y.Doc, suffix: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, suffix);
  return Y.encodeStateAsUpdate(doc, before);
}

describe('bad input', () => {
  it.each([
    ['a path with a dot', 'a.b'],
    ['a 129-character id', 'x'.repeat(129)],
    ['an encoded slash', 'a%2Fb'],
    ['a space', 'a%20b'],
  ])('refuses %s with HTTP 400 before the upgrade', async (_name, id) => {
    const { port } = await startTestServer();
    expect(await handshakeStatus(`ws://127.0.0.1:${port}/collab/${id}`)).toBe(400);
  });

  it('answers a plain GET of a valid collab URL with 426 and JSON', async () => {
    const { url } = await startTestServer();
    const response = await fetch(`${url}/collab/${uniqueDocId()}`);
    expect(response.status).toBe(426);
    expect(await response.json()).toMatchObject({ error: 'upgrade_required' });
  });

  it('a truncated update closes only its sender with 4400 and leaves the document exactly as it was', async () => {
    const { wsUrl } = await startTestServer();
    const docId = uniqueDocId();
    const good = connectClient(wsUrl, docId);
    await waitForSynced(good.provider);
    good.doc.getText('t').insert(0, 'intact');
    await waitFor(() => good.provider.synced, 5000);
    const raw = await openRawSocket(`${wsUrl}/${docId}`);
    const update = realUpdate(good.doc, ' plus a long tail that must never half-apply');
    for (const cut of [update.length - 1, Math.floor(update.length / 2), 3]) {
      const bad = await openRawSocket(`${wsUrl}/${docId}`);
      bad.socket.send(encodeSyncUpdate(update.subarray(0, cut)));
      expect((await bad.closed).code).toBe(CLOSE_CODE.protocolError);
    }
    // Garbage frames of every shape.
    for (const frame of [
      [0, 2, 5, 1, 2],
      [0, 9],
      [7, 7, 7],
      [1, 3, 1, 2, 3],
    ]) {
      const bad = await openRawSocket(`${wsUrl}/${docId}`);
      bad.socket.send(new Uint8Array(frame));
      expect((await bad.closed).code).toBe(CLOSE_CODE.protocolError);
    }
    const late = connectClient(wsUrl, docId, { doc: new Y.Doc() });
    await waitForSynced(late.provider);
    await waitFor(() => text(late.doc) === 'intact', 5000, 'late joiner');
    expect(text(good.doc)).toBe('intact');
    // The untouched raw socket and the stock client are still served.
    good.doc.getText('t').insert(6, '!');
    await waitFor(() => text(late.doc) === 'intact!', 5000, 'still syncing');
    expect(raw.socket.readyState).toBe(raw.socket.OPEN);
  });

  it('a text frame closes its sender with 4400', async () => {
    const { wsUrl } = await startTestServer();
    const raw = await openRawSocket(`${wsUrl}/${uniqueDocId()}`);
    raw.socket.send('hello');
    expect((await raw.closed).code).toBe(CLOSE_CODE.protocolError);
  });

  it('a message over the size limit closes with 1009 and the server keeps serving', async () => {
    const { wsUrl } = await startTestServer({ maxMessageBytes: 64 * 1024 });
    const docId = uniqueDocId();
    const raw = await openRawSocket(`${wsUrl}/${docId}`);
    raw.socket.send(new Uint8Array(65 * 1024));
    expect((await raw.closed).code).toBe(CLOSE_CODE.messageTooBig);
    const client = connectClient(wsUrl, docId);
    await waitForSynced(client.provider);
    expect(client.provider.wsconnected).toBe(true);
  });
});
