/** URL schemes a link in an imported document may use; relative links have none and are allowed. */
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/**
 * Browsers ignore ASCII whitespace and control characters inside a scheme (`java\tscript:` runs), so
 * they are removed before the scheme is read.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const IGNORED_IN_SCHEME = /[\u0000-\u0020\u007f]/g;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** True for links that cannot run code when clicked: http(s), mailto, tel and relative URLs. */
export function isSafeHref(href: unknown): href is string {
  if (typeof href !== 'string') return false;
  const scheme = SCHEME.exec(href.replace(IGNORED_IN_SCHEME, ''))?.[1]?.toLowerCase();
  return scheme === undefined || SAFE_SCHEMES.has(scheme);
}
