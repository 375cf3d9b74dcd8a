// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { titleText } from '../../shared/doc-fields.js';
import { RecentDocs } from '../src/app/recent-docs.js';
import { TitleController } from '../src/app/title-controller.js';
import { memoryStorage } from '../src/testing/memory-storage.js';
import { ControllerHost } from './controller-host.js';

function titlePage() {
  const state: { docId: string | null } = { docId: 'doc-a' };
  const input = document.createElement('input');
  document.body.append(input);
  const recentDocs = new RecentDocs(memoryStorage());
  const host = new ControllerHost();
  const title = new TitleController(host, {
    docId: () => state.docId,
    viewId: () => null,
    input: () => input,
    recentDocs,
  });
  host.connect();
  const type = (value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const open = (docId: string) => {
    state.docId = docId;
    host.update();
  };
  return { host, title, input, recentDocs, type, open };
}

describe('document title', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    document.body.replaceChildren();
  });

  it('fills the field from the shared title, edits it, and names the tab and the recent list after it', () => {
    const { title, input, recentDocs, type } = titlePage();
    expect(recentDocs.list().map((doc) => doc.id)).toEqual(['doc-a']);
    const doc = new Y.Doc();
    titleText(doc).insert(0, 'Plan');
    title.bind(doc);
    expect(input.value).toBe('Plan');
    expect(document.title).toBe('Plan · Quire');

    type('Plan B');
    expect(titleText(doc).toString()).toBe('Plan B');
    expect(recentDocs.list()[0]?.title).toBe('');
    vi.advanceTimersByTime(400);
    expect(recentDocs.list()[0]?.title).toBe('Plan B');
  });

  it('gives a pending rename to its own document when the page moves to another', () => {
    const { title, recentDocs, type, open } = titlePage();
    title.bind(new Y.Doc());
    type('Notes of A');
    open('doc-b');
    expect(document.title).toBe('Untitled · Quire');
    vi.advanceTimersByTime(1000);
    const titles = Object.fromEntries(recentDocs.list().map((doc) => [doc.id, doc.title]));
    expect(titles).toEqual({ 'doc-a': 'Notes of A', 'doc-b': '' });
  });

  it('leaves the remembered title alone when the page leaves before the document opened', () => {
    const { host, recentDocs } = titlePage();
    recentDocs.rename('doc-a', 'Known title');
    host.disconnect();
    expect(recentDocs.list()[0]?.title).toBe('Known title');
  });
});
