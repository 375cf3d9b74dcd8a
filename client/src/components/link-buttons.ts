import { html, type TemplateResult } from 'lit';
import { ICONS } from './icons.js';

/** "Open link" for an address the URL policy allows: a new tab that cannot reach back into Quire. */
export const openLinkButton = (href: string, onOpen?: () => void) =>
  html`<a
    class="icon-button"
    data-testid="link-open"
    href=${href}
    target="_blank"
    rel="noopener noreferrer"
    aria-label="Open link in a new tab"
    title="Open link"
    @click=${() => onOpen?.()}
    >${ICONS.externalLink}</a
  >`;

/** A square icon button of a link popup; the caret stays in the text while it is pressed. */
const iconAction = (testId: string, label: string, icon: TemplateResult, onClick: () => void) =>
  html`<button
    type="button"
    class="icon-button"
    data-testid=${testId}
    aria-label=${label}
    title=${label}
    @mousedown=${(event: MouseEvent) => event.preventDefault()}
    @click=${onClick}
  >
    ${icon}
  </button>`;

/** "Remove link": unlinks the text, keeping it. */
export const removeLinkButton = (onRemove: () => void) =>
  iconAction('link-remove', 'Remove link', ICONS.trash, onRemove);

/** "Edit link": the link editor for the link's address. */
export const editLinkButton = (onEdit: () => void) => iconAction('link-edit', 'Edit link', ICONS.pencil, onEdit);
