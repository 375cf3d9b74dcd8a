import { cleanName, isHexColor, randomColor, randomName } from './presence.js';

/** localStorage keys, shared by the app and every embedded editor on the same origin. */
export const IDENTITY_KEYS = {
  id: 'quire:user-id',
  name: 'quire:user-name',
  color: 'quire:user-color',
} as const;

/** The person at this browser, as others see them. */
export interface Identity {
  id: string;
  name: string;
  color: string;
}

/**
 * The page's localStorage, or null where reading it throws (sandboxed iframes, some private modes):
 * Quire then works with a per-page identity instead of failing.
 */
export function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function read(storage: Storage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(storage: Storage | null, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Full or forbidden storage: the identity lasts for this page only.
  }
}

const randomId = (random: () => number): string =>
  Array.from({ length: 16 }, () => Math.floor(random() * 36).toString(36)).join('');

/** The stored identity, with friendly random defaults created (and stored) for whatever is missing. */
export function loadIdentity(storage: Storage | null, random: () => number = Math.random): Identity {
  let id = read(storage, IDENTITY_KEYS.id);
  if (!id || id.length > 64) {
    id = randomId(random);
    write(storage, IDENTITY_KEYS.id, id);
  }
  let name = cleanName(read(storage, IDENTITY_KEYS.name));
  if (!name) {
    name = randomName(random);
    write(storage, IDENTITY_KEYS.name, name);
  }
  let color = read(storage, IDENTITY_KEYS.color);
  if (!isHexColor(color)) {
    color = randomColor(random);
    write(storage, IDENTITY_KEYS.color, color);
  }
  return { id, name, color };
}

/** Stores a new display name; returns the cleaned name, or null (nothing stored) when it is empty. */
export function saveName(storage: Storage | null, value: string): string | null {
  const name = cleanName(value);
  if (!name) return null;
  write(storage, IDENTITY_KEYS.name, name);
  return name;
}
