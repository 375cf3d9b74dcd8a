/**
 * Registers a custom element unless its tag is taken: the app and the embed script may both load on one
 * page, and a second `customElements.define` of the same name would throw.
 */
export function defineElement(tag: string, elementClass: CustomElementConstructor): void {
  if (typeof customElements !== 'undefined' && !customElements.get(tag)) customElements.define(tag, elementClass);
}
