import * as encoding from 'lib0/encoding';
import { decodeMessage } from '../../shared/protocol/decode.js';
import { encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from '../../shared/protocol/encode.js';
import { FrameReader } from '../../shared/protocol/varint.js';

/**
 * How a target frames the y-websocket messages. `yws` is the standard protocol (Quire, the reference
 * server); `hocuspocus` prefixes every message with the document name and needs an auth message first;
 * `relay` forwards whatever clients send (we send standard frames) and never answers.
 */
export type WireProtocol = 'yws' | 'hocuspocus' | 'relay';

/** What the load client cares about in a frame from the server. */
export type Incoming =
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'sync-step1' }
  | { kind: 'sync-step2'; update: Uint8Array }
  /** Quire's durable ack: the first `count` updates this connection sent are stored. */
  | { kind: 'ack'; count: number }
  /** Hocuspocus' SyncStatus: one more update from this connection was applied (in memory). */
  | { kind: 'applied' }
  | { kind: 'authenticated' }
  | { kind: 'refused'; reason: string }
  | { kind: 'other' };

/** An empty Yjs update: what a client with no changes answers to the server's SyncStep1. */
const EMPTY_UPDATE = new Uint8Array([0, 0]);
/** The state vector of an empty document. */
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/** Hocuspocus message types (`@hocuspocus/server` MessageType). */
const HP = { sync: 0, awareness: 1, auth: 2, syncReply: 4, syncStatus: 8 } as const;
/** Hocuspocus auth sub-types (`@hocuspocus/common` AuthMessageType). */
const HP_AUTH = { token: 0, permissionDenied: 1, authenticated: 2 } as const;

/** Frames one protocol's messages for one document. */
export interface Framer {
  /** Sent right after the socket opens (auth, or the client's SyncStep1); empty for the relay. */
  opening(): Uint8Array[];
  /** A live update. */
  update(update: Uint8Array): Uint8Array;
  /** The client's SyncStep1 (for hocuspocus, sent after it is authenticated). */
  syncStep1(): Uint8Array;
  /** The answer to the server's SyncStep1 from a client with nothing to add. */
  emptySyncStep2(): Uint8Array;
  decode(frame: Uint8Array): Incoming;
}

export function createFramer(protocol: WireProtocol, docId: string): Framer {
  if (protocol === 'hocuspocus') return hocuspocusFramer(docId);
  const yws: Framer = {
    opening: () => (protocol === 'relay' ? [] : [encodeSyncStep1(EMPTY_STATE_VECTOR)]),
    update: encodeSyncUpdate,
    syncStep1: () => encodeSyncStep1(EMPTY_STATE_VECTOR),
    emptySyncStep2: () => encodeSyncStep2(EMPTY_UPDATE),
    decode: decodeYws,
  };
  return yws;
}

function decodeYws(frame: Uint8Array): Incoming {
  const message = decodeMessage(frame);
  switch (message.kind) {
    case 'sync-update':
      return { kind: 'update', update: message.update };
    case 'sync-step1':
      return { kind: 'sync-step1' };
    case 'sync-step2':
      return { kind: 'sync-step2', update: message.update };
    case 'ack':
      return { kind: 'ack', count: message.count };
    case 'permission-denied':
      return { kind: 'refused', reason: message.reason };
    default:
      return { kind: 'other' };
  }
}

function hocuspocusFramer(docId: string): Framer {
  const frame = (...parts: (number | Uint8Array | string)[]): Uint8Array => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, docId);
    for (const part of parts) {
      if (typeof part === 'number') encoding.writeVarUint(encoder, part);
      else if (typeof part === 'string') encoding.writeVarString(encoder, part);
      else encoding.writeVarUint8Array(encoder, part);
    }
    return encoding.toUint8Array(encoder);
  };
  return {
    opening: () => [frame(HP.auth, HP_AUTH.token, '')],
    update: (update) => frame(HP.sync, 2, update),
    syncStep1: () => frame(HP.sync, 0, EMPTY_STATE_VECTOR),
    emptySyncStep2: () => frame(HP.sync, 1, EMPTY_UPDATE),
    decode(bytes) {
      const reader = new FrameReader(bytes);
      reader.readVarString();
      const type = reader.readVarUint();
      switch (type) {
        case HP.sync:
        case HP.syncReply: {
          const syncType = reader.readVarUint();
          if (syncType === 0) return { kind: 'sync-step1' };
          const update = reader.readVarBytes();
          return syncType === 1 ? { kind: 'sync-step2', update } : { kind: 'update', update };
        }
        case HP.auth: {
          const authType = reader.readVarUint();
          if (authType === HP_AUTH.authenticated) return { kind: 'authenticated' };
          if (authType === HP_AUTH.permissionDenied) return { kind: 'refused', reason: reader.readVarString() };
          return { kind: 'other' };
        }
        case HP.syncStatus:
          return { kind: 'applied' };
        default:
          return { kind: 'other' };
      }
    },
  };
}
