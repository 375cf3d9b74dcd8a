/**
 * A headless peer: joins a document with the stock y-websocket client and types into it.
 *
 *   node --import tsx examples/headless-peer.ts [docId] [serverUrl]
 *
 * Open http://127.0.0.1:1234/d/<docId> in a browser to watch it type.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { collabServerUrl } from '../shared/routes.js';

const docId = process.argv[2] ?? 'headless-demo';
const server = process.argv[3] ?? 'http://127.0.0.1:1234';
const doc = new Y.Doc();
const provider = new WebsocketProvider(collabServerUrl(server), docId, doc, {
  WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
});
provider.awareness.setLocalStateField('user', { name: 'Headless peer', color: '#0ea5e9' });

const line = 'The quick brown fox jumps over the lazy dog. ';
provider.once('sync', () => {
  console.log(`joined ${docId} on ${server}; typing (Ctrl+C to stop)`);
  // Tiptap's editor reads the 'content' XML fragment: type into a paragraph of it.
  const fragment = doc.getXmlFragment('content');
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  fragment.insert(fragment.length, [paragraph]);
  let i = 0;
  const timer = setInterval(() => text.insert(text.length, line[i++ % line.length] as string), 120);
  process.on('SIGINT', () => {
    clearInterval(timer);
    provider.destroy();
    process.exit(0);
  });
});
