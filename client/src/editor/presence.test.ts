import { describe, expect, it } from 'vitest';
import {
  cleanName,
  contrastRatio,
  initials,
  isHexColor,
  PRESENCE_COLORS,
  presenceUsers,
  randomColor,
  randomName,
  readUser,
  resolveColor,
  textColorOn,
} from './presence.js';

const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

describe('presence colours', () => {
  it('are readable: white labels on every colour reach 4.5:1', () => {
    for (const color of PRESENCE_COLORS) {
      expect(contrastRatio(color, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      expect(textColorOn(color)).toBe('#ffffff');
    }
  });

  it('are distinct from one another', () => {
    expect(new Set(PRESENCE_COLORS).size).toBe(PRESENCE_COLORS.length);
    for (const a of PRESENCE_COLORS) {
      for (const b of PRESENCE_COLORS) {
        if (a === b) continue;
        const [r1, g1, b1] = rgb(a);
        const [r2, g2, b2] = rgb(b);
        expect(Math.hypot(r1 - r2, g1 - g2, b1 - b2), `${a} vs ${b}`).toBeGreaterThan(40);
      }
    }
  });

  it('picks dark text on light colours', () => {
    expect(textColorOn('#fde047')).toBe('#111827');
    expect(textColorOn('#1e3a8a')).toBe('#ffffff');
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
  });

  it('accepts only #rrggbb from other clients', () => {
    expect(isHexColor('#A1b2C3')).toBe(true);
    for (const bad of ['red', '#fff', 'url(x)', '#12345g', '', null, 7]) expect(isHexColor(bad)).toBe(false);
  });

  it('gives a clashing newcomer the first colour nobody uses, and leaves the earlier person alone', () => {
    const states = new Map<number, unknown>([
      [10, { user: { id: 'a', name: 'Ann', color: PRESENCE_COLORS[0] } }],
      [20, { user: { id: 'b', name: 'Bo', color: PRESENCE_COLORS[0] } }],
      [30, { user: { id: 'c', name: 'Cy', color: PRESENCE_COLORS[1] } }],
    ]);
    // Bo came later (higher id) and moves past blue, which Cy shows, to green.
    expect(resolveColor(PRESENCE_COLORS[0], { clientId: 20, userId: 'b' }, states)).toBe(PRESENCE_COLORS[2]);
    // Ann keeps hers.
    expect(resolveColor(PRESENCE_COLORS[0], { clientId: 10, userId: 'a' }, states)).toBe(PRESENCE_COLORS[0]);
  });

  it('does not count your other tabs as a clash', () => {
    const states = new Map<number, unknown>([
      [1, { user: { id: 'me', name: 'Me', color: PRESENCE_COLORS[3] } }],
      [2, { user: { id: 'me', name: 'Me', color: PRESENCE_COLORS[3] } }],
    ]);
    expect(resolveColor(PRESENCE_COLORS[3], { clientId: 2, userId: 'me' }, states)).toBe(PRESENCE_COLORS[3]);
  });

  it('keeps the preferred colour when every colour is taken', () => {
    const states = new Map<number, unknown>(
      PRESENCE_COLORS.map((color, i) => [i, { user: { id: `u${i}`, name: 'X', color } }]),
    );
    expect(resolveColor(PRESENCE_COLORS[0], { clientId: 99, userId: 'me' }, states)).toBe(PRESENCE_COLORS[0]);
  });
});

describe('presence names', () => {
  it('makes friendly random defaults', () => {
    expect(randomName(() => 0)).toBe('Amber Badger');
    expect(randomName(() => 0.999999)).toBe('Zesty Wren');
    expect(randomName()).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(PRESENCE_COLORS).toContain(randomColor());
  });

  it('cleans names: white space, control characters, length', () => {
    expect(cleanName('  Ada \n\t Lovelace ')).toBe('Ada Lovelace');
    expect(cleanName('a\u0000b')).toBe('a b');
    expect(cleanName('x'.repeat(100))).toHaveLength(40);
    expect(cleanName('😀'.repeat(50))).toBe('😀'.repeat(40));
    expect(cleanName(42)).toBe('');
  });

  it('makes initials from the first and last word', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('grace brewster murray hopper')).toBe('GH');
    expect(initials('Zoë')).toBe('Z');
    expect(initials('élodie')).toBe('É');
    expect(initials('😀 Smile')).toBe('😀S');
    expect(initials('   ')).toBe('?');
  });
});

describe('presence list', () => {
  it('lists you first, then others by name, one entry per person however many tabs', () => {
    const states = new Map<number, unknown>([
      [5, { user: { id: 'z', name: 'Zed', color: '#2563eb' } }],
      [6, { user: { id: 'me', name: 'Me', color: '#dc2626' } }],
      [7, { user: { id: 'a', name: 'Abe', color: '#15803d' } }],
      [8, { user: { id: 'z', name: 'Zed', color: '#2563eb' } }],
      [9, { cursor: null }],
    ]);
    const users = presenceUsers(states, 6);
    expect(users.map((user) => user.name)).toEqual(['Me', 'Abe', 'Zed']);
    expect(users[0]?.isSelf).toBe(true);
    expect(users[2]?.clientIds).toEqual([5, 8]);
    expect(users[1]).toMatchObject({ initials: 'A', textColor: '#ffffff' });
  });

  it("shows this tab's name when another tab of the same browser still has the old one", () => {
    const states = new Map<number, unknown>([
      [1, { user: { id: 'me', name: 'Old', color: '#dc2626' } }],
      [2, { user: { id: 'me', name: 'New', color: '#dc2626' } }],
    ]);
    expect(presenceUsers(states, 2)).toMatchObject([{ name: 'New', isSelf: true, clientIds: [1, 2] }]);
  });

  it('survives malformed states from other clients', () => {
    expect(readUser(3, { user: { name: `<b>${'x'.repeat(99)}`, color: 'javascript:alert(1)', id: 5 } })).toEqual({
      id: 'client-3',
      name: `<b>${'x'.repeat(37)}`,
      color: PRESENCE_COLORS[3],
    });
    expect(readUser(1, { user: { name: '' } })?.name).toBe('Anonymous');
    expect(readUser(1, null)).toBeNull();
    expect(readUser(1, { user: 'x' })).toBeNull();
  });
});
