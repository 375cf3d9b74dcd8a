import { type Editor, getSchema } from '@tiptap/core';
import { DOMSerializer, Node as PMNode, type Schema } from '@tiptap/pm/model';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { ApiError } from '../app/api.js';
import { formatRelativeTime } from '../app/recent-docs.js';
import { defineElement } from '../components/define-element.js';
import { ICONS } from '../components/icons.js';
import { schemaExtensions } from '../editor/schema-extensions.js';
import { fetchVersionContent, listVersions, restoreVersion, saveVersion, type VersionInfo } from './history-api.js';
import { compareDocs, countChanges, type DiffLine } from './version-diff.js';

/** How often the open panel looks for new automatic versions. */
const REFRESH_MS = 20_000;
const PAGE = 50;
const MAX_NAME_LENGTH = 200;

const messageOf = (error: unknown, fallback: string) => (error instanceof ApiError ? error.message : fallback);

/** A version's label: its name, or what kind of version it is. */
export function versionLabel(version: VersionInfo): string {
  if (version.name) return version.name;
  return version.kind === 'auto' ? 'Automatic version' : 'Version';
}

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
    _versions: { state: true },
    _next: { state: true },
    _loading: { state: true },
    _error: { state: true },
    _notice: { state: true },
    _selected: { state: true },
    _preview: { state: true },
    _diff: { state: true },
    _name: { state: true },
    _busy: { state: true },
  };

  declare docId: string | null;
  /** The live editor: the current text a version is compared with. */
  declare editor: Editor | null;
  /** Server base URL. @default this page's origin */
  declare server: string | null;
  declare _versions: VersionInfo[];
  declare _next: number | null;
  declare _loading: boolean;
  declare _error: string;
  declare _notice: string;
  declare _selected: VersionInfo | null;
  declare _preview: { title: string; doc: PMNode } | null;
  declare _diff: DiffLine[];
  declare _name: string;
  declare _busy: 'save' | 'restore' | 'preview' | null;

  private refreshTimer: ReturnType<typeof setInterval> | null = null;
  private diffFrame = 0;
  private listenedEditor: Editor | null = null;
  private fallbackSchema: Schema | null = null;
  private serializerFor: { schema: Schema; serializer: DOMSerializer } | null = null;

  constructor() {
    super();
    this.docId = null;
    this.editor = null;
    this.server = null;
    this._versions = [];
    this._next = null;
    this._loading = false;
    this._error = '';
    this._notice = '';
    this._selected = null;
    this._preview = null;
    this._diff = [];
    this._name = '';
    this._busy = null;
  }

  private get base(): string {
    return this.server || location.origin;
  }

  private get schema(): Schema {
    if (this.editor) return this.editor.schema;
    this.fallbackSchema ??= getSchema(schemaExtensions());
    return this.fallbackSchema;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.refreshTimer = setInterval(() => void this.refresh(), REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.refreshTimer = null;
    this.listen(null);
    cancelAnimationFrame(this.diffFrame);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('docId')) {
      this._versions = [];
      this._next = null;
      this._selected = null;
      this._preview = null;
      this._diff = [];
      this._notice = '';
      void this.refresh();
    }
    if (changed.has('editor')) {
      this.listen(this.editor);
      this.recompare();
    }
  }

  /** Reloads the newest page (keeps older pages already loaded only if nothing new arrived). */
  async refresh(): Promise<void> {
    const docId = this.docId;
    if (!docId) return;
    this._loading = this._versions.length === 0;
    try {
      const page = await listVersions(this.base, docId, { limit: PAGE });
      if (this.docId !== docId) return;
      const newest = page.versions;
      const known = new Set(newest.map((v) => v.id));
      const older = this._versions.filter((v) => !known.has(v.id) && v.id < (newest[newest.length - 1]?.id ?? 0));
      this._versions = [...newest, ...older];
      if (older.length === 0) this._next = page.next;
      this._error = '';
    } catch (error) {
      if (this.docId === docId) this._error = messageOf(error, 'The versions could not be loaded.');
    } finally {
      this._loading = false;
    }
  }

  private async loadOlder(): Promise<void> {
    const docId = this.docId;
    if (!docId || this._next === null) return;
    try {
      const page = await listVersions(this.base, docId, { limit: PAGE, before: this._next });
      if (this.docId !== docId) return;
      this._versions = [...this._versions, ...page.versions];
      this._next = page.next;
    } catch (error) {
      this._error = messageOf(error, 'Older versions could not be loaded.');
    }
  }

  private async select(version: VersionInfo): Promise<void> {
    const docId = this.docId;
    if (!docId) return;
    if (this._selected?.id === version.id) return this.deselect();
    this._selected = version;
    this._preview = null;
    this._diff = [];
    this._notice = '';
    this._busy = 'preview';
    try {
      const json = await fetchVersionContent(this.base, docId, version.id);
      if (this._selected?.id !== version.id) return;
      this._preview = { title: json.title, doc: PMNode.fromJSON(this.schema, json.content) };
      this.recompare();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-testid=version-preview]')?.focus();
    } catch (error) {
      if (this._selected?.id === version.id) this._error = messageOf(error, 'The version could not be loaded.');
    } finally {
      if (this._busy === 'preview') this._busy = null;
    }
  }

  private deselect(): void {
    this._selected = null;
    this._preview = null;
    this._diff = [];
  }

  private listen(editor: Editor | null): void {
    if (this.listenedEditor === editor) return;
    this.listenedEditor?.off('update', this.onEditorUpdate);
    this.listenedEditor = editor;
    editor?.on('update', this.onEditorUpdate);
  }

  /** Others keep typing while a version is shown: the highlights follow, once per frame at most. */
  private readonly onEditorUpdate = () => {
    if (!this._preview) return;
    cancelAnimationFrame(this.diffFrame);
    this.diffFrame = requestAnimationFrame(() => this.recompare());
  };

  private recompare(): void {
    if (!this._preview || !this.editor) return;
    this._diff = compareDocs(this.editor.state.doc, this._preview.doc);
  }

  private async restore(): Promise<void> {
    const docId = this.docId;
    const version = this._selected;
    if (!docId || !version || this._busy) return;
    this._busy = 'restore';
    this._error = '';
    try {
      const { backup } = await restoreVersion(this.base, docId, version.id);
      this._notice = `Restored “${versionLabel(version)}”. The text before is kept as “${versionLabel(backup)}”: restore that to undo.`;
      this.deselect();
      this.dispatchEvent(new CustomEvent('restored', { detail: { version, backup }, bubbles: true, composed: true }));
      await this.refresh();
    } catch (error) {
      this._error = messageOf(error, 'The version could not be restored.');
    } finally {
      this._busy = null;
    }
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const docId = this.docId;
    const name = this._name.trim();
    if (!docId || !name || this._busy) return;
    this._busy = 'save';
    this._error = '';
    try {
      const saved = await saveVersion(this.base, docId, name);
      this._name = '';
      this._notice = `Saved “${versionLabel(saved)}”.`;
      await this.refresh();
    } catch (error) {
      this._error = messageOf(error, 'The version could not be saved.');
    } finally {
      this._busy = null;
    }
  }

  private close(): void {
    this.dispatchEvent(new CustomEvent('close', { bubbles: true, composed: true }));
  }

  protected override render() {
    const now = Date.now();
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
          maxlength=${MAX_NAME_LENGTH}
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
          ?disabled=${!this._name.trim() || this._busy === 'save'}
        >
          ${this._busy === 'save' ? 'Saving…' : 'Save version'}
        </button>
      </form>
      ${this._notice ? html`<p class="notice" role="status" data-testid="history-notice">${this._notice}</p>` : nothing}
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      ${this._selected ? this.renderPreview(this._selected, now) : nothing}
      <ol class="versions" data-testid="version-list" aria-label="Versions, newest first">
        ${this._versions.map((version) => this.renderVersion(version, now))}
      </ol>
      ${
        this._loading
          ? html`<p class="empty">Loading…</p>`
          : this._versions.length === 0
            ? html`<p class="empty" data-testid="no-versions">
                No versions yet. One is kept a few minutes after editing pauses, and when everyone has left.
              </p>`
            : nothing
      }
      ${
        this._next !== null
          ? html`<button class="button more" @click=${this.loadOlder}>Show older versions</button>`
          : nothing
      }
    </aside>`;
  }

  private renderVersion(version: VersionInfo, now: number) {
    const at = Date.parse(version.createdAt);
    const selected = this._selected?.id === version.id;
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
          ${version.kind === 'named' ? html`<span class="tag">Named</span>` : nothing}
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

  private renderPreview(version: VersionInfo, now: number) {
    const preview = this._preview;
    const changes = countChanges(this._diff);
    return html`<section class="preview" aria-label="Selected version">
      <div class="preview-head">
        <div>
          <strong>${versionLabel(version)}</strong>
          <span class="muted">${formatRelativeTime(Date.parse(version.createdAt), now)}</span>
        </div>
        <button class="icon-button" aria-label="Close this version" title="Close" @click=${this.deselect}>
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
              <div class="doc" data-testid="version-preview" tabindex="-1" aria-readonly="true" role="document">
                ${preview.title ? html`<p class="doc-title">${preview.title}</p>` : nothing}
                ${this._diff.map((line) => this.renderLine(line))}
              </div>
              <button
                class="button primary restore"
                data-testid="restore-version"
                ?disabled=${this._busy === 'restore'}
                @click=${this.restore}
              >
                ${ICONS.restore} ${this._busy === 'restore' ? 'Restoring…' : 'Restore this version'}
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

  static override styles = css`
    :host {
      display: block;
      font-size: 14px;
      color: #0f172a;
    }
    * {
      box-sizing: border-box;
    }
    .panel {
      display: flex;
      flex-direction: column;
      gap: 12px;
      padding: 14px;
      border: 1px solid #e2e8f0;
      border-radius: 14px;
      background: #fff;
    }
    header,
    .preview-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
    }
    h2 {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      margin: 0;
      font-size: 15px;
    }
    .icon-button {
      display: grid;
      place-items: center;
      width: 30px;
      height: 30px;
      border: none;
      border-radius: 8px;
      background: transparent;
      color: #64748b;
      cursor: pointer;
    }
    .icon-button:hover {
      background: #f1f5f9;
      color: #0f172a;
    }
    .save {
      display: flex;
      gap: 8px;
    }
    .save input {
      flex: 1 1 auto;
      min-width: 0;
      height: 36px;
      padding: 0 10px;
      border: 1px solid #e2e8f0;
      border-radius: 8px;
      font: inherit;
    }
    .button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 6px;
      height: 36px;
      padding: 0 12px;
      border: 1px solid #e2e8f0;
      border-radius: 8px;
      background: #fff;
      color: #0f172a;
      font: inherit;
      font-weight: 600;
      white-space: nowrap;
      cursor: pointer;
    }
    .button:disabled {
      opacity: 0.55;
      cursor: default;
    }
    .button.primary {
      border-color: #4f46e5;
      background: #4f46e5;
      color: #fff;
    }
    .notice,
    .error,
    .empty,
    .legend {
      margin: 0;
      font-size: 13px;
    }
    .notice {
      color: #15803d;
    }
    .error {
      color: #b91c1c;
    }
    .empty,
    .muted {
      color: #64748b;
    }
    .versions {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .version {
      display: flex;
      flex-direction: column;
      gap: 2px;
      width: 100%;
      padding: 8px 10px;
      border: 1px solid transparent;
      border-radius: 10px;
      background: transparent;
      color: inherit;
      font: inherit;
      text-align: left;
      cursor: pointer;
    }
    .version:hover {
      background: #f8fafc;
    }
    .version.selected {
      border-color: #c7d2fe;
      background: #eef2ff;
    }
    .line1 {
      display: flex;
      align-items: center;
      gap: 6px;
      font-weight: 600;
    }
    .name.auto {
      font-weight: 500;
    }
    .tag {
      padding: 0 6px;
      border-radius: 999px;
      background: #e0e7ff;
      color: #3730a3;
      font-size: 11px;
      font-weight: 700;
    }
    .line2 {
      color: #64748b;
      font-size: 12px;
    }
    .preview {
      display: flex;
      flex-direction: column;
      gap: 10px;
      padding: 12px;
      border: 1px solid #c7d2fe;
      border-radius: 12px;
      background: #fafbff;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      color: #475569;
    }
    .added-sample,
    ins {
      background: #dcfce7;
      color: #14532d;
      text-decoration: none;
    }
    .removed-sample,
    del {
      background: #fee2e2;
      color: #7f1d1d;
      text-decoration: line-through;
    }
    .added-sample,
    .removed-sample {
      padding: 0 4px;
      border-radius: 4px;
    }
    .doc {
      max-height: min(60vh, 520px);
      overflow: auto;
      padding: 10px 12px;
      border: 1px solid #e2e8f0;
      border-radius: 8px;
      background: #fff;
      line-height: 1.55;
      outline: none;
    }
    .doc-title {
      margin: 0 0 8px;
      font-size: 16px;
      font-weight: 700;
    }
    .line {
      display: flex;
      gap: 6px;
      min-height: 1.4em;
      margin: 2px 0;
      padding-left: calc(var(--depth, 0) * 14px);
      border-radius: 4px;
    }
    .line.quote {
      border-left: 3px solid #cbd5e1;
      padding-left: calc(var(--depth, 0) * 14px + 6px);
    }
    .line.added {
      background: #dcfce7;
    }
    .line.removed {
      background: #fee2e2;
      text-decoration: line-through;
    }
    .line.h1 .text {
      font-size: 1.35em;
      font-weight: 700;
    }
    .line.h2 .text {
      font-size: 1.2em;
      font-weight: 700;
    }
    .line.h3 .text {
      font-size: 1.08em;
      font-weight: 700;
    }
    .line.t-codeBlock .text {
      font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
      white-space: pre-wrap;
      background: #f1f5f9;
    }
    hr.line {
      height: 0;
      border: none;
      border-top: 2px solid #e2e8f0;
      margin: 10px 0;
    }
    hr.line.added {
      border-top-color: #86efac;
    }
    hr.line.removed {
      border-top-color: #fca5a5;
    }
    .marker {
      flex: none;
      min-width: 1.2em;
      color: #64748b;
    }
    .text {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .text a {
      color: #4338ca;
      pointer-events: none;
    }
    .restore {
      align-self: flex-start;
    }
    .more {
      align-self: center;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `;
}

defineElement('quire-history-panel', QuireHistoryPanel);

declare global {
  interface HTMLElementTagNameMap {
    'quire-history-panel': QuireHistoryPanel;
  }
}
