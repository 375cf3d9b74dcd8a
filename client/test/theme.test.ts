import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alpha, DARK_DEFAULTS, LIGHT_DEFAULTS, THEME_DEFAULTS, theme } from '../src/styles/theme.js';

const CLIENT_SRC = join(import.meta.dirname, '../src');
const README = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const INDEX_HTML = readFileSync(join(import.meta.dirname, '../index.html'), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Files that hold CSS: the sibling `*-styles.ts` files and the shared fragments. */
const styleFiles = sourceFiles(CLIENT_SRC).filter((path) => /styles\.ts$/.test(path) && !path.endsWith('theme.ts'));

describe('theme', () => {
  it('reads each value from its --quire-* property with the one default', () => {
    expect(String(theme.accentColor)).toBe('var(--quire-accent-color, light-dark(#4f46e5, #818cf8))');
    expect(String(theme.linkColor)).toBe(
      'var(--quire-link-color, var(--quire-accent-color, light-dark(#4f46e5, #818cf8)))',
    );
    expect(String(alpha('accentColor', 15))).toBe(
      'color-mix(in srgb, var(--quire-accent-color, light-dark(#4f46e5, #818cf8)) 15%, transparent)',
    );
    expect(String(theme.radius)).toBe('var(--quire-radius, 12px)');
    expect(Object.keys(theme)).toEqual(Object.keys(THEME_DEFAULTS));
  });

  it('is the only place style files take colours and --quire-* properties from', () => {
    expect(styleFiles.length).toBeGreaterThan(10);
    const offenders = styleFiles.flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, at: `${relative(CLIENT_SRC, path)}:${index + 1}` }))
        .filter(({ line }) => /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(|var\(--quire-/i.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it('is documented: every property in the README’s theming table', () => {
    const documented = new Set(README.match(/--quire-[a-z-]+/g));
    const properties = Object.keys(THEME_DEFAULTS).map(
      (name) => `--quire-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
    );
    expect(properties.filter((property) => !documented.has(property))).toEqual([]);
  });

  it('has a dark value for every colour, and nothing else', () => {
    const colours = Object.entries(LIGHT_DEFAULTS)
      .filter(([, value]) => /^(#|rgb)/.test(value))
      .map(([name]) => name);
    expect(Object.keys(DARK_DEFAULTS).sort()).toEqual(colours.sort());
  });

  it('paints index.html (before the app loads) with the page background and text of both schemes', () => {
    const light = (name: keyof typeof LIGHT_DEFAULTS) => LIGHT_DEFAULTS[name];
    const dark = (name: keyof typeof LIGHT_DEFAULTS) => DARK_DEFAULTS[name];
    expect(INDEX_HTML).toContain('color-scheme: light dark;');
    expect(INDEX_HTML).toContain(`background: light-dark(${light('pageBackground')}, ${dark('pageBackground')});`);
    expect(INDEX_HTML).toContain(`color: light-dark(${light('textColor')}, ${dark('textColor')});`);
    expect(INDEX_HTML).toContain(`color: light-dark(${light('mutedColor')}, ${dark('mutedColor')});`);
    expect(INDEX_HTML).toContain(`content="${light('pageBackground')}" media="(prefers-color-scheme: light)"`);
    expect(INDEX_HTML).toContain(`content="${dark('pageBackground')}" media="(prefers-color-scheme: dark)"`);
  });
});
