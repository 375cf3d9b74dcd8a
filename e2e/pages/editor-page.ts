import { expect, type Locator, type Page } from '@playwright/test';

/** The part of Tiptap's (ProseMirror's) editor state the page object reads. */
interface QuireEditorState {
  selection: {
    from: number;
    to: number;
    empty: boolean;
    $from: { parentOffset: number; parent: { textContent: string; content: { size: number } } };
    constructor: { atStart(doc: unknown): { from: number }; atEnd(doc: unknown): { from: number } };
  };
  doc: { textBetween(from: number, to: number, blockSeparator?: string): string };
}

/** Where the caret is. */
export interface Caret {
  /** No range selected. */
  collapsed: boolean;
  atDocStart: boolean;
  atDocEnd: boolean;
  /** The selection spans the whole document. */
  coversAll: boolean;
  /** At the end of its paragraph (or other text block). */
  atBlockEnd: boolean;
  /** Text of the block the caret is in. */
  blockText: string;
}

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';
export type SaveState = 'saved' | 'saving' | 'offline';

/**
 * Every toolbar command the client provides, in the toolbar's order (`[data-testid=toolbar-<name>]` in
 * the row, `[data-testid=more-<name>]` in its More menu). Add a new command here, on a line of its own.
 */
export const TOOLBAR_COMMANDS = [
  'undo',
  'redo',
  'heading-1',
  'heading-2',
  'heading-3',
  'bold',
  'italic',
  'underline',
  'strike',
  'code',
  'link',
  'bullet-list',
  'ordered-list',
  'task-list',
  'blockquote',
  'code-block',
  'horizontal-rule',
] as const;

export type ToolbarButton = (typeof TOOLBAR_COMMANDS)[number];

/** Where each command is now: buttons shown in the toolbar's row, and items of its More menu. */
export interface ToolbarReach {
  inRow: string[];
  inMenu: string[];
}

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
    // "connected" shows when the socket opens; the content is complete only after the first sync.
    await expect
      .poll(() =>
        this.root.evaluate((element) => (element as HTMLElement & { state: { synced: boolean } | null }).state?.synced),
      )
      .toBe(true);
  }

  toolbar(name: ToolbarButton): Locator {
    return this.root.locator(`[data-testid=toolbar-${name}]`);
  }

  /** The toolbar's More button (there only when some commands do not fit in the row). */
  get moreButton(): Locator {
    return this.root.locator('[data-testid=toolbar-more]');
  }

  get moreMenu(): Locator {
    return this.root.locator('[data-testid=toolbar-more-menu]');
  }

  /** Runs a toolbar command as a person would: its button when the row shows it, else through More. */
  async runCommand(name: ToolbarButton): Promise<void> {
    if (await this.toolbar(name).isVisible()) {
      await this.toolbar(name).click();
      return;
    }
    if (!(await this.moreMenu.isVisible())) await this.moreButton.click();
    await this.moreMenu.locator(`[data-testid=more-${name}]`).click();
  }

  /**
   * Which commands the toolbar's row shows and which its More menu lists (opened for the look, then
   * closed with Escape). The row must not scroll: a button cut off by its edge does not count as shown.
   */
  async toolbarReach(): Promise<ToolbarReach> {
    const inRow = await this.root.locator('[role=toolbar]').evaluate((bar) => {
      const edge = bar.getBoundingClientRect();
      return [...bar.querySelectorAll('[data-testid^=toolbar-]')]
        .filter((button) => {
          const box = button.getBoundingClientRect();
          return box.width > 0 && box.left >= edge.left - 0.5 && box.right <= edge.right + 0.5;
        })
        .map((button) => button.getAttribute('data-testid')?.replace('toolbar-', '') ?? '');
    });
    const shown = inRow.filter((name) => name !== 'more');
    if (!inRow.includes('more')) return { inRow: shown, inMenu: [] };
    await this.moreButton.click();
    await expect(this.moreMenu).toBeVisible();
    const inMenu = await this.moreMenu
      .locator('[data-testid^=more-]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-testid')?.replace('more-', '') ?? ''));
    await this.page.keyboard.press('Escape');
    await expect(this.moreMenu).toHaveCount(0);
    return { inRow: shown, inMenu };
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
   * Moves keyboard focus from the text to toolbar button `name` without a mouse: Alt+F10 (the editor's
   * shortcut from text to toolbar), then the WAI-ARIA toolbar keys: Home to the first button,
   * ArrowRight to the target.
   */
  async focusToolbarButton(name: ToolbarButton, maxPresses = 30): Promise<void> {
    const target = `toolbar-${name}`;
    let presses = 0;
    const press = async (key: string): Promise<string | null> => {
      if (++presses > maxPresses) {
        throw new Error(
          `${target} not reached by keyboard in ${maxPresses} presses (at ${await this.focusedTestId()})`,
        );
      }
      await this.page.keyboard.press(key);
      return this.focusedTestId();
    };
    let focused = await press('Alt+F10');
    if (!focused?.startsWith('toolbar-')) throw new Error(`Alt+F10 did not move focus to the toolbar (on ${focused})`);
    focused = await press('Home');
    while (focused !== target) {
      if (!focused?.startsWith('toolbar-')) throw new Error(`arrow keys left the toolbar (focus on ${focused})`);
      focused = await press('ArrowRight');
    }
  }

  /** Waits until keyboard focus is in the text (toolbar buttons hand it back a frame after they ran). */
  async expectFocusInText(): Promise<void> {
    await expect.poll(() => this.focusedTestId(), { message: 'focus back in the text' }).toBe('editor-content');
  }

  /** Presses Tab (or Shift+Tab) until the focused element's test id matches, failing after `maxPresses`. */
  async tabUntil(matches: (testId: string) => boolean, key: 'Tab' | 'Shift+Tab' = 'Tab', maxPresses = 15) {
    for (let presses = 0; presses < maxPresses; presses++) {
      await this.page.keyboard.press(key);
      const focused = await this.focusedTestId();
      if (focused && matches(focused)) return focused;
    }
    throw new Error(`${key} did not reach the element within ${maxPresses} presses`);
  }

  /** Sets the local user's name through the app's name field (kept in localStorage by the client). */
  async setUserName(name: string): Promise<void> {
    await this.userName.fill(name);
    await expect(this.userName).toHaveValue(name);
  }

  /** Where the caret is, from Tiptap's state (the element's `.editor` hook). */
  async caret(): Promise<Caret> {
    return this.root.evaluate((element) => {
      const editor = (element as unknown as { editor: { state: QuireEditorState } | null }).editor;
      if (!editor) throw new Error('<quire-editor> has no .editor yet');
      const { selection, doc } = editor.state;
      const { $from } = selection;
      return {
        collapsed: selection.empty,
        atDocStart: selection.from === selection.constructor.atStart(doc).from,
        atDocEnd: selection.to === selection.constructor.atEnd(doc).from,
        coversAll:
          selection.from <= selection.constructor.atStart(doc).from &&
          selection.to >= selection.constructor.atEnd(doc).from,
        atBlockEnd: $from.parentOffset === $from.parent.content.size,
        blockText: $from.parent.textContent,
      };
    });
  }

  /**
   * Presses an idempotent navigation key until the caret satisfies `reached`. A key pressed while
   * ProseMirror redraws remote carets can be overwritten by the redraw (seen with fast keys on a
   * loaded machine); pressing Ctrl+End or End again is harmless, so the test checks and repeats.
   */
  async pressUntil(key: string, reached: (caret: Caret) => boolean, what = key): Promise<void> {
    await expect(async () => {
      await this.page.keyboard.press(key);
      expect(reached(await this.caret()), what).toBe(true);
    }).toPass({ timeout: 20_000 });
  }

  /** Puts the caret at the very end of the document (keyboard only, as a user would). */
  async focusEnd(): Promise<void> {
    await this.content.focus();
    await this.pressUntil('ControlOrMeta+End', (caret) => caret.collapsed && caret.atDocEnd, 'caret at the end');
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
    await expect(async () => {
      await paragraph.click();
      await this.page.keyboard.press('End');
      const caret = await this.caret();
      expect(caret.collapsed && caret.atBlockEnd && caret.blockText.includes(needle), `caret after "${needle}"`).toBe(
        true,
      );
    }).toPass({ timeout: 20_000 });
    await this.page.keyboard.type(text);
  }

  /** Text of each top-level block, in order, as rendered (remote carets and their name labels left out). */
  async blocks(): Promise<string[]> {
    return this.texts(':scope > *');
  }

  /** Text of every element matching `selector` inside the content, remote carets left out. */
  async texts(selector: string): Promise<string[]> {
    return this.content.evaluate(
      (element, selector) =>
        [...element.querySelectorAll(selector)].map((match) => {
          const copy = match.cloneNode(true) as Element;
          for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
          return copy.textContent ?? '';
        }),
      selector,
    );
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

  /** The text the editor's selection covers, from Tiptap's state (the element's `.editor` hook). */
  async selectedText(): Promise<string> {
    return this.root.evaluate((element) => {
      const editor = (element as unknown as { editor: { state: QuireEditorState } | null }).editor;
      if (!editor) throw new Error('<quire-editor> has no .editor yet');
      const { from, to } = editor.state.selection;
      return editor.state.doc.textBetween(from, to, '\n');
    });
  }

  /**
   * Extends the selection one character left per press, waiting each time until the editor has taken
   * it in (a key pressed while ProseMirror redraws its remote carets can otherwise be overwritten).
   */
  async selectLeft(characters: number): Promise<void> {
    const start = (await this.selectedText()).length;
    for (let i = 1; i <= characters; i++) {
      await this.page.keyboard.press('Shift+ArrowLeft');
      await expect.poll(async () => (await this.selectedText()).length).toBe(start + i);
    }
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
