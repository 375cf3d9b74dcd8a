import type { Editor } from '@tiptap/core';
import { DOMSerializer, type Node as PMNode, type Schema } from '@tiptap/pm/model';
import { html, LitElement, nothing } from 'lit';
import { REST_LIMITS, type VersionJson } from '../../../shared/rest-api.js';
import { formatRelativeTime } from '../app/recent-docs.js';
import { defineElement } from '../components/define-element.js';
import { ICONS } from '../components/icons.js';
import { quireHistoryPanelStyles } from './quire-history-panel-styles.js';
import { countChanges, type DiffLine } from './version-diff.js';
import { VersionPreviewController } from './version-preview-controller.js';
import { VersionsController, versionLabel } from './versions-controller.js';

/**
 * `<quire-history-panel>`: a document's versions beside the editor. Lists them (time, name, who edited),
 * shows a selected one read-only with its differences from the current text highlighted, restores it,
 * and saves the current text under a name. The page decides where it goes; `close` asks to hide it.
 */
export class QuireHistoryPanel extends LitElement {
  static override properties = {
    docId: { attribute: 'doc-id' },
    editor: { attribute: false },
    server: {},
    _name: { state: true },
  };

  declare docId: string | null;
  /** The live editor: the current text a version is compared with. */
  declare editor: Editor | null;
  /** Server base URL. @default this page's origin */
  declare server: string | null;
  declare _name: string;

  private readonly versions = new VersionsController(this, {
    docId: () => this.docId,
    server: () => this.base,
  });
  private readonly preview = new VersionPreviewController(this, {
    docId: () => this.docId,
    server: () => this.base,
    editor: () => this.editor,
  });
  private serializerFor: { schema: Schema; serializer: DOMSerializer } | null = null;

  constructor() {
    super();
    this.docId = null;
    this.editor = null;
    this.server = null;
    this._name = '';
  }

  private get base(): string {
    return this.server || location.origin;
  }

  /** Reloads the newest versions. */
  refresh(): Promise<void> {
    return this.versions.refresh();
  }

  private async select(version: VersionJson): Promise<void> {
    if (this.preview.selected?.id !== version.id) this.versions.dismissNotice();
    if (!(await this.preview.toggle(version))) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-testid=version-preview]')?.focus();
  }

  private async restore(): Promise<void> {
    const version = this.preview.selected;
    if (!version) return;
    const result = await this.versions.restore(version);
    if (!result) return;
    this.preview.close();
    const detail = { version, backup: result.backup };
    this.dispatchEvent(new CustomEvent('restored', { detail, bubbles: true, composed: true }));
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    if (await this.versions.save(this._name.trim())) this._name = '';
  }

  private close(): void {
    this.dispatchEvent(new CustomEvent('close', { bubbles: true, composed: true }));
  }

  protected override render() {
    const now = Date.now();
    const { versions, next, loading, notice, busy } = this.versions;
    const error = this.preview.error || this.versions.error;
    const selected = this.preview.selected;
    return html`<aside class="panel" aria-label="Version history" data-testid="history-panel">
      <header>
        <h2>${ICONS.history} History</h2>
        <button class="icon-button" aria-label="Close history" title="Close" @click=${this.close}>${ICONS.close}</button>
      </header>
      <form class="save" @submit=${this.save}>
        <label class="visually-hidden" for="version-name">Name for this version</label>
        <input
          id="version-name"
          data-testid="version-name"
          placeholder="Name this version, e.g. Sent to review"
          maxlength=${REST_LIMITS.maxVersionNameLength}
          autocomplete="off"
          .value=${this._name}
          @input=${(event: Event) => {
            this._name = (event.target as HTMLInputElement).value;
          }}
        />
        <button
          class="button"
          type="submit"
          data-testid="save-version"
          ?disabled=${!this._name.trim() || busy === 'save'}
        >
          ${busy === 'save' ? 'Saving…' : 'Save version'}
        </button>
      </form>
      ${notice ? html`<p class="notice" role="status" data-testid="history-notice">${notice}</p>` : nothing}
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      ${selected ? this.renderPreview(selected, now) : nothing}
      <ol class="versions" data-testid="version-list" aria-label="Versions, newest first">
        ${versions.map((version) => this.renderVersion(version, now))}
      </ol>
      ${
        loading
          ? html`<p class="empty">Loading…</p>`
          : versions.length === 0
            ? html`<p class="empty" data-testid="no-versions">
                No versions yet. One is kept a few minutes after editing pauses, and when everyone has left.
              </p>`
            : nothing
      }
      ${
        next !== null
          ? html`<button class="button more" @click=${() => this.versions.loadOlder()}>Show older versions</button>`
          : nothing
      }
    </aside>`;
  }

  private renderVersion(version: VersionJson, now: number) {
    const at = Date.parse(version.createdAt);
    const selected = this.preview.selected?.id === version.id;
    return html`<li>
      <button
        class="version ${selected ? 'selected' : ''}"
        data-testid="version-item"
        data-version-id=${version.id}
        aria-pressed=${String(selected)}
        @click=${() => this.select(version)}
      >
        <span class="line1">
          <span class="name ${version.kind}">${versionLabel(version)}</span>
          ${version.kind === 'named' ? html`<span class="status-chip accent tag">Named</span>` : nothing}
        </span>
        <span class="line2">
          <time datetime=${version.createdAt} title=${new Date(at).toLocaleString()}
            >${formatRelativeTime(at, now)}</time
          >
          ${version.editors.length > 0 ? html`<span class="editors">· ${version.editors.join(', ')}</span>` : nothing}
        </span>
      </button>
    </li>`;
  }

  private renderPreview(version: VersionJson, now: number) {
    const { preview, diff } = this.preview;
    const changes = countChanges(diff);
    return html`<section class="preview" aria-label="Selected version">
      <div class="preview-head">
        <div>
          <strong>${versionLabel(version)}</strong>
          <span class="muted">${formatRelativeTime(Date.parse(version.createdAt), now)}</span>
        </div>
        <button class="icon-button" aria-label="Close this version" title="Close" @click=${() => this.preview.close()}>
          ${ICONS.close}
        </button>
      </div>
      ${
        preview
          ? html`<p class="legend">
                ${changes === 0 ? 'Same as the current text.' : html`${changes} ${changes === 1 ? 'difference' : 'differences'} from the current text:`}
                <span class="added-sample">only in this version</span>
                <span class="removed-sample">only in the current text</span>
              </p>
              <div
                class="doc"
                data-testid="version-preview"
                tabindex="-1"
                role="document"
                aria-label=${`${versionLabel(version)}, read only`}
              >
                ${preview.title ? html`<p class="doc-title">${preview.title}</p>` : nothing}
                ${diff.map((line) => this.renderLine(line))}
              </div>
              <button
                class="button primary restore"
                data-testid="restore-version"
                ?disabled=${this.versions.busy === 'restore'}
                @click=${this.restore}
              >
                ${ICONS.restore} ${this.versions.busy === 'restore' ? 'Restoring…' : 'Restore this version'}
              </button>`
          : html`<p class="empty">Loading this version…</p>`
      }
    </section>`;
  }

  private renderLine(diff: DiffLine) {
    const { line } = diff;
    const depth = line.context.length;
    const quote = line.context.includes('blockquote');
    const classes = `line ${diff.kind} t-${line.type} ${line.level ? `h${line.level}` : ''} ${quote ? 'quote' : ''}`;
    const style = `--depth: ${depth}`;
    const dataKind = diff.kind === 'equal' ? nothing : diff.kind;
    if (line.type === 'horizontalRule') return html`<hr class=${classes} style=${style} data-diff=${dataKind} />`;
    return html`<div class=${classes} style=${style} data-diff=${dataKind}>
      ${line.marker ? html`<span class="marker">${line.marker}</span>` : nothing}
      <span class="text"
        >${
          diff.kind === 'changed'
            ? diff.words.map((word) =>
                word.op === 'equal'
                  ? word.item
                  : word.op === 'added'
                    ? html`<ins>${word.item}</ins>`
                    : html`<del>${word.item}</del>`,
              )
            : this.inline(line.node)
        }</span
      >
    </div>`;
  }

  /** A block's inline content with its marks, rendered by the schema (the editor's own HTML). */
  private inline(node: PMNode): HTMLElement | DocumentFragment {
    if (this.serializerFor?.schema !== node.type.schema) {
      this.serializerFor = { schema: node.type.schema, serializer: DOMSerializer.fromSchema(node.type.schema) };
    }
    return this.serializerFor.serializer.serializeFragment(node.content);
  }

  static override styles = quireHistoryPanelStyles;
}

defineElement('quire-history-panel', QuireHistoryPanel);

declare global {
  interface HTMLElementTagNameMap {
    'quire-history-panel': QuireHistoryPanel;
  }
}
