import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RecentDoc, RecentDocs } from './recent-docs.js';

/** This browser's recent documents for a page, kept current while other tabs open and rename documents. */
export class RecentDocsController implements ReactiveController {
  docs: RecentDoc[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly recentDocs: RecentDocs,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.reload();
    window.addEventListener('storage', this.reload);
  }

  hostDisconnected(): void {
    window.removeEventListener('storage', this.reload);
  }

  /** Takes a document off the list (it stays on the server). */
  forget(id: string): void {
    this.recentDocs.remove(id);
    this.reload();
  }

  private readonly reload = () => {
    this.docs = this.recentDocs.list();
    this.host.requestUpdate();
  };
}
