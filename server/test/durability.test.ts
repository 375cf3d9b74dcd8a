import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { spawnServer } from './child-server.js';
import { connectClient, startTestServer, tempDir, text, uniqueDocId, waitFor, waitForSynced } from './helpers.js';

describe('durability', () => {
  it('a server restarted on the same data directory serves everything it acknowledged', async () => {
    const dataDir = tempDir();
    const docId = uniqueDocId();
    const first = await startTestServer({ dataDir });
    const writer = connectClient(first.wsUrl, docId);
    const watcher = connectClient(first.wsUrl, docId);
    await waitForSynced(writer.provider);
    for (let i = 0; i < 200; i++) writer.doc.getText('t').insert(i, String(i % 10));
    await waitFor(() => text(watcher.doc).length === 200, 5000, 'relay');
    writer.provider.destroy();
    watcher.provider.destroy();
    await first.server.stop();

    const second = await startTestServer({ dataDir });
    const reader = connectClient(second.wsUrl, docId);
    await waitForSynced(reader.provider);
    await waitFor(() => text(reader.doc).length === 200, 5000, 'content after restart');
    expect(text(reader.doc)).toBe(text(writer.doc));
  });

  it('an update one client observed from another survives SIGKILL of the server', async () => {
    const dataDir = tempDir();
    const docId = uniqueDocId();
    const server = await spawnServer({ QUIRE_DATA_DIR: dataDir });
    const writer = connectClient(server.wsUrl, docId);
    const observer = connectClient(server.wsUrl, docId);
    await waitForSynced(writer.provider);
    await waitForSynced(observer.provider);
    const observed: string[] = [];
    for (let i = 0; i < 50; i++) {
      writer.doc.getText('t').insert(0, `w${i};`);
      await waitFor(() => text(observer.doc).includes(`w${i};`), 5000, `edit ${i} relayed`);
      observed.push(`w${i};`);
    }
    server.process.kill('SIGKILL');
    expect(await server.exited).toBe('SIGKILL');
    writer.provider.destroy();
    observer.provider.destroy();

    const restarted = await spawnServer({ QUIRE_DATA_DIR: dataDir });
    const reader = connectClient(restarted.wsUrl, docId, { doc: new Y.Doc() });
    await waitForSynced(reader.provider);
    await waitFor(() => observed.every((edit) => text(reader.doc).includes(edit)), 5000, 'every observed edit');
    expect(text(reader.doc)).toBe(text(observer.doc));
  });

  it('durable acknowledgements count exactly the updates this connection sent', async () => {
    const { wsUrl } = await startTestServer();
    const docId = uniqueDocId();
    const client = connectClient(wsUrl, docId, { params: { ack: '1' } });
    const acks: number[] = [];
    client.provider.messageHandlers[100] = (_encoder, decoder) => {
      let value = 0;
      let multiplier = 1;
      for (;;) {
        const byte = decoder.arr[decoder.pos++] as number;
        value += (byte & 0x7f) * multiplier;
        if (byte < 0x80) break;
        multiplier *= 128;
      }
      acks.push(value);
    };
    await waitForSynced(client.provider);
    // The client's SyncStep2 answer to the server's SyncStep1 is its first update.
    await waitFor(() => acks.includes(1), 5000, 'ack of the initial step 2');
    for (let i = 0; i < 10; i++) client.doc.getText('t').insert(0, 'x');
    await waitFor(() => acks[acks.length - 1] === 11, 5000, 'ack of ten more updates');
    expect(acks).toEqual([...acks].sort((a, b) => a - b));

    const plain = connectClient(wsUrl, docId);
    let unknown = 0;
    plain.provider.messageHandlers[100] = () => {
      unknown++;
    };
    await waitForSynced(plain.provider);
    plain.doc.getText('t').insert(0, 'y');
    await waitFor(() => text(client.doc).includes('y'), 5000, 'relay');
    expect(unknown).toBe(0);
  });

  it('graceful shutdown closes peers with 1001 and keeps every acknowledged edit', async () => {
    const dataDir = tempDir();
    const docId = uniqueDocId();
    const server = await spawnServer({ QUIRE_DATA_DIR: dataDir });
    const writer = connectClient(server.wsUrl, docId, { params: { ack: '1' } });
    let acked = 0;
    writer.provider.messageHandlers[100] = (_encoder, decoder) => {
      acked = decoder.arr[decoder.pos++] as number; // counts below 128 fit one byte
    };
    await waitForSynced(writer.provider);
    const closes: number[] = [];
    writer.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    for (let i = 0; i < 60; i++) {
      writer.doc.getText('t').insert(0, 'g');
      // The first 31 edits are acknowledged (plus the SyncStep2) before the signal; the rest are in flight.
      if (i === 30) await waitFor(() => acked >= 32, 5000, 'the first acks');
    }
    // More edits are in flight when the signal arrives.
    server.process.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    await waitFor(() => closes.length > 0, 5000, 'close event');
    expect(closes[0]).toBe(1001);
    writer.provider.destroy();
    const ackedEdits = acked - 1; // the first acknowledged update is the client's initial SyncStep2

    const restarted = await spawnServer({ QUIRE_DATA_DIR: dataDir });
    const reader = connectClient(restarted.wsUrl, docId);
    await waitForSynced(reader.provider);
    await waitFor(() => text(reader.doc).length >= ackedEdits, 5000, 'acknowledged edits');
    expect(ackedEdits).toBeGreaterThan(30);
    // The rest arrives when the writer reconnects: its document still holds every edit.
    const again = connectClient(restarted.wsUrl, docId, { doc: writer.doc });
    await waitForSynced(again.provider);
    await waitFor(() => text(reader.doc).length === 60, 5000, 'all edits');
    expect(text(reader.doc)).toBe('g'.repeat(60));
  });
});
