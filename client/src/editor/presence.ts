/**
 * Who is in a document: names, colours and initials, derived from Yjs awareness states.
 * Pure functions; the awareness states come from other people's browsers and are validated here.
 */

/**
 * Caret and avatar colours: eight hues far enough apart to tell at a glance (sky next to blue or fuchsia
 * next to violet were not), each with at least 4.5:1 contrast with white (labels are white on the colour),
 * ordered so that colour resolution hands out the most different hues first.
 */
export const PRESENCE_COLORS = [
  '#dc2626', // red
  '#2563eb', // blue
  '#15803d', // green
  '#7c3aed', // violet
  '#c2410c', // orange
  '#0f766e', // teal
  '#db2777', // pink
  '#a16207', // amber
] as const;

/** Longest name shown; longer ones are cut so a caret label cannot cover the page. */
export const MAX_NAME_LENGTH = 40;

const ADJECTIVES = [
  'Amber',
  'Brave',
  'Bright',
  'Calm',
  'Clever',
  'Curious',
  'Daring',
  'Eager',
  'Gentle',
  'Happy',
  'Jolly',
  'Keen',
  'Kind',
  'Lively',
  'Lucky',
  'Merry',
  'Nimble',
  'Patient',
  'Quick',
  'Quiet',
  'Sunny',
  'Swift',
  'Witty',
  'Zesty',
] as const;

const ANIMALS = [
  'Badger',
  'Beaver',
  'Crane',
  'Dolphin',
  'Falcon',
  'Fox',
  'Gecko',
  'Hare',
  'Heron',
  'Koala',
  'Lynx',
  'Marten',
  'Otter',
  'Owl',
  'Panda',
  'Puffin',
  'Quokka',
  'Raven',
  'Robin',
  'Seal',
  'Stoat',
  'Swan',
  'Tiger',
  'Wren',
] as const;

const pick = <T>(items: readonly T[], random: () => number): T =>
  items[Math.min(items.length - 1, Math.floor(random() * items.length))] as T;

/** A friendly default name such as "Curious Otter". */
export const randomName = (random: () => number = Math.random): string =>
  `${pick(ADJECTIVES, random)} ${pick(ANIMALS, random)}`;

export const randomColor = (random: () => number = Math.random): string => pick(PRESENCE_COLORS, random);

/** Trims, collapses white space and caps the length; an empty result means "no name". */
export function cleanName(value: unknown): string {
  if (typeof value !== 'string') return '';
  // Control characters would garble labels and tooltips.
  const text = value
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return Array.from(text).slice(0, MAX_NAME_LENGTH).join('').trim();
}

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** True for `#rrggbb`: the only colour form accepted from other clients (it ends up in inline styles). */
export const isHexColor = (value: unknown): value is string => typeof value === 'string' && HEX_COLOR.test(value);

/** One or two letters for an avatar: first letters of the first and last word. */
export function initials(name: string): string {
  const words = cleanName(name).split(' ').filter(Boolean);
  const first = words[0];
  if (!first) return '?';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letter = (word: string) => Array.from(word)[0] ?? '';
  return (letter(first) + (last ? letter(last) : '')).toLocaleUpperCase();
}

function relativeLuminance(hex: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** White or near-black, whichever reads better on `background`. */
export const textColorOn = (background: string): string =>
  contrastRatio(background, '#ffffff') >= contrastRatio(background, '#111827') ? '#ffffff' : '#111827';

/** What each browser publishes under `user` in its awareness state. */
export interface UserInfo {
  /** Stable per browser (localStorage), so two tabs of one person show as one. */
  id: string;
  name: string;
  color: string;
}

/** One person in the presence list (several tabs of one browser are one person). */
export interface PresenceUser {
  id: string;
  name: string;
  color: string;
  textColor: string;
  initials: string;
  isSelf: boolean;
  /** Awareness client ids of this person's tabs. */
  clientIds: number[];
}

/** Reads a peer's `user` field defensively: anything malformed gets a neutral fallback. */
export function readUser(clientId: number, state: unknown): UserInfo | null {
  if (typeof state !== 'object' || state === null) return null;
  const user = (state as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return null;
  const { id, name, color } = user as Record<string, unknown>;
  return {
    id: typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : `client-${clientId}`,
    name: cleanName(name) || 'Anonymous',
    color: isHexColor(color) ? color : (PRESENCE_COLORS[clientId % PRESENCE_COLORS.length] as string),
  };
}

/**
 * The people in a document, yourself first, then by name. Awareness states without a `user`
 * (e.g. a headless peer) are not people and are left out.
 */
export function presenceUsers(states: ReadonlyMap<number, unknown>, localClientId: number): PresenceUser[] {
  const byId = new Map<string, PresenceUser>();
  for (const [clientId, state] of states) {
    const user = readUser(clientId, state);
    if (!user) continue;
    const isSelf = clientId === localClientId;
    const existing = byId.get(user.id);
    if (existing) {
      existing.clientIds.push(clientId);
      // The local tab's own name and colour win over what other tabs of this browser last said.
      if (isSelf) Object.assign(existing, toPresenceUser(user, true), { clientIds: existing.clientIds });
      continue;
    }
    byId.set(user.id, { ...toPresenceUser(user, isSelf), clientIds: [clientId] });
  }
  return [...byId.values()].sort(
    (a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
}

const toPresenceUser = (user: UserInfo, isSelf: boolean): Omit<PresenceUser, 'clientIds'> => ({
  id: user.id,
  name: user.name,
  color: user.color,
  textColor: textColorOn(user.color),
  initials: initials(user.name),
  isSelf,
});

/**
 * Keeps colours distinct: if another person (not another tab of yours) with a lower client id already
 * shows `preferred`, returns the first palette colour nobody else uses. The lower id keeps its colour,
 * so two people never both switch.
 */
export function resolveColor(
  preferred: string,
  local: { clientId: number; userId: string },
  states: ReadonlyMap<number, unknown>,
): string {
  const others: UserInfo[] = [];
  let clash = false;
  for (const [clientId, state] of states) {
    if (clientId === local.clientId) continue;
    const user = readUser(clientId, state);
    if (!user || user.id === local.userId) continue;
    others.push(user);
    if (user.color.toLowerCase() === preferred.toLowerCase() && clientId < local.clientId) clash = true;
  }
  if (!clash) return preferred;
  const taken = new Set(others.map((user) => user.color.toLowerCase()));
  const start = Math.max(0, PRESENCE_COLORS.indexOf(preferred as (typeof PRESENCE_COLORS)[number]));
  for (let i = 1; i <= PRESENCE_COLORS.length; i++) {
    const candidate = PRESENCE_COLORS[(start + i) % PRESENCE_COLORS.length] as string;
    if (!taken.has(candidate)) return candidate;
  }
  // More people than colours: a repeat is unavoidable.
  return preferred;
}
