import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { decodeMessage } from '../../shared/protocol/decode.js';
import { encodeSyncStep1 } from '../../shared/protocol/encode.js';
import { connectClient, startTestServer, tempDir, text, uniqueDocId, waitFor, waitForSynced } from './helpers.js';

/** Writes `content` into a document, then stops the server (which compacts it into one snapshot). */
async function storeAsSnapshot(dataDir: string, docId: string, content: string): Promise<Y.Doc> {
  const first = await startTestServer({ dataDir });
  const writer = connectClient(first.wsUrl, docId);
  const watcher = connectClient(first.wsUrl, docId);
  await waitForSynced(writer.provider);
  for (let i = 0; i < content.length; i += 10) writer.doc.getText('t').insert(i, content.slice(i, i + 10));
  await waitFor(() => text(watcher.doc) === content, 5000, 'relay before the restart');
  writer.provider.destroy();
  watcher.provider.destroy();
  await first.server.stop();
  return writer.doc;
}

/** The frames a raw client gets after sending the SyncStep1 of an empty document. */
function rawJoin(wsUrl: string, docId: string) {
  const socket = new WebSocket(`${wsUrl}/${docId}`);
  const frames: Uint8Array[] = [];
  socket.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  socket.on('open', () => socket.send(encodeSyncStep1(new Uint8Array([0]))));
  return { socket, frames };
}

describe('joining a document that is not loaded', () => {
  it('a new client gets the stored snapshot as its first message, before the server has built the document', async () => {
    const dataDir = tempDir();
    const docId = uniqueDocId();
    const content = 'a stored paragraph '.repeat(40);
    await storeAsSnapshot(dataDir, docId, content);
    const { wsUrl } = await startTestServer({ dataDir });

    const raw = rawJoin(wsUrl, docId);
    await waitFor(() => raw.frames.length >= 2, 5000, 'the sync messages');
    const [first, second] = raw.frames.map((frame) => decodeMessage(frame));
    expect(first?.kind).toBe('sync-step2');
    const synced = new Y.Doc();
    if (first?.kind === 'sync-step2') Y.applyUpdate(synced, first.update);
    expect(text(synced)).toBe(content);
    // The server's own SyncStep1 follows once it built the document.
    expect(second?.kind).toBe('sync-step1');
    raw.socket.close();
  });

  it('editing goes on normally while and after the document is built: new, returning and REST readers agree', async () => {
    const dataDir = tempDir();
    const docId = uniqueDocId();
    const content = 'before the restart. '.repeat(30);
    const original = await storeAsSnapshot(dataDir, docId, content);
    const { wsUrl, url } = await startTestServer({ dataDir });

    // A returning client with the old state and an offline edit joins right with a fresh one.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(original));
    offline.getText('t').insert(0, '[offline] ');
    const returning = connectClient(wsUrl, docId, { doc: offline });
    const fresh = connectClient(wsUrl, docId);
    await waitForSynced(fresh.provider);
    await waitForSynced(returning.provider);
    fresh.doc.getText('t').insert(text(fresh.doc).length, ' [fresh]');

    const expected = (doc: Y.Doc) => text(doc).startsWith('[offline] before') && text(doc).endsWith(' [fresh]');
    await waitFor(() => expected(fresh.doc) && expected(returning.doc), 5000, 'both edits everywhere');
    expect(text(fresh.doc)).toBe(text(returning.doc));

    const late = connectClient(wsUrl, docId, { doc: new Y.Doc() });
    await waitForSynced(late.provider);
    await waitFor(() => text(late.doc) === text(fresh.doc), 5000, 'a late joiner');
    const stored = new Y.Doc();
    Y.applyUpdate(stored, new Uint8Array(await (await fetch(`${url}/api/docs/${docId}/update`)).arrayBuffer()));
    expect(text(stored)).toBe(text(fresh.doc));
  });
});
