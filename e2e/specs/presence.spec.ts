import { expect, test } from '../fixtures.js';

/** Short heartbeat so a peer that vanished without a word is noticed in seconds. */
const HEARTBEAT_MS = 1_000;
/** A silent peer is terminated after at most two heartbeat intervals; the rest is slack for a busy machine. */
const VANISH_DEADLINE_MS = 2 * HEARTBEAT_MS + 4_000;

test.use({ quireEnv: { QUIRE_HEARTBEAT_MS: String(HEARTBEAT_MS) } });

test('each user sees the other in the presence list and their caret labelled with their name', async ({
  newUser,
  docId,
}) => {
  const alice = await newUser('Alice');
  const bob = await newUser('Bob');
  await alice.open(docId);
  await bob.open(docId);

  for (const user of [alice, bob]) {
    await expect(user.editor.presenceItem('Alice')).toBeVisible();
    await expect(user.editor.presenceItem('Bob')).toBeVisible();
  }

  // A caret exists once a user has a selection in the text.
  await alice.editor.typeAtEnd('Alice was here.');
  await bob.editor.typeAtEnd(' Bob too.');
  await expect(bob.editor.caretLabel('Alice')).toHaveCount(1);
  await expect(alice.editor.caretLabel('Bob')).toHaveCount(1);
  // Nobody sees their own caret label.
  await expect(alice.editor.caretLabel('Alice')).toHaveCount(0);
  await expect(bob.editor.caretLabel('Bob')).toHaveCount(0);
});

test('closing a browser removes that user from the other within the heartbeat time', async ({ newUser, docId }) => {
  const alice = await newUser('Alice');
  const bob = await newUser('Bob');
  await alice.open(docId);
  await bob.open(docId);
  await bob.editor.typeAtEnd('Bob leaves soon.');
  await expect(alice.editor.presenceItem('Bob')).toBeVisible();
  await expect(alice.editor.caretLabel('Bob')).toHaveCount(1);

  await bob.context.close();

  await expect(alice.editor.presenceItem('Bob')).toHaveCount(0, { timeout: VANISH_DEADLINE_MS });
  await expect(alice.editor.caretLabel('Bob')).toHaveCount(0, { timeout: VANISH_DEADLINE_MS });
  await expect(alice.editor.presenceItem('Alice')).toBeVisible();
});

test('a user whose network goes silent disappears from the others within the heartbeat time', async ({
  newUser,
  docId,
  quire,
  tcpProxy,
}) => {
  const alice = await newUser('Alice');
  const bob = await newUser('Bob');
  await alice.open(docId, quire.url);
  // Only Bob goes through the TCP proxy, so only Bob's network can fail.
  await bob.open(docId, tcpProxy.url);
  await expect(alice.editor.presenceItem('Bob')).toBeVisible();

  // No close, no FIN: only the server's heartbeat can tell that Bob is gone.
  tcpProxy.blackhole();

  await expect(alice.editor.presenceItem('Bob')).toHaveCount(0, { timeout: VANISH_DEADLINE_MS });
  await expect(alice.editor.presenceItem('Alice')).toBeVisible();
});
