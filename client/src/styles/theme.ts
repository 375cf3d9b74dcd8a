import { type CSSResult, unsafeCSS } from 'lit';

/** `textColor` → `--quire-text-color`. */
const propertyOf = (name: string): string => `--quire-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** A reference to another value of the theme, with its default: `var(--quire-…, default)`. */
const refer = (name: keyof typeof BASE): string => `var(${propertyOf(name)}, ${BASE[name]})`;

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
  mutedColor: '#64748b',
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

/**
 * Every `--quire-*` custom property Quire reads, with its default: the one block of Quire's look (README,
 * "Theming"). Values that follow others by default (a link is the accent colour unless set) say so here.
 */
export const THEME_DEFAULTS = {
  ...BASE,
  border: `1px solid ${refer('borderColor')}`,
  toolbarBackground: refer('background'),
  linkColor: refer('accentColor'),
  selectionColor: mix(refer('accentColor'), 20),
  activeBackground: mix(refer('accentColor'), 12),
  hoverBackground: mix(refer('textColor'), 6),
  codeBackground: mix(refer('textColor'), 6),
} as const;

export type ThemeName = keyof typeof THEME_DEFAULTS;

/**
 * The theme for `css` templates: `theme.accentColor` is `var(--quire-accent-color, #4f46e5)`. A page
 * that sets a property (on `<quire-editor>` or any ancestor) changes every part that uses it.
 */
export const theme = Object.fromEntries(
  Object.entries(THEME_DEFAULTS).map(([name, value]) => [name, unsafeCSS(`var(${propertyOf(name)}, ${value})`)]),
) as { readonly [K in ThemeName]: CSSResult };

/** A theme colour at `percent` opacity, e.g. a focus ring: `alpha('accentColor', 15)`. */
export const alpha = (name: ThemeName, percent: number): CSSResult =>
  unsafeCSS(mix(`var(${propertyOf(name)}, ${THEME_DEFAULTS[name]})`, percent));
