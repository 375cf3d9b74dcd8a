import { html, LitElement, nothing } from 'lit';
import { isSafeUrl } from '../../../shared/safe-url.js';
import { UNSAFE_LINK_MESSAGE } from '../editor/toolbar-state.js';
import { defineElement } from './define-element.js';
import { editLinkButton, openLinkButton, removeLinkButton } from './link-buttons.js';
import { quireLinkCardStyles } from './quire-link-card-styles.js';

/**
 * `<quire-link-card>`: the small card a clicked link shows under itself: its address, Open (only for
 * an address the URL policy allows, `shared/safe-url.ts`), Edit and Remove. The caret stays in the
 * text. Fires `edit`, `remove` and `close` (after Open); the toolbar acts on them.
 */
export class QuireLinkCard extends LitElement {
  static override properties = {
    href: {},
  };

  declare href: string;

  constructor() {
    super();
    this.href = '';
  }

  private emit(type: 'edit' | 'remove' | 'close'): void {
    this.dispatchEvent(new Event(type));
  }

  protected override render() {
    const openable = isSafeUrl(this.href);
    return html`<div class="card" role="group" aria-label="Link" data-testid="link-card">
      <div class="row">
        <span class="address ${openable ? '' : 'refused'}" data-testid="link-card-address" title=${this.href}
          >${this.href}</span
        >
        ${openable ? openLinkButton(this.href, () => this.emit('close')) : nothing}
        ${editLinkButton(() => this.emit('edit'))}
        ${removeLinkButton(() => this.emit('remove'))}
      </div>
      ${openable ? nothing : html`<p class="problem" data-testid="link-problem">${UNSAFE_LINK_MESSAGE}</p>`}
    </div>`;
  }

  static override styles = quireLinkCardStyles;
}

defineElement('quire-link-card', QuireLinkCard);

declare global {
  interface HTMLElementTagNameMap {
    'quire-link-card': QuireLinkCard;
  }
}
