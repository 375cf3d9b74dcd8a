import { html, LitElement, nothing } from 'lit';
import { isSafeUrl } from '../../../shared/safe-url.js';
import { normalizeHref, UNSAFE_LINK_MESSAGE } from '../editor/toolbar-state.js';
import { defineElement } from './define-element.js';
import { openLinkButton, removeLinkButton } from './link-buttons.js';
import { quireLinkEditorStyles } from './quire-link-editor-styles.js';

/**
 * `<quire-link-editor>`: the toolbar's small dialog for a link's address. Takes the input's focus when it
 * opens. Fires `apply` (detail: the typed text), `remove` and `close` (Escape); the toolbar acts on them.
 * An address the URL policy refuses (`shared/safe-url.ts`) is not applied but explained, and a stored
 * link the policy refuses is shown for editing or removal, never offered to open.
 */
export class QuireLinkEditor extends LitElement {
  static override properties = {
    href: {},
    refused: { state: true },
  };

  /** The address of the link at the selection; '' for a new link. */
  declare href: string;
  /** What was last typed and applied is not an allowed link. */
  declare refused: boolean;

  constructor() {
    super();
    this.href = '';
    this.refused = false;
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
    const typed = this.input?.value ?? '';
    const href = normalizeHref(typed);
    this.refused = href !== '' && !isSafeUrl(href);
    if (this.refused) this.input?.focus();
    else this.emit('apply', typed);
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.emit('close');
  }

  protected override render() {
    const openable = isSafeUrl(this.href);
    const problem = this.refused || (this.href !== '' && !openable);
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
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${problem ? 'link-problem' : nothing}
        @input=${() => {
          this.refused = false;
        }}
        .value=${this.href}
      />
      <button type="submit" class="apply" data-testid="link-apply">Apply</button>
      ${openable ? openLinkButton(this.href) : nothing}${this.href ? removeLinkButton(() => this.emit('remove')) : nothing}
      ${
        problem
          ? html`<p id="link-problem" class="problem" role="alert" data-testid="link-problem">${UNSAFE_LINK_MESSAGE}</p>`
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
