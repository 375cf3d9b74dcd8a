import { type BrowserContext, test as base, type Page } from '@playwright/test';
import { createDocId } from '../shared/doc-id.js';
import { EditorPage } from './pages/editor-page.js';
import { QuireProcess } from './support/quire-process.js';
import { TcpProxy } from './support/tcp-proxy.js';

export { expect } from '@playwright/test';

/** One person: their own browser context (own localStorage and IndexedDB), one tab, one editor. */
export interface User {
  readonly name: string;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly editor: EditorPage;
  /** Opens `/d/<docId>` on `baseUrl`, waits until connected and sets this user's name. */
  open(docId: string, baseUrl?: string): Promise<void>;
}

interface Fixtures {
  /** Extra server environment for this test, e.g. `{ QUIRE_HEARTBEAT_MS: '1000' }`. */
  quireEnv: Record<string, string>;
  /** This test's own server process (own port, own data directory), started on first use. */
  quire: QuireProcess;
  /** A TCP tcpProxy in front of `quire`; pages opened through `tcpProxy.url` can have their network cut. */
  tcpProxy: TcpProxy;
  /** A fresh document id for this test. */
  docId: string;
  /** A new user in a new browser context; pages default to the server's own URL. */
  newUser: (name: string) => Promise<User>;
}

export const test = base.extend<Fixtures>({
  quireEnv: [{}, { option: true }],

  quire: async ({ quireEnv }, use, testInfo) => {
    const quire = new QuireProcess({ env: quireEnv });
    try {
      await quire.start();
      await use(quire);
    } finally {
      await quire.kill();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('server-output.txt', { body: quire.output(), contentType: 'text/plain' });
      }
      await quire.dispose();
    }
  },

  tcpProxy: async ({ quire }, use) => {
    const proxy = await TcpProxy.start(() => quire.port);
    try {
      await use(proxy);
    } finally {
      await proxy.close();
    }
  },

  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this destructuring.
  docId: async ({}, use) => {
    await use(`e2e-${createDocId()}`);
  },

  newUser: async ({ browser, quire }, use, testInfo) => {
    const contexts: { name: string; context: BrowserContext; log: string[] }[] = [];
    await use(async (name) => {
      const context = await browser.newContext();
      const log: string[] = [];
      contexts.push({ name, context, log });
      const page = await context.newPage();
      page.on('console', (message) => log.push(`[${message.type()}] ${message.text()}`));
      page.on('pageerror', (error) => log.push(`[pageerror] ${error.stack ?? error.message}`));
      const editor = new EditorPage(page);
      return {
        name,
        context,
        page,
        editor,
        open: async (docId, baseUrl = quire.url) => {
          await editor.open(baseUrl, docId);
          await editor.setUserName(name);
        },
      };
    });
    for (const { name, context, log } of contexts) {
      if (testInfo.status !== testInfo.expectedStatus && log.length > 0) {
        await testInfo.attach(`console-${name}.txt`, { body: log.join('\n'), contentType: 'text/plain' });
      }
      // A context the test already closed closes again without complaint.
      await context.close();
    }
  },
});
