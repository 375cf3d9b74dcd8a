import * as Y from 'yjs';

/**
 * Applies every part to a fresh document and encodes it: one garbage-collected snapshot of their
 * union. Stores shared by several instances build compaction snapshots this way from what they
 * hold, so a caller whose copy lacks some stored update cannot drop it.
 */
export function mergeIntoSnapshot(parts: readonly (Uint8Array | null)[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    for (const part of parts) if (part && part.length > 0) Y.applyUpdate(doc, part);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
