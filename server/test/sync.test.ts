import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, startTestServer, text, uniqueDocId, waitFor, waitForSynced } from './helpers.js';

describe('sync with stock y-websocket clients', () => {
  it('two clients converge on concurrent edits', async () => {
    const { wsUrl } = await startTestServer();
    const docId = uniqueDocId();
    const a = connectClient(wsUrl, docId);
    const b = connectClient(wsUrl, docId);
    await waitForSynced(a.provider);
    await waitForSynced(b.provider);
    a.doc.getText('t').insert(0, 'hello ');
    b.doc.getText('t').insert(0, 'world ');
    await waitFor(() => text(a.doc) === text(b.doc) && text(a.doc).length === 12, 5000, 'convergence');
    expect(text(a.doc)).toContain('hello ');
    expect(text(b.doc)).toContain('world ');
  });

  it('a late joiner receives everything written before it came', async () => {
    const { wsUrl } = await startTestServer();
    const docId = uniqueDocId();
    const a = connectClient(wsUrl, docId);
    await waitForSynced(a.provider);
    for (let i = 0; i < 50; i++) a.doc.getText('t').insert(i, String(i % 10));
    const expected = text(a.doc);
    const late = connectClient(wsUrl, docId);
    await waitFor(() => text(late.doc) === expected, 5000, 'late joiner');
    expect(text(late.doc)).toHaveLength(50);
  });

  it('awareness appears for others and disappears when its client leaves', async () => {
    const { wsUrl } = await startTestServer();
    const docId = uniqueDocId();
    const a = connectClient(wsUrl, docId);
    const b = connectClient(wsUrl, docId);
    await waitForSynced(a.provider);
    await waitForSynced(b.provider);
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    const aId = a.doc.clientID;
    await waitFor(() => b.provider.awareness.getStates().get(aId)?.user?.name === 'Ada', 5000, 'presence');
    a.provider.disconnect();
    await waitFor(() => !b.provider.awareness.getStates().has(aId), 5000, 'presence removal');
    expect(b.provider.awareness.getStates().has(aId)).toBe(false);
  });

  it('a client that joins later sees the presence of those already there', async () => {
    const { wsUrl } = await startTestServer();
    const docId = uniqueDocId();
    const a = connectClient(wsUrl, docId);
    a.provider.awareness.setLocalStateField('user', { name: 'Grace' });
    await waitForSynced(a.provider);
    const b = connectClient(wsUrl, docId, { doc: new Y.Doc() });
    await waitFor(
      () => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Grace',
      5000,
      'existing presence',
    );
    expect(b.provider.awareness.getStates().size).toBe(2);
  });
});
