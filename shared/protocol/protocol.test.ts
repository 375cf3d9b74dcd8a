import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { decodeAwarenessUpdate, decodeMessage } from './decode.js';
import {
  encodeAck,
  encodeAwareness,
  encodeAwarenessEntries,
  encodePermissionDenied,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
} from './encode.js';
import { ProtocolError } from './protocol-error.js';

const docWithText = (text: string) => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
};

describe('y-websocket frames', () => {
  it('encodes sync frames byte for byte like y-protocols', () => {
    const doc = docWithText('hello');
    const reference = encoding.createEncoder();
    encoding.writeVarUint(reference, 0);
    syncProtocol.writeSyncStep1(reference, doc);
    expect(encodeSyncStep1(Y.encodeStateVector(doc))).toEqual(encoding.toUint8Array(reference));

    const update = Y.encodeStateAsUpdate(doc);
    const refUpdate = encoding.createEncoder();
    encoding.writeVarUint(refUpdate, 0);
    syncProtocol.writeUpdate(refUpdate, update);
    expect(encodeSyncUpdate(update)).toEqual(encoding.toUint8Array(refUpdate));
  });

  it('decodes what y-protocols encodes', () => {
    const doc = docWithText('hi');
    const update = Y.encodeStateAsUpdate(doc);
    expect(decodeMessage(encodeSyncStep2(update))).toEqual({ kind: 'sync-step2', update });
    expect(decodeMessage(encodeSyncUpdate(update))).toEqual({ kind: 'sync-update', update });
    const sv = Y.encodeStateVector(doc);
    expect(decodeMessage(encodeSyncStep1(sv))).toEqual({ kind: 'sync-step1', stateVector: sv });
    expect(decodeMessage(encodeQueryAwareness())).toEqual({ kind: 'query-awareness' });
    expect(decodeMessage(encodePermissionDenied('no'))).toEqual({ kind: 'permission-denied', reason: 'no' });
    expect(decodeMessage(encodeAck(300))).toEqual({ kind: 'ack', count: 300 });
  });

  it('round-trips awareness updates through the y-protocols encoding', () => {
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: 'Zoë ✓' } });
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    const entries = decodeAwarenessUpdate(update);
    expect(entries).toEqual([{ clientId: doc.clientID, clock: 1, state: '{"user":{"name":"Zoë ✓"}}' }]);
    expect(encodeAwarenessEntries(entries)).toEqual(update);
    const frame = decodeMessage(encodeAwareness(update));
    expect(frame).toEqual({ kind: 'awareness', update });
    awareness.destroy();
  });

  it('writes varUints that lib0 reads, up to 2^53', () => {
    for (const n of [0, 1, 127, 128, 300, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER]) {
      const frame = encodeAck(n);
      const decoder = decoding.createDecoder(frame);
      expect(decoding.readVarUint(decoder)).toBe(100);
      expect(decoding.readVarUint(decoder)).toBe(n);
    }
  });

  it.each([
    ['an empty frame', new Uint8Array([])],
    ['an unknown message type', new Uint8Array([9])],
    ['an unknown sync type', new Uint8Array([0, 7, 0])],
    ['a truncated length', new Uint8Array([0, 2, 0x80])],
    ['a length past the end', new Uint8Array([0, 2, 10, 1, 2])],
    ['trailing bytes', new Uint8Array([3, 0])],
    ['an overlong number', new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])],
    ['invalid UTF-8 in a reason', new Uint8Array([2, 0, 2, 0xc3, 0x28])],
  ])('refuses %s with a ProtocolError', (_name, frame) => {
    expect(() => decodeMessage(frame)).toThrow(ProtocolError);
  });

  it('refuses truncated awareness payloads', () => {
    expect(() => decodeAwarenessUpdate(new Uint8Array([2, 1, 1, 2, 0x7b, 0x7d]))).toThrow(ProtocolError);
  });
});
