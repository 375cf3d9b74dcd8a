import { DOMParser } from 'linkedom';

/** Elements a rendering of a Quire document may hold (marked renders GFM task items as disabled checkboxes). */
const ALLOWED_ELEMENTS = new Set(
  'html head body meta title p a strong em u s del code pre h1 h2 h3 ul ol li blockquote hr br label div input'.split(
    ' ',
  ),
);

/** Attributes that hold a URL a browser would load or navigate to. */
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background'];

/** Where a browser would go with `href` on a page at https://viewer.example/ (the URL parser browsers use). */
const protocolOf = (href: string): string => {
  try {
    return new URL(href, 'https://viewer.example/').protocol;
  } catch {
    return 'unparseable:';
  }
};

const parse = (html: string) =>
  new DOMParser().parseFromString(
    /<html[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`,
    'text/html',
  );

/**
 * Everything in rendered HTML that could run code or was not written by the document's own elements:
 * elements outside the editor's vocabulary, event-handler attributes, URLs a browser would open with
 * another protocol than http(s) or mailto, and checkboxes that are not disabled. Empty when it is inert.
 */
export function activeContent(html: string): string[] {
  const problems: string[] = [];
  for (const element of parse(html).querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    if (!ALLOWED_ELEMENTS.has(tag)) problems.push(`element <${tag}>: ${element.outerHTML.slice(0, 120)}`);
    if (tag === 'input' && (element.getAttribute('type') !== 'checkbox' || !element.hasAttribute('disabled'))) {
      problems.push(`live input: ${element.outerHTML}`);
    }
    for (const { name, value } of element.attributes) {
      if (/^on/i.test(name)) problems.push(`handler ${name}="${value}" on <${tag}>`);
      if (name === 'style') problems.push(`style="${value}" on <${tag}>`);
      if (URL_ATTRIBUTES.includes(name.toLowerCase()) && !['http:', 'https:', 'mailto:'].includes(protocolOf(value))) {
        problems.push(`${name}="${value}" on <${tag}> opens ${protocolOf(value)}`);
      }
    }
  }
  return problems;
}

/** The links of rendered HTML: target as the browser resolves it, and the other attributes that matter. */
export function linksIn(
  html: string,
): { href: string; title: string | null; rel: string | null; target: string | null; class: string | null }[] {
  return [...parse(html).querySelectorAll('a')].map((a) => ({
    href: new URL(a.getAttribute('href') ?? '', 'https://viewer.example/').href,
    title: a.getAttribute('title'),
    rel: a.getAttribute('rel'),
    target: a.getAttribute('target'),
    // linkedom answers '' for a missing class.
    class: a.getAttribute('class') || null,
  }));
}
