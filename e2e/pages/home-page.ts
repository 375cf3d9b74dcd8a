import { expect, type Locator, type Page } from '@playwright/test';

/** The app's start page `/`: a "New document" button and the list of recent documents. */
export class HomePage {
  readonly newDocument: Locator;
  readonly recentDocs: Locator;

  constructor(readonly page: Page) {
    this.newDocument = page.getByTestId('new-document');
    this.recentDocs = page.getByTestId('recent-docs');
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/`);
    await expect(this.newDocument).toBeVisible();
  }

  /** Clicks "New document" and returns the id of the document it opened (from `/d/<id>`). */
  async createDocument(): Promise<string> {
    await this.newDocument.click();
    await this.page.waitForURL(/\/d\/[A-Za-z0-9_-]+$/);
    const match = /\/d\/([A-Za-z0-9_-]+)$/.exec(new URL(this.page.url()).pathname);
    if (!match?.[1]) throw new Error(`not a document URL: ${this.page.url()}`);
    return match[1];
  }
}
