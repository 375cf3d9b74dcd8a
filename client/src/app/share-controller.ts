import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { focusWithRing } from '../components/focus-ring.js';
import { DismissController } from '../controllers/dismiss-controller.js';
import { type DocInfo, fetchDocInfo } from './api.js';
import { copyText } from './clipboard.js';
import { routePath } from './router.js';

export interface ShareControllerOptions {
  docId: () => string | null;
  viewId: () => string | null;
  /** The link field of the open panel, once rendered (selected after copying, to copy by hand). */
  field: () => HTMLInputElement | null;
  /** The Share button, which gets the focus back when Escape closes the panel. */
  button: () => HTMLElement | null;
}

/**
 * The Share button of a document page: copies the link, opens the panel, asks the server for the
 * view-only link (offered only to people who may edit), and closes the panel on Escape (the focus
 * back on the button) or a press outside its `.share-area`.
 */
export class ShareController implements ReactiveController {
  open = false;
  /** Whether the last copy worked; null while it runs. */
  copied: boolean | null = null;
  /** The document's metadata once asked for; its `viewId` is the view-only link. */
  info: DocInfo | null = null;
  private key: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: ShareControllerOptions,
  ) {
    host.addController(this);
    new DismissController(host, {
      isOpen: () => this.open,
      close: (how) => {
        this.set({ open: false });
        if (how === 'escape') focusWithRing(this.options.button());
      },
      contains: (path) => path.some((node) => node instanceof HTMLElement && node.classList.contains('share-area')),
    });
  }

  hostUpdate(): void {
    const key = JSON.stringify([this.options.docId(), this.options.viewId()]);
    if (key === this.key) return;
    this.key = key;
    this.info = null;
  }

  /** The link to this page: editable for a document, view-only on a view link. */
  get shareUrl(): string {
    const viewId = this.options.viewId();
    const route = viewId
      ? { name: 'view' as const, viewId }
      : { name: 'doc' as const, docId: this.options.docId() ?? '' };
    return `${location.origin}${routePath(route)}`;
  }

  /** The view-only link of an editable document, once the server offered it. */
  get viewUrl(): string | null {
    return this.info?.viewId ? `${location.origin}${routePath({ name: 'view', viewId: this.info.viewId })}` : null;
  }

  async share(): Promise<void> {
    this.set({ open: true });
    // Copy first: the clipboard wants the click's user activation, which a network wait could outlast.
    this.set({ copied: await copyText(this.shareUrl) });
    await this.host.updateComplete;
    this.options.field()?.select();
    const docId = this.options.docId();
    if (docId && !this.info) {
      const info = await fetchDocInfo(location.origin, docId);
      if (this.options.docId() === docId) this.set({ info });
    }
  }

  async copyViewLink(): Promise<void> {
    const url = this.viewUrl;
    if (url) this.set({ copied: await copyText(url) });
  }

  private set(patch: Partial<Pick<this, 'open' | 'copied' | 'info'>>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }
}
