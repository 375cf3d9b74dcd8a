import { html, svg, type TemplateResult } from 'lit';

/** A 24×24 stroked icon; decorative, so screen readers skip it (buttons carry aria-label). */
const icon = (paths: TemplateResult<2>, size = 18) => html`<svg
  viewBox="0 0 24 24"
  width=${size}
  height=${size}
  fill="none"
  stroke="currentColor"
  stroke-width="2"
  stroke-linecap="round"
  stroke-linejoin="round"
  aria-hidden="true"
  focusable="false"
>
  ${paths}
</svg>`;

export const ICONS = {
  undo: icon(svg`<path d="M9 14 4 9l5-5" /><path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />`),
  redo: icon(svg`<path d="m15 14 5-5-5-5" /><path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />`),
  bold: icon(svg`<path d="M7 12h7.5a4 4 0 0 1 0 8H7V4h6.5a4 4 0 0 1 0 8" />`),
  italic: icon(svg`<path d="M19 4h-9" /><path d="M14 20H5" /><path d="M15 4 9 20" />`),
  underline: icon(svg`<path d="M6 4v6a6 6 0 0 0 12 0V4" /><path d="M4 20h16" />`),
  strike: icon(
    svg`<path d="M16 5.5A4 4 0 0 0 12.5 4h-1.8a3.7 3.7 0 0 0-1 7.2" /><path d="M14.5 12.8A3.7 3.7 0 0 1 13 20h-2a4 4 0 0 1-3.6-2" /><path d="M4 12h16" />`,
  ),
  code: icon(svg`<path d="m16 18 6-6-6-6" /><path d="m8 6-6 6 6 6" />`),
  link: icon(
    svg`<path d="M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71" /><path d="M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71" />`,
  ),
  bulletList: icon(
    svg`<path d="M9 6h12" /><path d="M9 12h12" /><path d="M9 18h12" /><path d="M4 6h.01" /><path d="M4 12h.01" /><path d="M4 18h.01" />`,
  ),
  orderedList: icon(
    svg`<path d="M10 6h11" /><path d="M10 12h11" /><path d="M10 18h11" /><path d="M4 5h1v4" /><path d="M3.5 9h3" /><path d="M6.5 19h-3c0-1.2 3-2 3-3.3 0-.9-1.6-1.4-3-.4" />`,
  ),
  taskList: icon(svg`<path d="m3 7 2 2 4-4" /><path d="m3 17 2 2 4-4" /><path d="M13 7h8" /><path d="M13 17h8" />`),
  blockquote: icon(svg`<path d="M4 5v14" /><path d="M9 8h11" /><path d="M9 12h11" /><path d="M9 16h7" />`),
  codeBlock: icon(
    svg`<rect x="3" y="4" width="18" height="16" rx="2.5" /><path d="m10 10-2 2 2 2" /><path d="m14 10 2 2-2 2" />`,
  ),
  horizontalRule: icon(svg`<path d="M3 12h18" /><path d="M8 6h8" opacity=".45" /><path d="M8 18h8" opacity=".45" />`),
  share: icon(
    svg`<path d="M4 12v7a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-7" /><path d="m16 6-4-4-4 4" /><path d="M12 2v13" />`,
    16,
  ),
  check: icon(svg`<path d="M20 6 9 17l-5-5" />`, 14),
  cloudOff: icon(
    svg`<path d="m2 2 20 20" /><path d="M5.8 8.8A5 5 0 0 0 7 19h9.5" /><path d="M21.5 15.6A4.5 4.5 0 0 0 17.5 10h-1.2a7 7 0 0 0-6.5-4.9" />`,
    14,
  ),
  externalLink: icon(
    svg`<path d="M15 3h6v6" /><path d="M10 14 21 3" /><path d="M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6" />`,
    16,
  ),
  trash: icon(svg`<path d="M3 6h18" /><path d="M8 6V4h8v2" /><path d="M6 6l1 14h10l1-14" />`, 16),
  plus: icon(svg`<path d="M12 5v14" /><path d="M5 12h14" />`, 18),
  file: icon(
    svg`<path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" /><path d="M14 3v5h5" /><path d="M9 13h6" /><path d="M9 17h4" />`,
    18,
  ),
  eye: icon(svg`<path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z" /><circle cx="12" cy="12" r="3" />`, 14),
  close: icon(svg`<path d="M18 6 6 18" /><path d="m6 6 12 12" />`, 14),
  history: icon(svg`<path d="M3 12a9 9 0 1 0 3-6.7L3 8" /><path d="M3 3v5h5" /><path d="M12 7v5l3 3" />`, 16),
  download: icon(svg`<path d="M12 3v12" /><path d="m7 10 5 5 5-5" /><path d="M5 21h14" />`, 16),
  upload: icon(svg`<path d="M12 21V9" /><path d="m7 14 5-5 5 5" /><path d="M5 3h14" />`, 18),
  restore: icon(svg`<path d="M3 12a9 9 0 1 0 3-6.7L3 8" /><path d="M3 3v5h5" />`, 16),
  pencil: icon(svg`<path d="M12 20h9" /><path d="M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z" />`, 16),
  more: icon(svg`<circle cx="5" cy="12" r="1" /><circle cx="12" cy="12" r="1" /><circle cx="19" cy="12" r="1" />`),
} as const;

/** The digit of a heading icon, drawn beside its "H". */
const HEADING_DIGITS: Record<number, TemplateResult<2>> = {
  1: svg`<path d="m17 12 3-2v8" />`,
  2: svg`<path d="M21 18h-4c0-4 4-3 4-6 0-1.5-2-2.5-4-1" />`,
  3: svg`<path d="M17.5 10.5c1.7-1 3.5 0 3.5 1.5a2 2 0 0 1-2 2" /><path d="M17 17.5c2 1.5 4 .3 4-1.5a2 2 0 0 0-2-2" />`,
};

/**
 * "H" with a level digit, for heading buttons: drawn like the B of Bold, so the button's name
 * ("Heading 1") is the whole of what it labels, and a menu item shows its icon beside that name.
 */
export const headingGlyph = (level: number) =>
  icon(svg`<path d="M4 12h8" /><path d="M4 18V6" /><path d="M12 18V6" />${HEADING_DIGITS[level] ?? HEADING_DIGITS[1]}`);
