import { css, html, LitElement, nothing } from 'lit';
import type { PresenceUser } from '../editor/presence.js';
import { defineElement } from './define-element.js';

/** Avatars shown before the rest collapse into "+N". */
const MAX_VISIBLE = 5;

/**
 * `<quire-presence-list>`: everyone in the document as initials in coloured circles, yourself first.
 * Each avatar's tooltip and accessible name is the person's name.
 */
export class QuirePresenceList extends LitElement {
  static override properties = {
    users: { attribute: false },
  };

  declare users: PresenceUser[];

  constructor() {
    super();
    this.users = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('data-testid', 'presence-list');
    this.setAttribute('role', 'list');
    this.setAttribute('aria-label', 'People in this document');
  }

  protected override render() {
    const visible = this.users.slice(0, MAX_VISIBLE);
    const hidden = this.users.slice(MAX_VISIBLE);
    return html`${visible.map((user) => {
      const title = user.isSelf ? `${user.name} (you)` : user.name;
      return html`<span
        class="avatar ${user.isSelf ? 'self' : ''}"
        role="listitem"
        data-testid="presence-item"
        data-name=${user.name}
        title=${title}
        aria-label=${title}
        style="background-color: ${user.color}; color: ${user.textColor}"
        >${user.initials}</span
      >`;
    })}${
      hidden.length > 0
        ? html`<span
            class="avatar more"
            role="listitem"
            title=${hidden.map((user) => user.name).join(', ')}
            aria-label=${`and ${hidden.length} more: ${hidden.map((user) => user.name).join(', ')}`}
            >+${hidden.length}</span
          >${hidden.map(
            (user) =>
              html`<span hidden data-testid="presence-item" data-name=${user.name} role="listitem"
                >${user.name}</span
              >`,
          )}`
        : nothing
    }`;
  }

  static override styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      flex-direction: row;
      padding-left: 6px;
    }
    .avatar {
      display: inline-grid;
      place-items: center;
      box-sizing: border-box;
      width: 28px;
      height: 28px;
      margin-left: -6px;
      border: 2px solid var(--quire-toolbar-background, var(--quire-background, #fff));
      border-radius: 50%;
      font-size: 11px;
      font-weight: 700;
      letter-spacing: 0.02em;
      line-height: 1;
      cursor: default;
      user-select: none;
      white-space: nowrap;
    }
    .more {
      background: var(--quire-muted-background, #e2e8f0);
      color: var(--quire-text-color, #0f172a);
    }
    [hidden] {
      display: none;
    }
  `;
}

defineElement('quire-presence-list', QuirePresenceList);

declare global {
  interface HTMLElementTagNameMap {
    'quire-presence-list': QuirePresenceList;
  }
}
