// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createTestEditor } from '../testing/test-editor.js';
import type { QuireLinkEditor } from './quire-link-editor.js';
import { QuireToolbar } from './quire-toolbar.js';
import { TOOLBAR_ITEMS } from './toolbar-commands.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function toolbarWith(content: string) {
  const { editor, destroy } = createTestEditor(content);
  const toolbar = new QuireToolbar();
  toolbar.editor = editor;
  document.body.append(toolbar);
  cleanups.push(() => {
    toolbar.remove();
    destroy();
  });
  await toolbar.updateComplete;
  return { editor, toolbar };
}

const button = (toolbar: QuireToolbar, name: string) =>
  toolbar.renderRoot.querySelector<HTMLButtonElement>(`[data-testid=toolbar-${name}]`);

async function linkEditorOf(toolbar: QuireToolbar): Promise<QuireLinkEditor> {
  await toolbar.updateComplete;
  const linkEditor = toolbar.renderRoot.querySelector<QuireLinkEditor>('quire-link-editor');
  if (!linkEditor) throw new Error('the link editor is not open');
  await linkEditor.updateComplete;
  return linkEditor;
}

/** Types into the link editor and presses Apply, as a person would. */
async function applyInLinkEditor(toolbar: QuireToolbar, text: string): Promise<void> {
  const linkEditor = await linkEditorOf(toolbar);
  const input = linkEditor.renderRoot.querySelector<HTMLInputElement>('[data-testid=link-input]');
  if (!input) throw new Error('no address field');
  input.value = text;
  linkEditor.renderRoot.querySelector<HTMLButtonElement>('[data-testid=link-apply]')?.click();
  await toolbar.updateComplete;
}

describe('<quire-toolbar>', () => {
  it('renders one button per command with one tab stop, and presses toggles for the selection', async () => {
    const { editor, toolbar } = await toolbarWith('<p>some <strong>bold</strong> text</p>');
    const buttons = toolbar.renderRoot.querySelectorAll('button');
    expect(buttons).toHaveLength(TOOLBAR_ITEMS.length);
    expect([...buttons].filter((b) => b.tabIndex === 0)).toHaveLength(1);
    expect(button(toolbar, 'bold')?.getAttribute('aria-pressed')).toBe('false');
    editor.commands.setTextSelection(8);
    // The toolbar follows the editor once per frame.
    await expect.poll(() => button(toolbar, 'bold')?.getAttribute('aria-pressed')).toBe('true');
    button(toolbar, 'italic')?.click();
    expect(editor.isActive('italic')).toBe(true);
  });

  it('moves its single tab stop with the arrow keys, wrapping at the ends', async () => {
    const { toolbar } = await toolbarWith('<p>x</p>');
    const bar = toolbar.renderRoot.querySelector<HTMLElement>('[role=toolbar]');
    bar?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    await toolbar.updateComplete;
    expect(button(toolbar, TOOLBAR_ITEMS.at(-1)?.name ?? '')?.tabIndex).toBe(0);
    bar?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await toolbar.updateComplete;
    expect(button(toolbar, 'undo')?.tabIndex).toBe(0);
  });

  it('links the selection through the link editor, opened by Mod+K, and removes the link again', async () => {
    const { editor, toolbar } = await toolbarWith('<p>read the docs</p>');
    editor.commands.setTextSelection({ from: 10, to: 14 });
    editor.view.dom.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true }));
    await applyInLinkEditor(toolbar, 'quire.example/docs');
    expect(editor.getHTML()).toContain(
      '<a target="_blank" rel="noopener noreferrer nofollow" href="https://quire.example/docs">docs</a>',
    );
    expect(toolbar.renderRoot.querySelector('quire-link-editor')).toBeNull();

    // On a link, the editor shows its address and offers to remove it.
    editor.commands.setTextSelection(12);
    button(toolbar, 'link')?.click();
    const linkEditor = await linkEditorOf(toolbar);
    const input = linkEditor.renderRoot.querySelector<HTMLInputElement>('[data-testid=link-input]');
    expect(input?.value).toBe('https://quire.example/docs');
    linkEditor.renderRoot.querySelector<HTMLButtonElement>('[data-testid=link-remove]')?.click();
    await toolbar.updateComplete;
    expect(editor.getHTML()).toBe('<p>read the docs</p>');
  });

  it('inserts the address as linked text when nothing is selected, and closes on Escape', async () => {
    const { editor, toolbar } = await toolbarWith('<p>see </p>');
    editor.commands.setTextSelection(5);
    button(toolbar, 'link')?.click();
    await applyInLinkEditor(toolbar, 'mailto:team@quire.example');
    expect(editor.getHTML()).toContain('href="mailto:team@quire.example">mailto:team@quire.example</a>');

    button(toolbar, 'link')?.click();
    const linkEditor = await linkEditorOf(toolbar);
    linkEditor.renderRoot
      .querySelector('form')
      ?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await toolbar.updateComplete;
    expect(toolbar.renderRoot.querySelector('quire-link-editor')).toBeNull();
    expect(button(toolbar, 'link')?.getAttribute('aria-expanded')).toBe('false');
  });

  it('refuses a script link with the reason, and never offers to open a stored one', async () => {
    const { editor, toolbar } = await toolbarWith('<p>read the docs</p>');
    editor.commands.setTextSelection({ from: 10, to: 14 });
    button(toolbar, 'link')?.click();
    await applyInLinkEditor(toolbar, 'javascript:alert(1)');
    const linkEditor = await linkEditorOf(toolbar);
    const problem = () => linkEditor.renderRoot.querySelector('[data-testid=link-problem]')?.textContent ?? '';
    expect(problem()).toContain('Only web (http, https) and email (mailto) links');
    expect(editor.getHTML()).toBe('<p>read the docs</p>');

    // Any Yjs client can store such a link: the editor shows it to fix or remove, without an Open link.
    editor.commands.setContent({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:x' } }] }],
        },
      ],
    });
    editor.commands.setTextSelection(1);
    toolbar.requestUpdate();
    await toolbar.updateComplete;
    await linkEditor.updateComplete;
    expect(linkEditor.href).toBe('javascript:x');
    expect(linkEditor.renderRoot.querySelector('[data-testid=link-open]')).toBeNull();
    expect(linkEditor.renderRoot.querySelector('[data-testid=link-remove]')).not.toBeNull();
    expect(problem()).toContain('Only web');
  });

  it('offers nothing to press on a read-only editor', async () => {
    const { editor, toolbar } = await toolbarWith('<p>fixed</p>');
    editor.setEditable(false);
    toolbar.requestUpdate();
    await toolbar.updateComplete;
    expect(button(toolbar, 'bold')?.getAttribute('aria-disabled')).toBe('true');
    button(toolbar, 'link')?.click();
    await toolbar.updateComplete;
    expect(toolbar.renderRoot.querySelector('quire-link-editor')).toBeNull();
  });
});
