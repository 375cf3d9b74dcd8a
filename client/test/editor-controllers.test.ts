// @vitest-environment happy-dom
import { html, LitElement } from 'lit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { onCleanup, uniqueDocId, waitFor } from '../../server/test/helpers.js';
import { titleText } from '../../shared/doc-fields.js';
import { SessionController, type SessionNotices } from '../src/components/session-controller.js';
import { TiptapController } from '../src/components/tiptap-controller.js';
import { httpStatus, type ServerProcess, startServerProcess } from './server-process.js';

type Notice = { [K in keyof SessionNotices]: { type: K; detail: SessionNotices[K] } }[keyof SessionNotices];

/**
 * The smallest editor element: the two controllers `<quire-editor>` uses, over a real session to a real
 * server (Node's `ws` as the WebSocket, no IndexedDB), in happy-dom.
 */
class TestEditor extends LitElement {
  static override properties = { doc: {}, userName: {}, readOnly: {} };
  declare doc: string | null;
  declare userName: string | null;
  declare readOnly: boolean;
  server = '';
  readonly notices: Notice[] = [];
  readonly ready: unknown[] = [];
  readonly sessions = new SessionController(this, {
    target: () => ({ doc: this.doc, view: null, server: this.server }),
    token: async () => '',
    user: () => ({ name: this.userName, color: '#2563eb' }),
    notify: (type, detail) => this.notices.push({ type, detail } as Notice),
    sessionOptions: {
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      persistence: false,
      crossTab: false,
      backoff: { baseMs: 40, maxMs: 160 },
    },
  });
  readonly tiptap = new TiptapController(this, this.sessions, {
    mount: () => this.renderRoot?.querySelector<HTMLElement>('.content') ?? null,
    readOnly: () => this.readOnly,
    placeholder: () => null,
    onReady: (editor) => this.ready.push(editor),
  });

  constructor() {
    super();
    this.doc = null;
    this.userName = 'Ada';
    this.readOnly = false;
  }

  protected override render() {
    return html`<div class="content"></div>`;
  }
}
customElements.define('test-editor', TestEditor);

async function mountEditor(server: string, doc: string | null): Promise<TestEditor> {
  const element = new TestEditor();
  element.server = server;
  element.doc = doc;
  document.body.append(element);
  onCleanup(() => element.remove());
  await element.updateComplete;
  return element;
}

const connected = (element: TestEditor) =>
  waitFor(() => element.sessions.state?.save === 'saved', 10_000, 'connected and saved');

describe('session and editor controllers', () => {
  // One server for the file (every case has documents of its own): a child process, see server-process.ts.
  let server: ServerProcess;
  let url = '';
  beforeAll(async () => {
    server = await startServerProcess();
    url = server.url;
  }, 90_000);
  afterAll(() => server?.stop());

  it('open the host’s document, mirror its state and announce it, and move to another document', async () => {
    const element = await mountEditor(url, uniqueDocId());
    await connected(element);
    const first = element.sessions.session;
    expect(element.notices.map((n) => n.type)).toEqual(expect.arrayContaining(['status', 'synced']));
    expect(element.notices.find((n) => n.type === 'status')?.detail).toEqual({ status: 'connecting', retryAt: null });
    await waitFor(() => element.tiptap.editor !== null, 5000, 'the editor');
    expect(element.ready).toEqual([element.tiptap.editor]);
    expect(element.sessions.presence.map((user) => user.name)).toEqual(['Ada']);

    const firstEditor = element.tiptap.editor;
    element.doc = uniqueDocId();
    await element.updateComplete;
    expect(firstEditor?.isDestroyed).toBe(true);
    expect(first?.doc.isDestroyed).toBe(true);
    await waitFor(() => element.ready.length === 2, 5000, 'the second editor');
    expect(element.sessions.session).not.toBe(first);
    await connected(element);
  });

  it('keep the session through a move in the page, and close it (editor first) when the host leaves', async () => {
    const element = await mountEditor(url, uniqueDocId());
    await waitFor(() => element.tiptap.editor !== null, 5000, 'the editor');
    const session = element.sessions.session;
    const editor = element.tiptap.editor;

    const other = document.createElement('section');
    document.body.append(other);
    other.append(element);
    await Promise.resolve();
    expect(element.sessions.session).toBe(session);
    expect(editor?.isDestroyed).toBe(false);

    let editorAliveWhenClosing: boolean | null = null;
    element.sessions.onClosing(() => {
      editorAliveWhenClosing = element.tiptap.editor !== null;
    });
    element.remove();
    await Promise.resolve();
    expect(element.sessions.session).toBeNull();
    expect(session?.doc.isDestroyed).toBe(true);
    expect(editor?.isDestroyed).toBe(true);
    // The editor controller listened first, so the editor was gone before later listeners and the session.
    expect(editorAliveWhenClosing).toBe(false);
  });

  it('open nothing for an invalid address and say why', async () => {
    const element = await mountEditor(url, 'not a valid id!');
    expect(element.sessions.session).toBeNull();
    expect(element.sessions.invalid).toBe('This is not a valid document address.');
    expect(element.notices).toEqual([
      { type: 'error', detail: { code: 4400, message: 'This is not a valid document address.' } },
    ]);
  });

  it('make the editor read-only on a refusal and for the host’s own rule, and editable again after a retry', async () => {
    const docId = uniqueDocId();
    const element = await mountEditor(url, docId);
    await waitFor(() => element.tiptap.editor !== null, 5000, 'the editor');
    await connected(element);
    expect(element.tiptap.editor?.isEditable).toBe(true);

    element.readOnly = true;
    await element.updateComplete;
    expect(element.tiptap.editor?.isEditable).toBe(false);
    element.readOnly = false;
    await element.updateComplete;
    expect(element.tiptap.editor?.isEditable).toBe(true);

    expect(await httpStatus(`${url}/api/docs/${docId}`, 'DELETE')).toBe(204);
    await waitFor(() => element.tiptap.editor?.isEditable === false, 5000, 'read-only after the refusal');
    expect(element.notices.filter((n) => n.type === 'error')).toEqual([
      { type: 'error', detail: { code: 4410, message: 'This document was deleted.' } },
    ]);
    element.sessions.session?.retryNow(true);
    await waitFor(() => element.tiptap.editor?.isEditable === true, 5000, 'editable after the retry');
  });

  it('publish a changed name to everyone in the document', async () => {
    const element = await mountEditor(url, uniqueDocId());
    await connected(element);
    element.userName = 'Grace';
    await element.updateComplete;
    const session = element.sessions.session;
    if (!session) throw new Error('no session');
    expect((session.awareness.getLocalState() as { user?: { name?: string } } | null)?.user?.name).toBe('Grace');
    await waitFor(() => element.sessions.presence[0]?.name === 'Grace', 5000, 'the new name in the presence list');
    // The session stayed: a new name is not a new document.
    expect(element.sessions.session).toBe(session);
    titleText(session.doc).insert(0, 'still here');
    await connected(element);
  });
});
