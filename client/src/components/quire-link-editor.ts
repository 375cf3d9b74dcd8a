import { html, LitElement, nothing } from 'lit';
import { defineElement } from './define-element.js';
import { ICONS } from './icons.js';
import { quireLinkEditorStyles } from './quire-link-editor-styles.js';

/**
 * `<quire-link-editor>`: the toolbar's small dialog for a link's address. Takes the input's focus when it
 * opens. Fires `apply` (detail: the typed text), `remove` and `close` (Escape); the toolbar acts on them.
 */
export class QuireLinkEditor extends LitElement {
  static override properties = {
    href: {},
  };

  /** The address of the link at the selection; '' for a new link. */
  declare href: string;

  constructor() {
    super();
    this.href = '';
  }

  /** Puts the caret in the address field, its text selected. */
  override focus(): void {
    void this.updateComplete.then(() => {
      const input = this.input;
      input?.focus();
      input?.select();
    });
  }

  protected override firstUpdated(): void {
    this.focus();
  }

  private get input(): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>('#link-input');
  }

  private emit(type: 'apply' | 'remove' | 'close', detail: string | null = null): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    this.emit('apply', this.input?.value ?? '');
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.emit('close');
  }

  protected override render() {
    return html`<form
      role="dialog"
      aria-label="Edit link"
      data-testid="link-editor"
      @submit=${this.onSubmit}
      @keydown=${this.onKeydown}
    >
      <label for="link-input" class="visually-hidden">Link</label>
      <input
        id="link-input"
        data-testid="link-input"
        type="text"
        inputmode="url"
        autocomplete="off"
        spellcheck="false"
        placeholder="Paste or type a link"
        .value=${this.href}
      />
      <button type="submit" class="apply" data-testid="link-apply">Apply</button>
      ${
        this.href
          ? html`<a
                class="icon-button"
                href=${this.href}
                target="_blank"
                rel="noopener noreferrer"
                aria-label="Open link in a new tab"
                title="Open link"
                >${ICONS.externalLink}</a
              ><button
                type="button"
                class="icon-button"
                data-testid="link-remove"
                aria-label="Remove link"
                title="Remove link"
                @click=${() => this.emit('remove')}
              >
                ${ICONS.trash}
              </button>`
          : nothing
      }
    </form>`;
  }

  static override styles = quireLinkEditorStyles;
}

defineElement('quire-link-editor', QuireLinkEditor);

declare global {
  interface HTMLElementTagNameMap {
    'quire-link-editor': QuireLinkEditor;
  }
}
