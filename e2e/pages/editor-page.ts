import { expect, type Locator, type Page } from '@playwright/test';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';
export type SaveState = 'saved' | 'saving' | 'offline';

/** Toolbar buttons the client provides (`[data-testid=toolbar-<name>]`). */
export type ToolbarButton =
  | 'bold'
  | 'italic'
  | 'underline'
  | 'strike'
  | 'code'
  | 'heading-1'
  | 'heading-2'
  | 'heading-3'
  | 'bullet-list'
  | 'ordered-list'
  | 'task-list'
  | 'blockquote'
  | 'code-block'
  | 'link'
  | 'horizontal-rule'
  | 'undo'
  | 'redo';

/**
 * One `<quire-editor>` on a page (the app's `/d/<id>` or an embedding page), seen the way a user
 * sees it. Selectors are the client's stable `data-testid` hooks; Playwright's CSS pierces open
 * shadow roots, so this works whether the element renders into a shadow root or the light DOM.
 */
export class EditorPage {
  readonly root: Locator;
  readonly content: Locator;
  readonly connection: Locator;
  readonly save: Locator;
  readonly presence: Locator;
  readonly presenceItems: Locator;
  readonly caretLabels: Locator;
  /** Page-level hooks of the app (not present on an embedding page). */
  readonly title: Locator;
  readonly userName: Locator;
  readonly shareButton: Locator;
  readonly errorPage: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('quire-editor');
    this.content = this.root.locator('[data-testid=editor-content]');
    this.connection = this.root.locator('[data-testid=connection-status]');
    this.save = this.root.locator('[data-testid=save-status]');
    this.presence = this.root.locator('[data-testid=presence-list]');
    this.presenceItems = this.presence.locator('[data-testid=presence-item]');
    this.caretLabels = this.root.locator('.collaboration-carets__label');
    this.title = page.getByTestId('doc-title');
    this.userName = page.getByTestId('user-name');
    this.shareButton = page.getByTestId('share-button');
    this.errorPage = page.getByTestId('error-page');
  }

  /** Opens `<baseUrl>/d/<docId>` and waits until the editor is there and connected. */
  async open(baseUrl: string, docId: string): Promise<void> {
    await this.page.goto(`${baseUrl}/d/${docId}`);
    await this.waitUntilReady();
  }

  /** Waits for the editor to render and reach the server (and the first sync to finish). */
  async waitUntilReady(): Promise<void> {
    await expect(this.content).toBeVisible();
    await this.expectConnection('connected');
  }

  toolbar(name: ToolbarButton): Locator {
    return this.root.locator(`[data-testid=toolbar-${name}]`);
  }

  /** The `data-testid` of the focused element, looking through open shadow roots (null when none). */
  async focusedTestId(): Promise<string | null> {
    return this.page.evaluate(() => {
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.getAttribute('data-testid') ?? null;
    });
  }

  /**
   * Moves keyboard focus from the text to toolbar button `name` without a mouse: Shift+Tab into the
   * toolbar, then arrow keys (a roving tabindex) or Tab (plain tab stops), whichever the toolbar answers to.
   */
  async focusToolbarButton(name: ToolbarButton, maxPresses = 40): Promise<void> {
    const target = `toolbar-${name}`;
    let presses = 0;
    const press = async (key: string) => {
      if (++presses > maxPresses) throw new Error(`${target} not reached by keyboard within ${maxPresses} key presses`);
      await this.page.keyboard.press(key);
      return this.focusedTestId();
    };
    let focused = await this.focusedTestId();
    while (!focused?.startsWith('toolbar-')) focused = await press('Shift+Tab');
    if (focused === target) return;
    // Try arrows first; if they do not move focus, the buttons are plain tab stops.
    let key = 'ArrowRight';
    const seen = new Set<string>([focused]);
    while (focused !== target) {
      const next = await press(key);
      if (next === focused || !next?.startsWith('toolbar-') || seen.has(next)) {
        if (key === 'ArrowRight') {
          key = 'ArrowLeft';
        } else if (key === 'ArrowLeft') {
          key = 'Tab';
        }
        seen.clear();
      }
      if (next) seen.add(next);
      focused = next;
    }
  }

  /** Sets the local user's name through the app's name field (kept in localStorage by the client). */
  async setUserName(name: string): Promise<void> {
    await this.userName.fill(name);
    await this.userName.press('Enter');
    await expect(this.userName).toHaveValue(name);
  }

  /** Puts the caret at the very end of the document (keyboard only, as a user would). */
  async focusEnd(): Promise<void> {
    await this.content.focus();
    await this.page.keyboard.press('ControlOrMeta+End');
  }

  /** Types at the end of the document; `newParagraph` presses Enter first. */
  async typeAtEnd(text: string, options: { newParagraph?: boolean; delay?: number } = {}): Promise<void> {
    await this.focusEnd();
    if (options.newParagraph) await this.page.keyboard.press('Enter');
    await this.page.keyboard.type(text, { delay: options.delay ?? 0 });
  }

  /** Puts the caret at the end of the paragraph whose text contains `needle`, then types. */
  async typeInParagraph(needle: string, text: string): Promise<void> {
    const paragraph = this.content.locator('p', { hasText: needle }).first();
    await paragraph.click();
    await this.page.keyboard.press('End');
    await this.page.keyboard.type(text);
  }

  /** Text of each top-level block, in order, as rendered. */
  async blocks(): Promise<string[]> {
    return this.content.evaluate((element) => [...element.children].map((child) => child.textContent ?? ''));
  }

  /** The whole document's text as rendered (blocks joined with newlines). */
  async text(): Promise<string> {
    return (await this.blocks()).join('\n');
  }

  async expectConnection(state: ConnectionState, timeout?: number): Promise<void> {
    await expect(this.connection).toHaveAttribute('data-state', state, { timeout });
  }

  async expectSaved(timeout?: number): Promise<void> {
    await expect(this.save).toHaveAttribute('data-state', 'saved', { timeout });
  }

  /** Names in the presence list, sorted. */
  async presenceNames(): Promise<string[]> {
    const names = await this.presenceItems.evaluateAll((items) => items.map((item) => item.getAttribute('data-name')));
    return names.filter((name): name is string => name !== null).sort();
  }

  presenceItem(name: string): Locator {
    return this.presence.locator(`[data-testid=presence-item][data-name="${name.replace(/"/g, '\\"')}"]`);
  }

  /** Remote carets labelled with `name`. */
  caretLabel(name: string): Locator {
    return this.caretLabels.filter({ hasText: name });
  }
}
