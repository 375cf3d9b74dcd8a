import { expect, test } from '../fixtures.js';
import { countOccurrences } from '../support/server-doc.js';

/** True when every character of `needle` appears in `haystack` in order (interleaving allowed). */
function isSubsequence(needle: string, haystack: string): boolean {
  let at = 0;
  for (const char of haystack) if (char === needle[at]) at++;
  return at === needle.length;
}

test('two users typing in turns and at the same time end with identical content', async ({ newUser, docId }) => {
  const alice = await newUser('Alice');
  const bob = await newUser('Bob');
  await alice.open(docId);
  await bob.open(docId);

  // In turns: each sees the other's paragraph before answering.
  await alice.editor.typeAtEnd('Alice opens the discussion.');
  await expect(bob.editor.content).toContainText('Alice opens the discussion.');
  await bob.editor.typeAtEnd('Bob answers.', { newParagraph: true });
  await expect(alice.editor.content).toContainText('Bob answers.');

  // At the same time, in different paragraphs.
  const aliceLine = ' alice-typing-while-bob-types';
  const bobLine = ' bob-typing-while-alice-types';
  await Promise.all([
    alice.editor.typeInParagraph('Alice opens', aliceLine),
    bob.editor.typeInParagraph('Bob answers', bobLine),
  ]);

  // At the same time, in the same paragraph.
  await alice.editor.typeAtEnd('Both:', { newParagraph: true });
  await expect(bob.editor.content).toContainText('Both:');
  const aliceSame = ' aaaa-1111';
  const bobSame = ' bbbb-2222';
  await Promise.all([alice.editor.typeInParagraph('Both:', aliceSame), bob.editor.typeInParagraph('Both:', bobSame)]);

  await expect(async () => {
    expect(await alice.editor.blocks()).toEqual(await bob.editor.blocks());
  }).toPass({ timeout: 15_000 });
  const blocks = await alice.editor.blocks();
  const text = blocks.join('\n');
  expect(blocks).toHaveLength(3);
  expect(blocks[0]).toBe(`Alice opens the discussion.${aliceLine}`);
  expect(blocks[1]).toBe(`Bob answers.${bobLine}`);
  // Concurrent runs at one spot may interleave; every character must still arrive exactly once.
  expect(blocks[2]).toHaveLength('Both:'.length + aliceSame.length + bobSame.length);
  expect(isSubsequence(aliceSame, blocks[2] ?? '')).toBe(true);
  expect(isSubsequence(bobSame, blocks[2] ?? '')).toBe(true);
  expect(countOccurrences(text, 'Alice opens the discussion.')).toBe(1);
});
