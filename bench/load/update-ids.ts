import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/**
 * Calls `visit(client, clock)` for every item clock an update carries. Updates from the load writers
 * hold one struct of one character, so the common case reads three numbers; anything else (a server
 * that merges updates) is parsed in full with Yjs.
 */
export function forEachUpdateClock(update: Uint8Array, visit: (client: number, clock: number) => void): void {
  const decoder = decoding.createDecoder(update);
  const clients = decoding.readVarUint(decoder);
  if (clients === 1 && decoding.readVarUint(decoder) === 1) {
    const client = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    // Info byte of an item: content ref 4 is a string; a one-character string is the writers' shape.
    const info = decoding.readUint8(decoder);
    if ((info & 0b11111) === 4 && isOneCharString(decoder, info)) {
      visit(client, clock);
      return;
    }
  }
  const { from, to } = Y.parseUpdateMeta(update);
  for (const [client, start] of from) {
    const end = to.get(client) ?? start;
    for (let clock = start; clock < end; clock++) visit(client, clock);
  }
}

/** Skips an item's origins and checks that its string content is one character long. */
function isOneCharString(decoder: decoding.Decoder, info: number): boolean {
  const hasOrigin = (info & 0x80) !== 0;
  const hasRightOrigin = (info & 0x40) !== 0;
  if (hasOrigin) {
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
  }
  if (hasRightOrigin) {
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
  }
  if (!hasOrigin && !hasRightOrigin) {
    // The item names its parent instead (a writer's first character): leave it to the full parse.
    return false;
  }
  return decoding.readVarString(decoder).length === 1;
}
