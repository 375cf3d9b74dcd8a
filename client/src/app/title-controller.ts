import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import { titleText } from '../../../shared/doc-fields.js';
import type { RecentDocs } from './recent-docs.js';
import { bindTextInput } from './title-binding.js';

/** Typing would otherwise write localStorage on every key. */
const RENAME_DELAY_MS = 400;

export interface TitleControllerOptions {
  /** The open document: an id, or null on a view-only link (which is not remembered). */
  docId: () => string | null;
  /** Read at every host update with `docId`; either changing means another document. */
  viewId: () => string | null;
  /** The title field, once rendered. */
  input: () => HTMLInputElement | null;
  recentDocs: RecentDocs;
}

/**
 * The document title of a page: binds the title field to the document's shared title once the document
 * is open, keeps the browser tab's title and this browser's list of recent documents in step (the list
 * a moment after typing stops), and lets go when the page moves to another document or leaves.
 */
export class TitleController implements ReactiveController {
  /** The title as it stands. */
  title = '';
  private key: string | null = null;
  /** The document the title belongs to (a pending rename goes to it, not to the next one). */
  private docId: string | null = null;
  private unbind: (() => void) | null = null;
  private renameTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: TitleControllerOptions,
  ) {
    host.addController(this);
  }

  /** The document is open: its title fills the field, and the field edits it. */
  bind(doc: Y.Doc): void {
    const input = this.options.input();
    if (!input) return;
    this.release();
    this.unbind = bindTextInput(input, titleText(doc), (value) => this.changed(value));
    this.changed(input.value);
  }

  hostUpdate(): void {
    const docId = this.options.docId();
    const key = JSON.stringify([docId, this.options.viewId()]);
    if (key === this.key) return;
    this.key = key;
    this.release();
    this.flushRename();
    this.docId = docId;
    this.title = '';
    this.showInTab();
    if (docId) this.options.recentDocs.touch(docId);
  }

  hostDisconnected(): void {
    this.release();
    this.flushRename();
  }

  private release(): void {
    this.unbind?.();
    this.unbind = null;
  }

  private changed(value: string): void {
    this.title = value;
    this.showInTab();
    this.host.requestUpdate();
    if (!this.docId) return;
    if (this.renameTimer !== null) clearTimeout(this.renameTimer);
    this.renameTimer = setTimeout(() => this.flushRename(), RENAME_DELAY_MS);
  }

  /** Writes a pending rename now. Only a pending one: a title never loaded must not blank the stored one. */
  private flushRename(): void {
    if (this.renameTimer === null) return;
    clearTimeout(this.renameTimer);
    this.renameTimer = null;
    if (this.docId) this.options.recentDocs.rename(this.docId, this.title.trim());
  }

  private showInTab(): void {
    document.title = `${this.title.trim() || 'Untitled'} · Quire`;
  }
}
