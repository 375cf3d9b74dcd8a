import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alpha, THEME_DEFAULTS, theme } from '../src/styles/theme.js';

const CLIENT_SRC = join(import.meta.dirname, '../src');
const README = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

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
    expect(String(theme.accentColor)).toBe('var(--quire-accent-color, #4f46e5)');
    expect(String(theme.linkColor)).toBe('var(--quire-link-color, var(--quire-accent-color, #4f46e5))');
    expect(String(alpha('accentColor', 15))).toBe(
      'color-mix(in srgb, var(--quire-accent-color, #4f46e5) 15%, transparent)',
    );
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
});
