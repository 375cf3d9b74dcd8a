import { html, LitElement, type PropertyValues } from 'lit';
import { ClockController } from '../controllers/clock-controller.js';
import { type ConnectionState, connectionLabel } from '../editor/status.js';
import { defineElement } from './define-element.js';
import { quireConnectionStatusStyles } from './quire-connection-status-styles.js';

/**
 * `<quire-connection-status>`: a coloured dot and a word — connected, reconnecting in N s, offline,
 * or why the server refused. While waiting to reconnect it is a button that retries at once
 * (it fires `retry`). `data-state` mirrors `state`.
 */
export class QuireConnectionStatus extends LitElement {
  static override properties = {
    state: {},
    retryAt: { attribute: false },
    message: {},
  };

  declare state: ConnectionState;
  /** When the next attempt starts (epoch ms), or null. */
  declare retryAt: number | null;
  /** Why the server refused, for `refused`. */
  declare message: string;
  /** Ticks the countdown while a retry is waiting. */
  private readonly clock = new ClockController(this, () => this.waiting);

  constructor() {
    super();
    this.state = 'connecting';
    this.retryAt = null;
    this.message = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('data-testid', 'connection-status');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('state')) this.setAttribute('data-state', this.state);
  }

  /** Waiting for the next attempt: the label counts down and the status is a Retry button. */
  private get waiting(): boolean {
    return (this.state === 'reconnecting' || this.state === 'offline') && this.retryAt !== null;
  }

  private retry(): void {
    this.dispatchEvent(new Event('retry', { bubbles: true, composed: true }));
  }

  protected override render() {
    const retryIn = this.retryAt === null ? null : Math.max(0, this.retryAt - this.clock.now);
    const label = connectionLabel(this.state, this.state === 'reconnecting' ? retryIn : null);
    const waiting = this.waiting;
    const title = this.state === 'refused' ? this.message : waiting ? `${label}. Click to retry now.` : label;
    const content = html`<span class="dot" aria-hidden="true"></span><span class="label">${label}</span>`;
    return waiting
      ? html`<button type="button" class="status ${this.state}" title=${title} @click=${this.retry}>
          ${content}<span class="retry">Retry</span>
        </button>`
      : html`<span class="status ${this.state}" role="status" title=${title}>${content}</span>`;
  }

  static override styles = quireConnectionStatusStyles;
}

defineElement('quire-connection-status', QuireConnectionStatus);

declare global {
  interface HTMLElementTagNameMap {
    'quire-connection-status': QuireConnectionStatus;
  }
}
