import { describe, expect, it } from 'vitest';
import { createDocId, isValidDocId } from './doc-id.js';
import { collabServerUrl, collabViewServerUrl, docApiUrl, docPagePath, viewPagePath } from './routes.js';

describe('document ids', () => {
  it('accepts 1-128 url-safe characters only', () => {
    expect(isValidDocId('a')).toBe(true);
    expect(isValidDocId('A-z_09'.repeat(21).slice(0, 128))).toBe(true);
    for (const bad of ['', 'x'.repeat(129), '../etc', 'a b', 'é', 'a\nb', 'a%2F', null, 42]) {
      expect(isValidDocId(bad)).toBe(false);
    }
  });

  it('creates unguessable valid ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => createDocId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) {
      expect(isValidDocId(id)).toBe(true);
      expect(id).toHaveLength(22);
    }
  });

  it('builds WebSocket and REST URLs from a page origin', () => {
    expect(collabServerUrl('http://localhost:1234')).toBe('ws://localhost:1234/collab');
    expect(collabServerUrl('https://quire.example/')).toBe('wss://quire.example/collab');
    expect(docApiUrl('http://h:1/', 'abc')).toBe('http://h:1/api/docs/abc');
    expect(collabViewServerUrl('https://quire.example/')).toBe('wss://quire.example/collab/r');
    expect(docPagePath('abc')).toBe('/d/abc');
    expect(viewPagePath('v_1')).toBe('/r/v_1');
  });
});
