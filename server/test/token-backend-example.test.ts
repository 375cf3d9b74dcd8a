import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTokenBackend } from '../../examples/token-backend.js';
import { connectClient, startTestServer, text, waitFor, waitForSynced } from './helpers.js';
import { TEST_SECRET } from './security-helpers.js';

describe('examples/token-backend', () => {
  it('mints tokens that open documents in token mode, write for owners and read for those it was shared with', async () => {
    const { url, wsUrl } = await startTestServer({ auth: { secret: TEST_SECRET } });
    const backend = createTokenBackend({ secret: TEST_SECRET, quireUrl: url });
    const as = (user: string) => ({ headers: { 'x-demo-user': user } });
    expect((await backend.request('/documents', { method: 'POST' })).status).toBe(401);
    const created = await backend.request('/documents', { method: 'POST', ...as('alice') });
    expect(created.status).toBe(201);
    const { docId } = (await created.json()) as { docId: string };
    const tokenFor = async (user: string) => {
      const response = await backend.request(`/token?doc=${docId}`, as(user));
      return response.ok ? ((await response.json()) as { token: string }).token : response.status;
    };

    const aliceToken = await tokenFor('alice');
    expect(typeof aliceToken).toBe('string');
    const alice = connectClient(wsUrl, docId, { params: { token: aliceToken as string } });
    await waitForSynced(alice.provider);
    alice.doc.getText('t').insert(0, "alice's notes");

    expect(await tokenFor('bob')).toBe(403);
    const share = await backend.request(`/documents/${docId}/share`, {
      method: 'POST',
      headers: { 'x-demo-user': 'alice', 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'bob', scope: 'read' }),
    });
    expect(share.status).toBe(204);
    const bob = connectClient(wsUrl, docId, { params: { token: (await tokenFor('bob')) as string } });
    let denied = 0;
    bob.provider.messageHandlers[2] = () => {
      denied++;
    };
    await waitFor(() => text(bob.doc) === "alice's notes", 5000, 'bob reads');
    bob.doc.getText('t').insert(0, 'bob was here ');
    await waitFor(() => denied === 1, 5000, 'bob may not write');
    const check = connectClient(wsUrl, docId, { doc: new Y.Doc(), params: { token: aliceToken as string } });
    await waitForSynced(check.provider);
    expect(text(check.doc)).toBe("alice's notes");
  });
});
