import { type CSSResult, unsafeCSS } from 'lit';

/** `textColor` → `--quire-text-color`. */
const propertyOf = (name: string): string => `--quire-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** A reference to another value of the theme, with its default: `var(--quire-…, default)`. */
const refer = (name: keyof typeof BASE): string => `var(${propertyOf(name)}, ${defaultOf(name)})`;

/** Part of `value` over a transparent background (the same as the colour with that alpha). */
const mix = (value: string, percent: number): string => `color-mix(in srgb, ${value} ${percent}%, transparent)`;

/** Values that stand alone. */
const BASE = {
  fontFamily: "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  monoFontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace",
  fontSize: '16px',
  lineHeight: '1.65',
  radius: '12px',
  shadow: 'none',
  contentMaxWidth: '760px',
  contentPadding: '36px 40px 64px',
  contentPaddingNarrow: '22px 18px 48px',
  minHeight: '16rem',
  toolbarStickyTop: '0',

  // Text: body, long secondary text (quotes, badges, hints), captions, the least important (times).
  textColor: '#0f172a',
  secondaryColor: '#475569',
  mutedColor: '#5b6a80',
  // Never for text (too light to read): dots and decorations.
  faintColor: '#94a3b8',
  headingColor: 'inherit',
  toolbarColor: '#334155',
  placeholderColor: '#94a3b8',
  disabledColor: '#cbd5e1',

  // Surfaces: the editor and cards, the app page behind them, hovered rows and read-only fields, chips.
  background: '#ffffff',
  pageBackground: '#f6f7f9',
  subtleBackground: '#f8fafc',
  mutedBackground: '#f1f5f9',
  borderColor: '#e2e8f0',
  borderStrongColor: '#cbd5e1',
  // What shadows are made of (each shadow takes a part of it).
  shadowColor: 'rgb(15 23 42)',

  accentColor: '#4f46e5',
  accentHoverColor: '#4338ca',
  // `onAccentColor`: text and icons on an accent background.
  onAccentColor: '#ffffff',
  accentSoftBackground: '#eef2ff',
  accentBorderColor: '#c7d2fe',

  successColor: '#15803d',
  warningColor: '#b45309',
  dangerColor: '#b91c1c',
  dangerBackground: '#fef2f2',

  // Differences between versions: only in the version shown (added) or only in the current text (removed).
  addedBackground: '#dcfce7',
  addedColor: '#14532d',
  removedBackground: '#fee2e2',
  removedColor: '#7f1d1d',

  codeBlockBackground: '#0f172a',
  codeBlockColor: '#e2e8f0',
} as const;

type BaseName = keyof typeof BASE;

/**
 * Dark mode, the one block of it: the colours that differ when the reader's system prefers dark
 * (`prefers-color-scheme`). A default becomes `light-dark(light, dark)`, which follows the
 * `color-scheme` of the element (`light dark` on Quire's hosts), so a page's own `--quire-*` values
 * still win in both modes and `color-scheme: light` on `<quire-editor>` keeps it light (decision 150).
 */
export const DARK_DEFAULTS: Readonly<Partial<Record<BaseName, string>>> = {
  textColor: '#e2e8f0',
  secondaryColor: '#cbd5e1',
  mutedColor: '#94a3b8',
  faintColor: '#64748b',
  toolbarColor: '#cbd5e1',
  placeholderColor: '#7c8aa0',
  disabledColor: '#475569',

  background: '#111a2e',
  pageBackground: '#0b1120',
  subtleBackground: '#162036',
  mutedBackground: '#1e293b',
  borderColor: '#273449',
  borderStrongColor: '#3b4a63',
  shadowColor: 'rgb(0 0 0)',

  accentColor: '#818cf8',
  accentHoverColor: '#a5b4fc',
  onAccentColor: '#0b1120',
  accentSoftBackground: '#1e1f4a',
  accentBorderColor: '#4f46e5',

  successColor: '#4ade80',
  warningColor: '#fbbf24',
  dangerColor: '#f87171',
  dangerBackground: '#3a1418',

  addedBackground: '#14532d',
  addedColor: '#dcfce7',
  removedBackground: '#6b1d1d',
  removedColor: '#fee2e2',

  codeBlockBackground: '#020617',
  codeBlockColor: '#e2e8f0',
};

/** The default of a stand-alone value: the same in both modes, or `light-dark(light, dark)`. */
function defaultOf(name: BaseName): string {
  const dark = DARK_DEFAULTS[name];
  return dark === undefined ? BASE[name] : `light-dark(${BASE[name]}, ${dark})`;
}

/**
 * Every `--quire-*` custom property Quire reads, with its default: the one block of Quire's look (README,
 * "Theming"). Values that follow others by default (a link is the accent colour unless set) say so here.
 */
export const THEME_DEFAULTS = {
  ...(Object.fromEntries(Object.keys(BASE).map((name) => [name, defaultOf(name as BaseName)])) as Record<
    BaseName,
    string
  >),
  border: `1px solid ${refer('borderColor')}`,
  toolbarBackground: refer('background'),
  linkColor: refer('accentColor'),
  selectionColor: mix(refer('accentColor'), 20),
  activeBackground: mix(refer('accentColor'), 12),
  hoverBackground: mix(refer('textColor'), 6),
  codeBackground: mix(refer('textColor'), 6),
};

/** The light values alone (what a light-only surface, such as `index.html`'s first paint, must match). */
export const LIGHT_DEFAULTS: Readonly<Record<BaseName, string>> = BASE;

export type ThemeName = keyof typeof THEME_DEFAULTS;

/**
 * The theme for `css` templates: `theme.accentColor` is
 * `var(--quire-accent-color, light-dark(#4f46e5, #818cf8))`. A page that sets a property (on
 * `<quire-editor>` or any ancestor) changes every part that uses it, in both colour schemes.
 */
export const theme = Object.fromEntries(
  Object.entries(THEME_DEFAULTS).map(([name, value]) => [name, unsafeCSS(`var(${propertyOf(name)}, ${value})`)]),
) as { readonly [K in ThemeName]: CSSResult };

/** A theme colour at `percent` opacity, e.g. a focus ring: `alpha('accentColor', 15)`. */
export const alpha = (name: ThemeName, percent: number): CSSResult =>
  unsafeCSS(mix(`var(${propertyOf(name)}, ${THEME_DEFAULTS[name]})`, percent));
