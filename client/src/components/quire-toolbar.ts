import type { Editor } from '@tiptap/core';
import { css, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { formatKeys, isBlockActive, normalizeHref } from '../editor/toolbar-state.js';
import { defineElement } from './define-element.js';
import { headingGlyph, ICONS } from './icons.js';

interface ToolbarItem {
  /** Also the test id suffix: `[data-testid=toolbar-<name>]`. */
  name: string;
  label: string;
  /** Shown in the tooltip, e.g. "Ctrl+B". */
  keys?: string;
  icon: TemplateResult;
  /** Toggles carry aria-pressed; actions (undo, rule) do not. */
  isActive?: (editor: Editor) => boolean;
  isEnabled?: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
}

const focus = (editor: Editor) => editor.chain().focus();

const GROUPS: (readonly ToolbarItem[])[] = [
  [
    {
      name: 'undo',
      label: 'Undo',
      keys: 'Mod+Z',
      icon: ICONS.undo,
      isEnabled: (e) => e.can().undo(),
      run: (e) => focus(e).undo().run(),
    },
    {
      name: 'redo',
      label: 'Redo',
      keys: 'Mod+Shift+Z',
      icon: ICONS.redo,
      isEnabled: (e) => e.can().redo(),
      run: (e) => focus(e).redo().run(),
    },
  ],
  ([1, 2, 3] as const).map((level) => ({
    name: `heading-${level}`,
    label: `Heading ${level}`,
    keys: `Mod+Alt+${level}`,
    icon: headingGlyph(level),
    isActive: (e: Editor) => isBlockActive(e, 'heading', { level }),
    run: (e: Editor) => focus(e).toggleHeading({ level }).run(),
  })),
  [
    {
      name: 'bold',
      label: 'Bold',
      keys: 'Mod+B',
      icon: ICONS.bold,
      isActive: (e) => e.isActive('bold'),
      run: (e) => focus(e).toggleBold().run(),
    },
    {
      name: 'italic',
      label: 'Italic',
      keys: 'Mod+I',
      icon: ICONS.italic,
      isActive: (e) => e.isActive('italic'),
      run: (e) => focus(e).toggleItalic().run(),
    },
    {
      name: 'underline',
      label: 'Underline',
      keys: 'Mod+U',
      icon: ICONS.underline,
      isActive: (e) => e.isActive('underline'),
      run: (e) => focus(e).toggleUnderline().run(),
    },
    {
      name: 'strike',
      label: 'Strikethrough',
      keys: 'Mod+Shift+S',
      icon: ICONS.strike,
      isActive: (e) => e.isActive('strike'),
      run: (e) => focus(e).toggleStrike().run(),
    },
    {
      name: 'code',
      label: 'Inline code',
      keys: 'Mod+E',
      icon: ICONS.code,
      isActive: (e) => e.isActive('code'),
      run: (e) => focus(e).toggleCode().run(),
    },
    // The link button opens the link editor instead of running a command (see `activate`).
    {
      name: 'link',
      label: 'Link',
      keys: 'Mod+K',
      icon: ICONS.link,
      isActive: (e) => e.isActive('link'),
      run: () => {},
    },
  ],
  [
    {
      name: 'bullet-list',
      label: 'Bulleted list',
      keys: 'Mod+Shift+8',
      icon: ICONS.bulletList,
      isActive: (e) => isBlockActive(e, 'bulletList'),
      run: (e) => focus(e).toggleBulletList().run(),
    },
    {
      name: 'ordered-list',
      label: 'Numbered list',
      keys: 'Mod+Shift+7',
      icon: ICONS.orderedList,
      isActive: (e) => isBlockActive(e, 'orderedList'),
      run: (e) => focus(e).toggleOrderedList().run(),
    },
    {
      name: 'task-list',
      label: 'Checklist',
      keys: 'Mod+Shift+9',
      icon: ICONS.taskList,
      isActive: (e) => isBlockActive(e, 'taskList'),
      run: (e) => focus(e).toggleTaskList().run(),
    },
  ],
  [
    {
      name: 'blockquote',
      label: 'Quote',
      keys: 'Mod+Shift+B',
      icon: ICONS.blockquote,
      isActive: (e) => isBlockActive(e, 'blockquote'),
      run: (e) => focus(e).toggleBlockquote().run(),
    },
    {
      name: 'code-block',
      label: 'Code block',
      keys: 'Mod+Alt+C',
      icon: ICONS.codeBlock,
      isActive: (e) => isBlockActive(e, 'codeBlock'),
      run: (e) => focus(e).toggleCodeBlock().run(),
    },
    {
      name: 'horizontal-rule',
      label: 'Divider',
      icon: ICONS.horizontalRule,
      run: (e) => focus(e).setHorizontalRule().run(),
    },
  ],
];

const ITEMS = GROUPS.flat();

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * `<quire-toolbar>`: the formatting toolbar of a Tiptap editor. One tab stop (WAI-ARIA toolbar pattern:
 * arrow keys, Home and End move between buttons), `aria-pressed` on toggles, shortcuts in tooltips,
 * and a small link editor (also on Mod+K).
 */
export class QuireToolbar extends LitElement {
  static override properties = {
    editor: { attribute: false },
    _focusIndex: { state: true },
    _linkOpen: { state: true },
    _moreRight: { state: true },
  };

  declare editor: Editor | null;
  declare _focusIndex: number;
  declare _linkOpen: boolean;
  declare _moreRight: boolean;
  private resizeObserver: ResizeObserver | null = null;
  private subscribed: Editor | null = null;
  private frame = 0;

  constructor() {
    super();
    this.editor = null;
    this._focusIndex = 0;
    this._linkOpen = false;
    this._moreRight = false;
  }

  protected override firstUpdated(): void {
    const bar = this.renderRoot.querySelector<HTMLElement>('.bar');
    if (!bar || typeof ResizeObserver === 'undefined') return;
    this.resizeObserver = new ResizeObserver(() => this.measureOverflow());
    this.resizeObserver.observe(bar);
  }

  private measureOverflow(): void {
    const bar = this.renderRoot.querySelector<HTMLElement>('.bar');
    if (bar) this._moreRight = bar.scrollLeft + bar.clientWidth < bar.scrollWidth - 2;
  }

  /** Opens the link editor for the selection (Mod+K). */
  openLinkEditor(): void {
    if (!this.editor?.isEditable) return;
    this._linkOpen = true;
    void this.updateComplete.then(() => {
      const input = this.renderRoot.querySelector<HTMLInputElement>('#link-input');
      input?.focus();
      input?.select();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.subscribe(null);
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('editor')) this.subscribe(this.editor);
  }

  private subscribe(editor: Editor | null): void {
    if (this.subscribed === editor) return;
    if (this.subscribed) {
      this.subscribed.off('transaction', this.refresh);
      this.subscribed.off('selectionUpdate', this.refresh);
      this.subscribed.view.dom.removeEventListener('keydown', this.onEditorKeydown);
    }
    this.subscribed = editor;
    if (editor) {
      editor.on('transaction', this.refresh);
      editor.on('selectionUpdate', this.refresh);
      editor.view.dom.addEventListener('keydown', this.onEditorKeydown);
    }
  }

  /** Active marks change with every transaction; one render per frame is plenty. */
  private readonly refresh = () => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.requestUpdate();
    });
  };

  private readonly onEditorKeydown = (event: KeyboardEvent) => {
    if ((event.metaKey || event.ctrlKey) && !event.altKey && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      this.openLinkEditor();
    }
  };

  private activate(item: ToolbarItem, index: number): void {
    const editor = this.editor;
    if (!editor) return;
    this._focusIndex = index;
    if (!editor.isEditable || (item.isEnabled && !item.isEnabled(editor))) return;
    if (item.name === 'link') {
      if (this._linkOpen) this.closeLinkEditor();
      else this.openLinkEditor();
      return;
    }
    item.run(editor);
  }

  private onToolbarKeydown(event: KeyboardEvent): void {
    const moves: Record<string, (i: number) => number> = {
      ArrowRight: (i) => (i + 1) % ITEMS.length,
      ArrowLeft: (i) => (i - 1 + ITEMS.length) % ITEMS.length,
      Home: () => 0,
      End: () => ITEMS.length - 1,
    };
    const move = moves[event.key];
    if (!move || (event.target as HTMLElement).id === 'link-input') return;
    event.preventDefault();
    this._focusIndex = move(this._focusIndex);
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>(`[data-index="${this._focusIndex}"]`)?.focus(),
    );
  }

  private applyLink(event: Event): void {
    event.preventDefault();
    const editor = this.editor;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#link-input');
    if (!editor || !input) return;
    const href = normalizeHref(input.value);
    if (href === '') {
      editor.chain().focus().extendMarkRange('link').unsetLink().run();
    } else if (editor.state.selection.empty && !editor.isActive('link')) {
      // Nothing selected: insert the address itself as linked text.
      editor
        .chain()
        .focus()
        .insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] })
        .run();
    } else {
      editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
    }
    this._linkOpen = false;
  }

  private removeLink(): void {
    this.editor?.chain().focus().extendMarkRange('link').unsetLink().run();
    this._linkOpen = false;
  }

  private closeLinkEditor(): void {
    this._linkOpen = false;
    this.editor?.commands.focus();
  }

  protected override render() {
    const editor = this.editor;
    const mac = isMac();
    let index = 0;
    const currentHref = editor?.isActive('link') ? String(editor.getAttributes('link').href ?? '') : '';
    return html`
      <div
        class="bar ${this._moreRight ? 'more-right' : ''}"
        role="toolbar"
        aria-label="Formatting"
        @keydown=${this.onToolbarKeydown}
        @scroll=${this.measureOverflow}
      >
        ${GROUPS.map(
          (group, groupIndex) => html`
            ${groupIndex > 0 ? html`<span class="divider" role="separator" aria-orientation="vertical"></span>` : nothing}
            ${group.map((item) => {
              const i = index++;
              const active = editor && item.isActive ? item.isActive(editor) : false;
              const enabled = editor ? (item.isEnabled?.(editor) ?? true) && editor.isEditable : false;
              const shortcut = item.keys ? formatKeys(item.keys, mac) : '';
              return html`<button
                type="button"
                class=${active ? 'active' : ''}
                data-testid=${`toolbar-${item.name}`}
                data-index=${i}
                aria-label=${item.label}
                aria-pressed=${item.isActive ? String(active) : nothing}
                aria-keyshortcuts=${item.keys ? item.keys.replace('Mod', mac ? 'Meta' : 'Control') : nothing}
                aria-haspopup=${item.name === 'link' ? 'dialog' : nothing}
                aria-expanded=${item.name === 'link' ? String(this._linkOpen) : nothing}
                title=${shortcut ? `${item.label} (${shortcut})` : item.label}
                tabindex=${i === this._focusIndex ? 0 : -1}
                aria-disabled=${enabled ? nothing : 'true'}
                @mousedown=${(event: MouseEvent) => event.preventDefault()}
                @click=${() => this.activate(item, i)}
              >
                ${item.icon}
              </button>`;
            })}
          `,
        )}
      </div>
      ${
        this._linkOpen
          ? html`<form
              class="link-editor"
              role="dialog"
              aria-label="Edit link"
              data-testid="link-editor"
              @submit=${this.applyLink}
              @keydown=${(event: KeyboardEvent) => {
                if (event.key === 'Escape') {
                  event.preventDefault();
                  this.closeLinkEditor();
                }
              }}
            >
              <label for="link-input">Link</label>
              <input
                id="link-input"
                data-testid="link-input"
                type="text"
                inputmode="url"
                autocomplete="off"
                spellcheck="false"
                placeholder="Paste or type a link"
                .value=${currentHref}
              />
              <button type="submit" class="primary" data-testid="link-apply">Apply</button>
              ${
                currentHref
                  ? html`<a
                        class="icon-button"
                        href=${currentHref}
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
                        @click=${this.removeLink}
                      >
                        ${ICONS.trash}
                      </button>`
                  : nothing
              }
            </form>`
          : nothing
      }
    `;
  }

  static override styles = css`
    :host {
      display: block;
      position: relative;
      min-width: 0;
    }
    .bar {
      display: flex;
      align-items: center;
      gap: 2px;
      overflow-x: auto;
      scrollbar-width: none;
      padding: 6px 4px;
    }
    .bar::-webkit-scrollbar {
      display: none;
    }
    /* More buttons to the right: fade the edge so the row reads as scrollable. */
    .bar.more-right {
      mask-image: linear-gradient(to right, #000 calc(100% - 40px), transparent);
    }
    .divider {
      flex: none;
      width: 1px;
      height: 20px;
      margin: 0 5px;
      background: var(--quire-border-color, #e2e8f0);
    }
    button,
    .icon-button {
      flex: none;
      display: inline-grid;
      place-items: center;
      width: 32px;
      height: 32px;
      padding: 0;
      border: none;
      border-radius: 8px;
      background: transparent;
      color: var(--quire-toolbar-color, #334155);
      font: inherit;
      cursor: pointer;
      transition:
        background-color 120ms,
        color 120ms;
    }
    button:hover:not([aria-disabled='true']),
    .icon-button:hover {
      background: var(--quire-hover-background, rgb(15 23 42 / 0.06));
    }
    button.active {
      background: var(--quire-active-background, rgb(79 70 229 / 0.12));
      color: var(--quire-accent-color, #4f46e5);
    }
    /* aria-disabled, not disabled: unavailable buttons stay focusable, so the toolbar's single tab stop
       and arrow-key order never skip (WAI-ARIA toolbar pattern). */
    button[aria-disabled='true'] {
      color: var(--quire-disabled-color, #cbd5e1);
      cursor: default;
    }
    button:focus-visible,
    .icon-button:focus-visible,
    input:focus-visible {
      outline: 2px solid var(--quire-accent-color, #4f46e5);
      outline-offset: 1px;
    }
    .glyph {
      font-weight: 700;
      font-size: 15px;
      letter-spacing: -0.02em;
    }
    .level {
      font-size: 11px;
      margin-left: 1px;
    }
    .link-editor {
      position: absolute;
      z-index: 20;
      top: calc(100% + 4px);
      left: 8px;
      display: flex;
      align-items: center;
      gap: 6px;
      width: min(440px, calc(100vw - 32px));
      box-sizing: border-box;
      padding: 8px;
      border: 1px solid var(--quire-border-color, #e2e8f0);
      border-radius: 12px;
      background: var(--quire-background, #fff);
      box-shadow:
        0 10px 30px -10px rgb(15 23 42 / 0.25),
        0 2px 6px rgb(15 23 42 / 0.06);
    }
    .link-editor label {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    .link-editor input {
      flex: 1 1 auto;
      min-width: 0;
      height: 34px;
      box-sizing: border-box;
      padding: 0 10px;
      border: 1px solid var(--quire-border-color, #e2e8f0);
      border-radius: 8px;
      background: transparent;
      color: inherit;
      font: inherit;
      font-size: 14px;
    }
    .link-editor .primary {
      width: auto;
      padding: 0 12px;
      background: var(--quire-accent-color, #4f46e5);
      color: #fff;
      font-size: 14px;
      font-weight: 600;
    }
    .link-editor .primary:hover {
      background: var(--quire-accent-hover-color, #4338ca);
    }
  `;
}

defineElement('quire-toolbar', QuireToolbar);

declare global {
  interface HTMLElementTagNameMap {
    'quire-toolbar': QuireToolbar;
  }
}
