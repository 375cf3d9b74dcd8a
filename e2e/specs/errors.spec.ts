import { expect, test } from '../fixtures.js';

/** Longer than several of the client's reconnect backoffs: a client that retries would have tried by then. */
const NO_RETRY_WINDOW_MS = 5_000;

test('an invalid document id shows the error page and opens no connection', async ({ newUser, quire }) => {
  const alice = await newUser('Alice');
  const sockets: string[] = [];
  alice.page.on('websocket', (socket) => sockets.push(socket.url()));
  await alice.page.goto(`${quire.url}/d/${'x'.repeat(129)}`);
  await expect(alice.editor.errorPage).toBeVisible();
  await expect(alice.editor.errorPage).toContainText(/document|id/i);
  await alice.page.goto(`${quire.url}/d/not%20valid!`);
  await expect(alice.editor.errorPage).toBeVisible();
  expect(sockets).toEqual([]);
});

test('a permanent refusal from the server shows its message and the client stops retrying', async ({
  newUser,
  docId,
  quire,
}) => {
  const alice = await newUser('Alice');
  await alice.open(docId);
  await alice.editor.typeAtEnd('This document is about to be deleted.');
  await alice.editor.expectSaved();
  let connections = 0;
  alice.page.on('websocket', () => connections++);

  // Deleting the document closes its editors with 4410, a permanent refusal.
  const response = await fetch(`${quire.url}/api/docs/${docId}`, { method: 'DELETE' });
  expect(response.status).toBe(204);

  await alice.editor.expectConnection('refused');
  await expect(alice.editor.errorPage).toBeVisible();
  await expect(alice.editor.errorPage).toContainText('This document was deleted.');

  // Proving an absence needs a window: no new WebSocket may open during it.
  const retry = await alice.page
    .waitForEvent('websocket', { timeout: NO_RETRY_WINDOW_MS })
    .then((socket) => socket.url())
    .catch(() => null);
  expect(retry, 'the client opened a new connection after a permanent refusal').toBeNull();
  expect(connections).toBe(0);
});
