import { type Editor, getSchema } from '@tiptap/core';
import { Node as PMNode, type Schema } from '@tiptap/pm/model';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { VersionJson } from '../../../shared/rest-api.js';
import { EditorWatchController } from '../controllers/editor-watch-controller.js';
import { schemaExtensions } from '../editor/schema-extensions.js';
import { fetchVersionContent } from './history-api.js';
import { compareDocs, type DiffLine } from './version-diff.js';
import { messageOf } from './versions-controller.js';

export interface VersionPreviewOptions {
  /** Read at every host update; a change closes the preview. */
  docId: () => string | null;
  server: () => string;
  /** The live editor: the current text a version is compared with. */
  editor: () => Editor | null;
}

/**
 * One version shown beside the live text: fetches its content, compares it with the editor's document,
 * and compares again as people keep typing (once per frame at most). Answers for a version that is no
 * longer selected are dropped.
 */
export class VersionPreviewController implements ReactiveController {
  selected: VersionJson | null = null;
  /** The selected version's content, once loaded. */
  preview: { title: string; doc: PMNode } | null = null;
  diff: DiffLine[] = [];
  loading = false;
  error = '';

  private docId: string | null | undefined = undefined;
  private comparedWith: Editor | null = null;
  private fallbackSchema: Schema | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: VersionPreviewOptions,
  ) {
    host.addController(this);
    new EditorWatchController(host, { editor: options.editor, events: ['update'], onChange: () => this.compare() });
  }

  hostUpdate(): void {
    const docId = this.options.docId();
    if (docId !== this.docId) {
      this.docId = docId;
      this.close();
    }
    const editor = this.options.editor();
    if (editor !== this.comparedWith) {
      this.comparedWith = editor;
      this.compare();
    }
  }

  /** Shows `version`, or closes it when it is the one shown. True once its content is in. */
  async toggle(version: VersionJson): Promise<boolean> {
    const docId = this.docId;
    if (!docId) return false;
    if (this.selected?.id === version.id) {
      this.close();
      return false;
    }
    this.set({ selected: version, preview: null, diff: [], loading: true, error: '' });
    try {
      const json = await fetchVersionContent(this.options.server(), docId, version.id);
      if (this.selected?.id !== version.id) return false;
      this.set({ preview: { title: json.title, doc: PMNode.fromJSON(this.schema, json.content) } });
      this.compare();
      return true;
    } catch (error) {
      if (this.selected?.id === version.id) this.set({ error: messageOf(error, 'The version could not be loaded.') });
      return false;
    } finally {
      if (this.selected?.id === version.id) this.set({ loading: false });
    }
  }

  close(): void {
    this.set({ selected: null, preview: null, diff: [], loading: false });
  }

  /** The editor's schema, or the same one built here while there is no editor yet. */
  private get schema(): Schema {
    const editor = this.options.editor();
    if (editor) return editor.schema;
    this.fallbackSchema ??= getSchema(schemaExtensions());
    return this.fallbackSchema;
  }

  private compare(): void {
    const editor = this.options.editor();
    if (!this.preview || !editor) return;
    this.set({ diff: compareDocs(editor.state.doc, this.preview.doc) });
  }

  private set(patch: Partial<Pick<this, 'selected' | 'preview' | 'diff' | 'loading' | 'error'>>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }
}
