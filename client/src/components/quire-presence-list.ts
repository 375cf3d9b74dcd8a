import { html, LitElement, nothing } from 'lit';
import type { PresenceUser } from '../editor/presence.js';
import { defineElement } from './define-element.js';
import { quirePresenceListStyles } from './quire-presence-list-styles.js';

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

  static override styles = quirePresenceListStyles;
}

defineElement('quire-presence-list', QuirePresenceList);

declare global {
  interface HTMLElementTagNameMap {
    'quire-presence-list': QuirePresenceList;
  }
}
