import { expect, type Locator, type Page } from '@playwright/test';

/** The document page's History button and panel (`<quire-history-panel>`), and its Export menu. */
export class HistoryPanel {
  readonly button: Locator;
  readonly panel: Locator;
  readonly items: Locator;
  readonly nameField: Locator;
  readonly saveButton: Locator;
  readonly preview: Locator;
  readonly restoreButton: Locator;
  readonly notice: Locator;
  readonly exportMenu: Locator;

  constructor(readonly page: Page) {
    this.button = page.getByTestId('history-button');
    this.panel = page.getByTestId('history-panel');
    this.items = this.panel.getByTestId('version-item');
    this.nameField = this.panel.getByTestId('version-name');
    this.saveButton = this.panel.getByTestId('save-version');
    this.preview = this.panel.getByTestId('version-preview');
    this.restoreButton = this.panel.getByTestId('restore-version');
    this.notice = this.panel.getByTestId('history-notice');
    this.exportMenu = page.getByTestId('export-menu');
  }

  async open(): Promise<void> {
    if (!(await this.panel.isVisible())) await this.button.click();
    await expect(this.panel).toBeVisible();
  }

  /** Saves the current text under `name` and waits until it is listed. */
  async saveVersion(name: string): Promise<void> {
    await this.nameField.fill(name);
    await this.saveButton.click();
    await expect(this.item(name)).toBeVisible();
  }

  item(label: string): Locator {
    return this.items.filter({ hasText: label });
  }

  /** Shows a version read-only, with its differences from the current text. */
  async select(label: string): Promise<void> {
    await this.item(label).click();
    await expect(this.preview).toBeVisible();
  }

  /** Text marked as only in the shown version (`added`) or only in the current text (`removed`). */
  highlighted(kind: 'added' | 'removed'): Locator {
    return this.preview.locator(`[data-diff=${kind}], [data-diff=changed] ${kind === 'added' ? 'ins' : 'del'}`);
  }

  /** Downloads the document in `format` through the Export menu; returns the file's name and text. */
  async download(format: 'markdown' | 'html'): Promise<{ name: string; text: string }> {
    await this.exportMenu.click();
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId(`export-${format}`).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }
}
