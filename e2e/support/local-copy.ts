import type { Page } from '@playwright/test';
import * as Y from 'yjs';
import { contentFragment, titleText } from '../../shared/doc-fields.js';
import { blocksOf } from './server-doc.js';

/**
 * What this browser keeps of a document in IndexedDB (y-indexeddb's `updates` store of the database
 * whose name ends with `/<docId>`), decoded with Yjs outside the page. Null when there is no copy.
 */
export async function readLocalCopy(page: Page, docId: string): Promise<{ blocks: string[]; title: string } | null> {
  const updates = await page.evaluate(async (suffix) => {
    const info = (await indexedDB.databases()).find((db) => db.name?.endsWith(suffix));
    if (!info?.name) return null;
    const name = info.name;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      if (!db.objectStoreNames.contains('updates')) return [];
      const values = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction('updates', 'readonly').objectStore('updates').getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      return values.map((value) => Array.from(value as Uint8Array));
    } finally {
      db.close();
    }
  }, `/${docId}`);
  if (updates === null) return null;
  const doc = new Y.Doc();
  try {
    for (const update of updates) Y.applyUpdate(doc, Uint8Array.from(update));
    return { blocks: blocksOf(contentFragment(doc)), title: titleText(doc).toString() };
  } finally {
    doc.destroy();
  }
}
