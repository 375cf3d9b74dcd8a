import * as Y from 'yjs';

/** A writer's pre-made updates: `count` one-character appends, clocks 0..count-1 of `clientId`. */
export interface WriterUpdates {
  clientId: number;
  updates: Uint8Array[];
}

/**
 * Makes the updates a load writer will send, ahead of time, with a real Y.Doc (so servers that apply
 * updates get valid ones). Each is one character appended to the text `t` by this client.
 */
export function makeWriterUpdates(clientId: number, count: number): WriterUpdates {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const text = doc.getText('t');
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) text.insert(i, String.fromCharCode(97 + (i % 26)));
  doc.destroy();
  return { clientId, updates };
}

/** Distinct client ids for `n` writers of one load run (random base so runs never collide). */
export function writerClientIds(n: number): number[] {
  const base = 1 + Math.floor(Math.random() * 2 ** 30);
  return Array.from({ length: n }, (_, i) => base + i);
}
