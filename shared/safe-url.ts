/**
 * Quire's one URL policy for links (decision 111): import, every export format and the editor (link
 * command, autolink, paste, "Open link") ask this module and nothing else.
 *
 * Allowed: `http:`, `https:`, `mailto:`, and links without a scheme (relative paths, `//host/…`, `?…`,
 * `#fragment`), which resolve against the page that shows them and cannot run code. Everything else is
 * refused: `javascript:`, `vbscript:`, `data:`, `file:`, `blob:`, unknown schemes, and any disguise of
 * them that a browser or a Markdown renderer would undo.
 */
export const SAFE_URL_SCHEMES: readonly string[] = ['http', 'https', 'mailto'];

/**
 * Characters a scheme check must not see: browsers strip C0 controls and spaces around a URL and drop
 * tabs and newlines anywhere in it (`java\tscript:` runs); Unicode spaces, zero-width characters and
 * backslashes (a Markdown escape) are dropped too, so that a disguise can only make a URL look *less* safe.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const IGNORED = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff\\]/g;

/** The scheme of a URL: what comes before the first `:`, if no `/`, `?` or `#` comes first. */
const SCHEME = /^([^/?#:]*):/;

/**
 * Named character references that decode to characters that matter in a URL (HTML decodes them in an
 * `href`; CommonMark in a link destination). Matched case-insensitively, with or without `;`: decoding
 * more than a browser would is harmless here.
 */
const NAMED_REFERENCES: Record<string, string> = {
  amp: '&',
  apos: "'",
  bsol: '\\',
  colon: ':',
  comma: ',',
  excl: '!',
  gt: '>',
  hyphen: '-',
  dash: '-',
  lpar: '(',
  lt: '<',
  nbsp: '\u00a0',
  newline: '\n',
  num: '#',
  percnt: '%',
  period: '.',
  plus: '+',
  quest: '?',
  quot: '"',
  rpar: ')',
  semi: ';',
  sol: '/',
  tab: '\t',
  zerowidthspace: '\u200b',
};

const REFERENCE = /&(?:#(\d{1,8})|#x([0-9a-f]{1,7})|([a-z]{2,16}));?/gi;

const fromCodePoint = (code: number): string => (code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd');

function decodeReferences(text: string): string {
  return text.replace(REFERENCE, (whole, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined) return fromCodePoint(Number.parseInt(decimal, 10));
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
    return NAMED_REFERENCES[(name ?? '').toLowerCase()] ?? whole;
  });
}

/** Percent-decoding of ASCII only: that is all a scheme can be made of. */
const decodePercent = (text: string): string =>
  text.replace(/%([0-7][0-9a-f])/gi, (_whole, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/** Decoding more rounds than this means layers of encoding no real link needs. */
const MAX_DECODE_ROUNDS = 6;

/**
 * True if `value` is a link Quire may keep, write and open: every decoding of it (as written, with
 * character references decoded, percent-decoded, and again, until it stops changing) has no scheme or
 * an allowed one. Empty and whitespace-only values are not links.
 */
export function isSafeUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  let view = value;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    const bare = view.replace(IGNORED, '');
    if (bare === '') return false;
    const scheme = SCHEME.exec(bare)?.[1]?.toLowerCase();
    if (scheme !== undefined && !SAFE_URL_SCHEMES.includes(scheme)) return false;
    const decoded = decodePercent(decodeReferences(view));
    if (decoded === view) return true;
    view = decoded;
  }
  return false;
}
