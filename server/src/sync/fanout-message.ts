import { ProtocolError } from '../../../shared/protocol/protocol-error.js';
import { FrameReader, FrameWriter } from '../../../shared/protocol/varint.js';

/** What a message between instances says. Values are on the wire: never renumber. */
export const FANOUT_KIND = {
  /** A durable Yjs update (payload). */
  update: 0,
  /** An awareness update of the sender's own peers (payload). */
  awareness: 1,
  /** "I just opened this document: send me your peers' presence." */
  query: 2,
  /** "I was disconnected: catch up from storage, and send me your peers' presence." */
  resync: 3,
  /** Close the document's peers (payload: varUint close code, varString reason), e.g. it was deleted. */
  evict: 4,
  /** Instance heartbeat (instances topic). */
  alive: 5,
  /** The instance is shutting down (instances topic). */
  bye: 6,
} as const;

export type FanoutKind = (typeof FANOUT_KIND)[keyof typeof FANOUT_KIND];

export interface FanoutMessage {
  kind: FanoutKind;
  /** Instance id of the sender, so an instance can ignore its own messages. */
  from: string;
  payload: Uint8Array;
}

const KINDS = new Set<number>(Object.values(FANOUT_KIND));
const EMPTY = new Uint8Array(0);

/** `varUint kind · varString from · varBytes payload` (lib0 encoding, like the y-websocket frames). */
export function encodeFanoutMessage(kind: FanoutKind, from: string, payload: Uint8Array = EMPTY): Uint8Array {
  return new FrameWriter(payload.length + from.length + 16)
    .writeVarUint(kind)
    .writeVarString(from)
    .writeVarBytes(payload)
    .finish();
}

/** Decodes one message; throws `ProtocolError` on anything malformed. The payload is a view (no copy). */
export function decodeFanoutMessage(bytes: Uint8Array): FanoutMessage {
  const reader = new FrameReader(bytes);
  const kind = reader.readVarUint();
  if (!KINDS.has(kind)) throw new ProtocolError(`unknown fan-out message kind ${kind}`);
  const from = reader.readVarString();
  const payload = reader.readVarBytes();
  reader.expectEnd();
  return { kind: kind as FanoutKind, from, payload };
}

export const encodeEvictPayload = (code: number, reason: string): Uint8Array =>
  new FrameWriter().writeVarUint(code).writeVarString(reason).finish();

export function decodeEvictPayload(payload: Uint8Array): { code: number; reason: string } {
  const reader = new FrameReader(payload);
  const code = reader.readVarUint();
  const reason = reader.readVarString();
  reader.expectEnd();
  return { code, reason };
}
