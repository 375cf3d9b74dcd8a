import type { Editor } from '@tiptap/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import type { CollabSession } from '../editor/collab-session.js';
import { createEditor } from '../editor/create-editor.js';
import type { SessionController } from './session-controller.js';

export interface TiptapControllerOptions {
  /** The element the text goes into, once rendered. */
  mount: () => HTMLElement | null;
  /** The host's own rule (a `readonly` attribute, a view-only link); a refused session is never editable. */
  readOnly: () => boolean;
  placeholder: () => string | null;
  /** The editor exists and shows the session's document. */
  onReady: (editor: Editor, ydoc: Y.Doc) => void;
}

/**
 * Owns the Tiptap editor of an editor element: creates it over the session's document once the host has
 * rendered its mount point, keeps it editable only when the host and the session allow, and destroys it
 * before its session closes (the binding lets go of a live document).
 */
export class TiptapController implements ReactiveController {
  editor: Editor | null = null;
  private mountedFor: CollabSession | null = null;
  /** What this controller last made the editor; changed only when its inputs change, not every render. */
  private editable = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly sessions: SessionController,
    private readonly options: TiptapControllerOptions,
  ) {
    host.addController(this);
    sessions.onClosing((session) => {
      if (this.mountedFor === session) this.destroy();
    });
  }

  /** Whether typing may change the document now. */
  get canEdit(): boolean {
    return !this.options.readOnly() && this.sessions.state?.connection !== 'refused';
  }

  hostUpdate(): void {
    const editable = this.canEdit;
    if (!this.editor || editable === this.editable) return;
    this.editable = editable;
    this.editor.setEditable(editable);
  }

  hostUpdated(): void {
    const session = this.sessions.session;
    if (session && !this.editor) this.create(session);
  }

  private create(session: CollabSession): void {
    const element = this.options.mount();
    if (!element) return;
    this.editable = this.canEdit;
    const editor = createEditor({
      element,
      doc: session.doc,
      awareness: session.awareness,
      user: this.sessions.identity(),
      editable: this.editable,
      placeholder: this.options.placeholder() ?? undefined,
    });
    this.editor = editor;
    this.mountedFor = session;
    this.sessions.publishUser();
    this.host.requestUpdate();
    this.options.onReady(editor, session.doc);
  }

  private destroy(): void {
    this.editor?.destroy();
    this.editor = null;
    this.mountedFor = null;
    this.options.mount()?.replaceChildren();
  }
}
