import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDocId } from '../../../shared/doc-id.js';
import { isValidViewId } from '../../../shared/view-id.js';
import { loadViewSecret, ViewIds } from './view-ids.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('view ids', () => {
  const ids = new ViewIds('s'.repeat(32));

  it('map each document to one stable, valid view id and back', () => {
    for (const docId of [createDocId(), 'a', 'x'.repeat(128), 'with_under-score']) {
      const viewId = ids.viewIdFor(docId);
      expect(isValidViewId(viewId)).toBe(true);
      expect(ids.viewIdFor(docId)).toBe(viewId);
      expect(ids.docIdFor(viewId)).toBe(docId);
      if (docId.length > 8) expect(viewId).not.toContain(docId);
    }
  });

  it('differ between documents and between keys', () => {
    const docId = createDocId();
    expect(ids.viewIdFor(docId)).not.toBe(ids.viewIdFor(`${docId}x`));
    expect(new ViewIds('t'.repeat(32)).viewIdFor(docId)).not.toBe(ids.viewIdFor(docId));
    expect(new ViewIds('t'.repeat(32)).docIdFor(ids.viewIdFor(docId))).toBeNull();
  });

  it('reject every single-character change and non-canonical spellings', () => {
    const viewId = ids.viewIdFor(createDocId());
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < viewId.length; i++) {
      const other = alphabet[(alphabet.indexOf(viewId[i] as string) + 1) % alphabet.length];
      expect(ids.docIdFor(`${viewId.slice(0, i)}${other}${viewId.slice(i + 1)}`)).toBeNull();
    }
    expect(ids.docIdFor(`${viewId}A`)).toBeNull();
    expect(ids.docIdFor(viewId.slice(0, -1))).toBeNull();
    expect(ids.docIdFor('short')).toBeNull();
    expect(ids.docIdFor(`${viewId}/../x`)).toBeNull();
  });

  it('keep a generated key in the data directory, readable by the owner only', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'quire-view-'));
    dirs.push(dataDir);
    const first = loadViewSecret({ secret: null, dataDir, persistent: true });
    expect(loadViewSecret({ secret: null, dataDir, persistent: true })).toBe(first);
    expect(readFileSync(join(dataDir, 'view-secret'), 'utf8').trim()).toBe(first);
    expect(statSync(join(dataDir, 'view-secret')).mode & 0o777).toBe(0o600);
    expect(loadViewSecret({ secret: 'configured'.repeat(4), dataDir, persistent: true })).toBe('configured'.repeat(4));
    expect(loadViewSecret({ secret: null, dataDir, persistent: false })).not.toBe(first);
  });
});
