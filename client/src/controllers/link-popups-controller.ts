import type { Editor } from '@tiptap/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { selectionBox } from '../editor/selection-box.js';
import { AnchorController } from './anchor-controller.js';
import { DismissController } from './dismiss-controller.js';

export interface LinkPopupsOptions {
  editor: () => Editor | null;
  /** The rendered link editor and link card, while open. */
  linkEditor: () => HTMLElement | null;
  linkCard: () => HTMLElement | null;
}

/**
 * The toolbar's two link popups, both at the selection: the link editor (Mod+K, the Link command,
 * Edit on the card) and the card a clicked link shows. Opens and closes them (Escape, a press
 * elsewhere, the caret leaving the link), keeps them beside the text as it scrolls, and hands the
 * focus back to the text when the editor closes. The host renders them from `editing` and `card`.
 */
export class LinkPopupsController implements ReactiveController {
  editing = false;
  card = false;
  /** Where a link was clicked; its card shows once the caret is there. */
  private clickedAt: number | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: LinkPopupsOptions,
  ) {
    host.addController(this);
    const anchor = () => selectionBox(options.editor());
    new AnchorController(host, { popup: () => (this.editing ? options.linkEditor() : null), anchor });
    new AnchorController(host, { popup: () => (this.card ? options.linkCard() : null), anchor });
    // A press on the toolbar (whose Link button toggles the editor) or in a popup (both in its shadow
    // root) is not a press elsewhere: the default, inside the host.
    new DismissController(host, {
      isOpen: () => this.editing || this.card,
      close: (how) => {
        if (this.editing) this.closeEditor(how === 'escape');
        this.closeCard();
      },
    });
  }

  hostUpdate(): void {
    const editor = this.options.editor();
    const onLink = Boolean(editor?.isActive('link'));
    const caret = Boolean(editor?.state.selection.empty);
    // ProseMirror takes in a click's caret a moment after the click event: decide once it has.
    const from = editor?.state.selection.from ?? -1;
    if (this.clickedAt !== null && caret && Math.abs(from - this.clickedAt) <= 1) {
      this.clickedAt = null;
      this.card = onLink && !this.editing && Boolean(editor?.isEditable);
    }
    // The card belongs to the link the caret is in; it goes when the caret leaves it or selects a range.
    if (this.card && !(onLink && caret)) this.card = false;
  }

  /** Opens the link editor for the selection, or moves the focus back into it. */
  openEditor(): void {
    if (!this.options.editor()?.isEditable) return;
    this.set({ editing: true, card: false });
    void this.host.updateComplete.then(() => this.options.linkEditor()?.focus());
  }

  /** Closes the link editor; `focusText` puts the caret back in the text (Escape, Apply, Remove). */
  closeEditor(focusText = true): void {
    if (!this.editing) return;
    this.set({ editing: false });
    if (focusText) this.options.editor()?.commands.focus();
  }

  closeCard(): void {
    this.clickedAt = null;
    if (this.card) this.set({ card: false });
  }

  /** A click in the text: on a link of an editable document, once the caret is in it, shows its card. */
  readonly onTextClick = (event: MouseEvent): void => {
    const editor = this.options.editor();
    const onLink = event
      .composedPath()
      .some((node) => node instanceof HTMLAnchorElement && editor?.view.dom.contains(node));
    this.clickedAt = onLink
      ? (editor?.view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? null)
      : null;
    this.set({ card: false });
  };

  private set(patch: Partial<Pick<this, 'editing' | 'card'>>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }
}
