import { MAX_TITLE_LENGTH } from '../../../shared/doc-fields.js';
import { isValidDocId } from '../../../shared/doc-id.js';

/** A document this browser opened. */
export interface RecentDoc {
  id: string;
  title: string;
  /** Epoch ms of the last visit. */
  openedAt: number;
}

export const RECENT_DOCS_KEY = 'quire:recent-docs';

/** How many documents the landing page remembers. */
export const MAX_RECENT_DOCS = 30;

function parse(text: string | null): RecentDoc[] {
  if (!text) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): RecentDoc[] => {
    if (typeof item !== 'object' || item === null) return [];
    const { id, title, openedAt } = item as Record<string, unknown>;
    if (!isValidDocId(id) || typeof openedAt !== 'number' || !Number.isFinite(openedAt)) return [];
    return [{ id, title: typeof title === 'string' ? title.slice(0, MAX_TITLE_LENGTH) : '', openedAt }];
  });
}

/** The documents this browser opened, newest first, kept in localStorage (shared by the tabs of an origin). */
export class RecentDocs {
  constructor(
    private readonly storage: Storage | null,
    private readonly now: () => number = Date.now,
  ) {}

  list(): RecentDoc[] {
    let text: string | null = null;
    try {
      text = this.storage?.getItem(RECENT_DOCS_KEY) ?? null;
    } catch {
      // Unreadable storage: nothing remembered.
    }
    return parse(text).sort((a, b) => b.openedAt - a.openedAt);
  }

  /** Records a visit (moves the document to the top); keeps the known title unless a new one is given. */
  touch(id: string, title?: string): void {
    const docs = this.list();
    const previous = docs.find((doc) => doc.id === id);
    const entry: RecentDoc = {
      id,
      title: (title ?? previous?.title ?? '').slice(0, MAX_TITLE_LENGTH),
      openedAt: this.now(),
    };
    this.save([entry, ...docs.filter((doc) => doc.id !== id)]);
  }

  /** Updates a title without changing the order. */
  rename(id: string, title: string): void {
    const docs = this.list();
    const doc = docs.find((item) => item.id === id);
    if (!doc || doc.title === title) return;
    doc.title = title.slice(0, MAX_TITLE_LENGTH);
    this.save(docs);
  }

  remove(id: string): void {
    this.save(this.list().filter((doc) => doc.id !== id));
  }

  private save(docs: RecentDoc[]): void {
    try {
      this.storage?.setItem(RECENT_DOCS_KEY, JSON.stringify(docs.slice(0, MAX_RECENT_DOCS)));
    } catch {
      // Full or forbidden storage: the list is simply not remembered.
    }
  }
}

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", or a date. */
export function formatRelativeTime(then: number, now: number, locale?: string): string {
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  return new Date(then).toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' });
}
