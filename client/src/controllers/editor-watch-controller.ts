import type { Editor } from '@tiptap/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Tiptap events that mean "what the editor shows has changed". */
export type EditorChangeEvent = 'transaction' | 'selectionUpdate' | 'update';

export interface EditorWatchOptions {
  /** The editor to follow, read at every host update (it may arrive later or change). */
  editor: () => Editor | null;
  events: readonly EditorChangeEvent[];
  /** Called at most once per animation frame after any of `events`. @default the host re-renders */
  onChange?: () => void;
  /** Keys pressed in the editor's text (shortcuts that belong to the host, such as Mod+K). */
  onKeydown?: (event: KeyboardEvent) => void;
  /** Clicks in the editor's text (a link clicked shows its card). */
  onClick?: (event: MouseEvent) => void;
}

/**
 * Follows a Tiptap editor for its host: listens to it while the host is connected, lets go when the
 * editor changes or the host leaves the page, and coalesces bursts of changes (one per keystroke, one
 * per remote update) into one call per frame.
 */
export class EditorWatchController implements ReactiveController {
  private watched: Editor | null = null;
  /** The text element the key and click listeners are on (kept: a destroyed editor no longer has a view). */
  private keyTarget: HTMLElement | null = null;
  private frame = 0;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: EditorWatchOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.watch(this.options.editor());
  }

  hostUpdate(): void {
    if (this.connected) this.watch(this.options.editor());
  }

  hostDisconnected(): void {
    this.connected = false;
    this.watch(null);
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private watch(editor: Editor | null): void {
    if (this.watched === editor) return;
    const { events, onKeydown, onClick } = this.options;
    for (const event of events) this.watched?.off(event, this.onEditorChange);
    if (onKeydown) this.keyTarget?.removeEventListener('keydown', onKeydown);
    if (onClick) this.keyTarget?.removeEventListener('click', onClick);
    this.watched = editor;
    this.keyTarget = null;
    if (!editor) return;
    for (const event of events) editor.on(event, this.onEditorChange);
    this.keyTarget = editor.view.dom;
    if (onKeydown) this.keyTarget.addEventListener('keydown', onKeydown);
    if (onClick) this.keyTarget.addEventListener('click', onClick);
  }

  private readonly onEditorChange = () => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.options.onChange) this.options.onChange();
      else this.host.requestUpdate();
    });
  };
}
