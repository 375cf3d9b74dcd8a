import { AUTH_TYPE, MESSAGE_TYPE, SYNC_TYPE } from './message-type.js';
import { ProtocolError } from './protocol-error.js';
import { FrameReader } from './varint.js';

/** One y-websocket frame, decoded. Byte payloads are views into the frame (no copies). */
export type DecodedMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'sync-update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'permission-denied'; reason: string }
  | { kind: 'query-awareness' }
  | { kind: 'ack'; count: number };

/** Decodes one whole frame or throws ProtocolError; trailing bytes are an error too. */
export function decodeMessage(frame: Uint8Array): DecodedMessage {
  const reader = new FrameReader(frame);
  const message = readMessage(reader);
  reader.expectEnd();
  return message;
}

function readMessage(reader: FrameReader): DecodedMessage {
  const type = reader.readVarUint();
  switch (type) {
    case MESSAGE_TYPE.sync:
      return readSync(reader);
    case MESSAGE_TYPE.awareness:
      return { kind: 'awareness', update: reader.readVarBytes() };
    case MESSAGE_TYPE.auth: {
      const authType = reader.readVarUint();
      if (authType !== AUTH_TYPE.permissionDenied) throw new ProtocolError(`unknown auth message ${authType}`);
      return { kind: 'permission-denied', reason: reader.readVarString() };
    }
    case MESSAGE_TYPE.queryAwareness:
      return { kind: 'query-awareness' };
    case MESSAGE_TYPE.ack:
      return { kind: 'ack', count: reader.readVarUint() };
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}

function readSync(reader: FrameReader): DecodedMessage {
  const syncType = reader.readVarUint();
  switch (syncType) {
    case SYNC_TYPE.step1:
      return { kind: 'sync-step1', stateVector: reader.readVarBytes() };
    case SYNC_TYPE.step2:
      return { kind: 'sync-step2', update: reader.readVarBytes() };
    case SYNC_TYPE.update:
      return { kind: 'sync-update', update: reader.readVarBytes() };
    default:
      throw new ProtocolError(`unknown sync message ${syncType}`);
  }
}

/** One entry of an awareness update; `state` is the raw JSON text ("null" means the client left). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: string;
}

/** Decodes the payload of an awareness message (y-protocols/awareness encoding). */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const reader = new FrameReader(update);
  const count = reader.readVarUint();
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push({ clientId: reader.readVarUint(), clock: reader.readVarUint(), state: reader.readVarString() });
  }
  reader.expectEnd();
  return entries;
}
