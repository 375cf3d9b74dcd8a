import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../testing/memory-storage.js';
import { IDENTITY_KEYS, loadIdentity, saveName } from './identity.js';
import { PRESENCE_COLORS } from './presence.js';

describe('identity', () => {
  it('creates a friendly identity once and then remembers it', () => {
    const storage = memoryStorage();
    const first = loadIdentity(storage);
    expect(first.name).toMatch(/^\w+ \w+$/);
    expect(PRESENCE_COLORS).toContain(first.color);
    expect(first.id).toMatch(/^[a-z0-9]{16}$/);
    expect(loadIdentity(storage)).toEqual(first);
  });

  it('keeps a name the user chose and repairs what is broken', () => {
    const storage = memoryStorage({ [IDENTITY_KEYS.name]: '  Ada  ', [IDENTITY_KEYS.color]: 'red' });
    const identity = loadIdentity(storage, () => 0);
    expect(identity.name).toBe('Ada');
    expect(identity.color).toBe(PRESENCE_COLORS[0]);
    expect(storage.getItem(IDENTITY_KEYS.color)).toBe(PRESENCE_COLORS[0]);
  });

  it('saves edited names, cleaned, and refuses empty ones', () => {
    const storage = memoryStorage();
    expect(saveName(storage, ' Grace \n Hopper ')).toBe('Grace Hopper');
    expect(storage.getItem(IDENTITY_KEYS.name)).toBe('Grace Hopper');
    expect(saveName(storage, '   ')).toBeNull();
    expect(storage.getItem(IDENTITY_KEYS.name)).toBe('Grace Hopper');
  });

  it('works without storage, or with storage that throws', () => {
    expect(loadIdentity(null).name).toBeTruthy();
    const throwing = memoryStorage();
    throwing.getItem = () => {
      throw new Error('SecurityError');
    };
    throwing.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(loadIdentity(throwing).name).toBeTruthy();
    expect(saveName(throwing, 'X')).toBe('X');
  });
});
