import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { REST_LIMITS, type VersionJson } from '../../../shared/rest-api.js';
import { ApiError } from '../app/api.js';
import { listVersions, restoreVersion, saveVersion } from './history-api.js';

/** How often an open panel looks for new automatic versions. */
const REFRESH_MS = 20_000;

/** The server's sentence for a refusal, else ours. */
export const messageOf = (error: unknown, fallback: string): string =>
  error instanceof ApiError ? error.message : fallback;

/** A version's label: its name, or what kind of version it is. */
export function versionLabel(version: VersionJson): string {
  if (version.name) return version.name;
  return version.kind === 'auto' ? 'Automatic version' : 'Version';
}

export interface VersionsControllerOptions {
  /** Read at every host update; a change starts the list over. */
  docId: () => string | null;
  /** Server base URL. */
  server: () => string;
  /** @default 20 s */
  refreshMs?: number;
  /** Versions per request. @default 50 */
  pageSize?: number;
}

/**
 * A document's list of versions for its host: loads the newest page when the document changes, looks for
 * new ones every `refreshMs` while the host is on the page, pages back on demand, and saves and restores.
 * Answers for a document the host has since left are dropped.
 */
export class VersionsController implements ReactiveController {
  versions: VersionJson[] = [];
  /** Cursor of the next older page; null when every version is listed. */
  next: number | null = null;
  loading = false;
  error = '';
  /** What the last save or restore did, in words. */
  notice = '';
  busy: 'save' | 'restore' | null = null;

  /** Undefined until the first update, so that one always loads. */
  private docId: string | null | undefined = undefined;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: VersionsControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.timer = setInterval(() => void this.refresh(), this.options.refreshMs ?? REFRESH_MS);
  }

  hostDisconnected(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  hostUpdate(): void {
    const docId = this.options.docId();
    if (docId === this.docId) return;
    this.docId = docId;
    this.set({ versions: [], next: null, notice: '' });
    void this.refresh();
  }

  /** Reloads the newest page (keeps older pages already loaded only if nothing new arrived). */
  async refresh(): Promise<void> {
    const docId = this.docId;
    if (!docId) return;
    this.set({ loading: this.versions.length === 0 });
    try {
      const page = await listVersions(this.options.server(), docId, { limit: this.pageSize });
      if (this.docId !== docId) return;
      const newest = page.versions;
      const known = new Set(newest.map((v) => v.id));
      const oldestNew = newest[newest.length - 1]?.id ?? 0;
      const older = this.versions.filter((v) => !known.has(v.id) && v.id < oldestNew);
      this.set({ versions: [...newest, ...older], error: '', ...(older.length === 0 ? { next: page.next } : {}) });
    } catch (error) {
      if (this.docId === docId) this.set({ error: messageOf(error, 'The versions could not be loaded.') });
    } finally {
      this.set({ loading: false });
    }
  }

  async loadOlder(): Promise<void> {
    const docId = this.docId;
    if (!docId || this.next === null) return;
    try {
      const page = await listVersions(this.options.server(), docId, { limit: this.pageSize, before: this.next });
      if (this.docId !== docId) return;
      this.set({ versions: [...this.versions, ...page.versions], next: page.next });
    } catch (error) {
      this.set({ error: messageOf(error, 'Older versions could not be loaded.') });
    }
  }

  /** Saves the current text under `name`; true when it was saved. */
  async save(name: string): Promise<boolean> {
    const docId = this.docId;
    if (!docId || !name || this.busy) return false;
    this.set({ busy: 'save', error: '' });
    try {
      const saved = await saveVersion(this.options.server(), docId, name);
      this.set({ notice: `Saved “${versionLabel(saved)}”.` });
      await this.refresh();
      return true;
    } catch (error) {
      this.set({ error: messageOf(error, 'The version could not be saved.') });
      return false;
    } finally {
      this.set({ busy: null });
    }
  }

  /** Restores `version` for everyone; the server keeps the text before as `backup`. Null when it failed. */
  async restore(version: VersionJson): Promise<{ backup: VersionJson } | null> {
    const docId = this.docId;
    if (!docId || this.busy) return null;
    this.set({ busy: 'restore', error: '' });
    try {
      const { backup } = await restoreVersion(this.options.server(), docId, version.id);
      this.set({
        notice: `Restored “${versionLabel(version)}”. The text before is kept as “${versionLabel(backup)}”: restore that to undo.`,
      });
      void this.refresh();
      return { backup };
    } catch (error) {
      this.set({ error: messageOf(error, 'The version could not be restored.') });
      return null;
    } finally {
      this.set({ busy: null });
    }
  }

  /** Hides the last save or restore notice (another action began). */
  dismissNotice(): void {
    this.set({ notice: '' });
  }

  private get pageSize(): number {
    return this.options.pageSize ?? REST_LIMITS.defaultPageSize;
  }

  private set(patch: Partial<Pick<this, 'versions' | 'next' | 'loading' | 'error' | 'notice' | 'busy'>>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }
}
