import { css, html, LitElement, type PropertyValues } from 'lit';
import { type ConnectionState, connectionLabel } from '../editor/status.js';
import { defineElement } from './define-element.js';

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
    _now: { state: true },
  };

  declare state: ConnectionState;
  /** When the next attempt starts (epoch ms), or null. */
  declare retryAt: number | null;
  /** Why the server refused, for `refused`. */
  declare message: string;
  declare _now: number;
  private ticker: ReturnType<typeof setInterval> | null = null;

  constructor() {
    super();
    this.state = 'connecting';
    this.retryAt = null;
    this.message = '';
    this._now = Date.now();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('data-testid', 'connection-status');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTicker();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('state')) this.setAttribute('data-state', this.state);
    if (changed.has('retryAt') || changed.has('state')) {
      this._now = Date.now();
      if (this.retryAt !== null && (this.state === 'reconnecting' || this.state === 'offline')) this.startTicker();
      else this.stopTicker();
    }
  }

  private startTicker(): void {
    if (this.ticker === null) this.ticker = setInterval(() => (this._now = Date.now()), 1000);
  }

  private stopTicker(): void {
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
  }

  private retry(): void {
    this.dispatchEvent(new Event('retry', { bubbles: true, composed: true }));
  }

  protected override render() {
    const retryIn = this.retryAt === null ? null : Math.max(0, this.retryAt - this._now);
    const label = connectionLabel(this.state, this.state === 'reconnecting' ? retryIn : null);
    const waiting = (this.state === 'reconnecting' || this.state === 'offline') && this.retryAt !== null;
    const title = this.state === 'refused' ? this.message : waiting ? `${label}. Click to retry now.` : label;
    const content = html`<span class="dot" aria-hidden="true"></span><span class="label">${label}</span>`;
    return waiting
      ? html`<button type="button" class="status ${this.state}" title=${title} @click=${this.retry}>
          ${content}<span class="retry">Retry</span>
        </button>`
      : html`<span class="status ${this.state}" role="status" title=${title}>${content}</span>`;
  }

  static override styles = css`
    :host {
      display: inline-flex;
      min-width: 0;
      font-size: 13px;
      color: var(--quire-muted-color, #64748b);
    }
    .status {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      white-space: nowrap;
      border: none;
      background: none;
      padding: 4px 6px;
      margin: -4px -6px;
      border-radius: 8px;
      font: inherit;
      color: inherit;
    }
    button.status {
      cursor: pointer;
    }
    button.status:hover {
      background: var(--quire-hover-background, rgb(15 23 42 / 0.06));
    }
    button.status:focus-visible {
      outline: 2px solid var(--quire-accent-color, #4f46e5);
    }
    .retry {
      color: var(--quire-accent-color, #4f46e5);
      font-weight: 600;
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: #94a3b8;
      flex: none;
    }
    .connected .dot {
      background: var(--quire-success-color, #16a34a);
      box-shadow: 0 0 0 3px rgb(22 163 74 / 0.15);
    }
    .connecting .dot,
    .reconnecting .dot {
      background: var(--quire-warning-color, #d97706);
      animation: pulse 1.2s ease-in-out infinite;
    }
    .offline .dot {
      background: #94a3b8;
    }
    .refused {
      color: var(--quire-danger-color, #b91c1c);
    }
    .refused .dot {
      background: var(--quire-danger-color, #dc2626);
    }
    @keyframes pulse {
      50% {
        opacity: 0.35;
      }
    }
    @media (max-width: 640px) {
      .connected .label {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .dot {
        animation: none !important;
      }
    }
  `;
}

defineElement('quire-connection-status', QuireConnectionStatus);

declare global {
  interface HTMLElementTagNameMap {
    'quire-connection-status': QuireConnectionStatus;
  }
}
