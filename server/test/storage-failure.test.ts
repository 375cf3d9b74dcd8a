import { describe, expect, it } from 'vitest';
import { CLOSE_CODE } from '../../shared/close-codes.js';
import { configWith } from '../src/config.js';
import { createQuireServer } from '../src/server.js';
import type { AppendItem } from '../src/storage/doc-store.js';
import { SqliteDocStore } from '../src/storage/sqlite-doc-store.js';
import { connectClient, onCleanup, tempDir, text, uniqueDocId, waitFor, waitForSynced } from './helpers.js';

/** A real SQLite store whose disk "fills up" on demand. */
class FlakySqliteStore extends SqliteDocStore {
  failing = false;

  override async append(items: readonly AppendItem[]): Promise<number[]> {
    if (this.failing) throw new Error('SQLITE_FULL: database or disk is full');
    return super.append(items);
  }
}

describe('storage failure', () => {
  it('an update that cannot be stored is neither applied nor relayed, and arrives after recovery', async () => {
    const store = new FlakySqliteStore({ dataDir: tempDir() });
    const server = createQuireServer(configWith({ port: 0, logLevel: 'silent', clientDir: '' }), { store });
    const { port } = await server.start();
    onCleanup(() => server.stop());
    const wsUrl = `ws://127.0.0.1:${port}/collab`;
    const docId = uniqueDocId();
    const writer = connectClient(wsUrl, docId);
    const reader = connectClient(wsUrl, docId);
    await waitForSynced(writer.provider);
    await waitForSynced(reader.provider);
    const closes: number[] = [];
    writer.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });

    store.failing = true;
    writer.doc.getText('t').insert(0, 'not yet durable');
    await waitFor(() => closes.length > 0, 5000, 'writer closed');
    expect(closes[0]).toBe(CLOSE_CODE.internalError);
    expect(text(reader.doc)).toBe('');
    expect(server.ctx.registry.peek(docId)?.doc.getText('t').toString()).toBe('');

    // The disk recovers; the writer reconnects by itself and its SyncStep2 carries the edit.
    store.failing = false;
    await waitFor(() => text(reader.doc) === 'not yet durable', 10_000, 'edit after recovery');
    const stored = await store.load(docId);
    expect(stored?.updates.length).toBeGreaterThan(0);
  });
});
