/**
 * Just enough of a DOM for ProseMirror's `DOMSerializer` to build HTML as a string on the server:
 * elements, text, fragments, attributes. Serialised the way browsers do (`innerHTML`), without the
 * cost of a whole DOM implementation.
 */

/** Elements without an end tag. */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

const escapeText = (text: string): string =>
  text.replace(/[&<>\u00a0]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '\u00a0': '&nbsp;' })[ch] ?? ch);

const escapeAttribute = (value: string): string =>
  value.replace(/[&"\u00a0]/g, (ch) => ({ '&': '&amp;', '"': '&quot;', '\u00a0': '&nbsp;' })[ch] ?? ch);

/** Element and attribute names come from the schema's own specs; anything else is refused. */
const NAME = /^[a-zA-Z][a-zA-Z0-9:_-]*$/;

abstract class StringNode {
  abstract readonly nodeType: number;
  readonly childNodes: StringNode[] = [];

  appendChild<T extends StringNode>(child: T): T {
    if (child instanceof StringFragment) this.childNodes.push(...child.childNodes.splice(0));
    else this.childNodes.push(child);
    return child;
  }

  get innerHTML(): string {
    return this.childNodes.map((child) => child.outerHTML).join('');
  }

  abstract get outerHTML(): string;
}

class StringText extends StringNode {
  readonly nodeType = 3;
  constructor(readonly nodeValue: string) {
    super();
  }
  get outerHTML(): string {
    return escapeText(this.nodeValue);
  }
}

class StringFragment extends StringNode {
  readonly nodeType = 11;
  get outerHTML(): string {
    return this.innerHTML;
  }
}

class StringElement extends StringNode {
  readonly nodeType = 1;
  private readonly attributes = new Map<string, string>();

  constructor(readonly tagName: string) {
    super();
    if (!NAME.test(tagName)) throw new Error(`invalid element name: ${tagName}`);
  }

  setAttribute(name: string, value: string): void {
    if (!NAME.test(name)) throw new Error(`invalid attribute name: ${name}`);
    this.attributes.set(name, String(value));
  }

  setAttributeNS(_namespace: string | null, name: string, value: string): void {
    this.setAttribute(name, value);
  }

  get outerHTML(): string {
    const attributes = [...this.attributes].map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('');
    const open = `<${this.tagName}${attributes}>`;
    return VOID.has(this.tagName) ? open : `${open}${this.innerHTML}</${this.tagName}>`;
  }
}

/** The `document` handed to `DOMSerializer`: it only ever creates nodes. */
export const stringDocument = {
  createElement: (tagName: string) => new StringElement(tagName.toLowerCase()),
  createElementNS: (_namespace: string | null, tagName: string) => new StringElement(tagName),
  createTextNode: (text: string) => new StringText(text),
  createDocumentFragment: () => new StringFragment(),
};

/** A container to serialise into; its `innerHTML` is the result. */
export const createStringContainer = (): { innerHTML: string } => new StringFragment();
