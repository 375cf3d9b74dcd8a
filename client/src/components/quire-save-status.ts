import { html, LitElement, type PropertyValues } from 'lit';
import { SAVE_LABELS, type SaveState } from '../editor/status.js';
import { defineElement } from './define-element.js';
import { ICONS } from './icons.js';
import { quireSaveStatusStyles } from './quire-save-status-styles.js';

/**
 * `<quire-save-status>`: "Saved" only when the server acknowledged every edit as durable, "Saving…" while
 * it has not, "Offline — changes kept on this device" while disconnected. `data-state` mirrors `state`.
 */
export class QuireSaveStatus extends LitElement {
  static override properties = {
    state: { reflect: false },
  };

  declare state: SaveState;

  constructor() {
    super();
    this.state = 'saving';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('data-testid', 'save-status');
    this.setAttribute('role', 'status');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('state')) this.setAttribute('data-state', this.state);
  }

  protected override render() {
    const label = SAVE_LABELS[this.state];
    const [short, detail] = label.split(' — ');
    const icon =
      this.state === 'saved'
        ? ICONS.check
        : this.state === 'offline'
          ? ICONS.cloudOff
          : html`<span class="spinner"></span>`;
    return html`<span class="status ${this.state}" title=${label}
      >${icon}<span class="label">${short}${detail ? html`<span class="detail"> — ${detail}</span>` : ''}</span></span
    >`;
  }

  static override styles = quireSaveStatusStyles;
}

defineElement('quire-save-status', QuireSaveStatus);

declare global {
  interface HTMLElementTagNameMap {
    'quire-save-status': QuireSaveStatus;
  }
}
