import { AUTH_TYPE, MESSAGE_TYPE, SYNC_TYPE } from './message-type.js';
import { FrameWriter } from './varint.js';

const syncFrame = (syncType: number, payload: Uint8Array): Uint8Array =>
  new FrameWriter(payload.length + 8)
    .writeVarUint(MESSAGE_TYPE.sync)
    .writeVarUint(syncType)
    .writeVarBytes(payload)
    .finish();

/** SyncStep1: "here is my state vector, send me what I miss". */
export const encodeSyncStep1 = (stateVector: Uint8Array): Uint8Array => syncFrame(SYNC_TYPE.step1, stateVector);

/** SyncStep2: the answer to SyncStep1, a Yjs update with everything the asker misses. */
export const encodeSyncStep2 = (update: Uint8Array): Uint8Array => syncFrame(SYNC_TYPE.step2, update);

/** A live Yjs update. */
export const encodeSyncUpdate = (update: Uint8Array): Uint8Array => syncFrame(SYNC_TYPE.update, update);

/** An awareness update (y-protocols/awareness encoding). */
export const encodeAwareness = (awarenessUpdate: Uint8Array): Uint8Array =>
  new FrameWriter(awarenessUpdate.length + 8)
    .writeVarUint(MESSAGE_TYPE.awareness)
    .writeVarBytes(awarenessUpdate)
    .finish();

/** Asks the other side to send all awareness states it knows. */
export const encodeQueryAwareness = (): Uint8Array =>
  new FrameWriter(1).writeVarUint(MESSAGE_TYPE.queryAwareness).finish();

/** y-protocols/auth permission-denied: the stock client logs the reason and keeps the connection. */
export const encodePermissionDenied = (reason: string): Uint8Array =>
  new FrameWriter()
    .writeVarUint(MESSAGE_TYPE.auth)
    .writeVarUint(AUTH_TYPE.permissionDenied)
    .writeVarString(reason)
    .finish();

/** Quire's durable acknowledgement: the first `count` updates this peer sent are on disk. */
export const encodeAck = (count: number): Uint8Array =>
  new FrameWriter(10).writeVarUint(MESSAGE_TYPE.ack).writeVarUint(count).finish();

/** Encodes awareness entries (the payload of an awareness message), e.g. after filtering some out. */
export function encodeAwarenessEntries(
  entries: readonly { clientId: number; clock: number; state: string }[],
): Uint8Array {
  const writer = new FrameWriter().writeVarUint(entries.length);
  for (const entry of entries)
    writer.writeVarUint(entry.clientId).writeVarUint(entry.clock).writeVarString(entry.state);
  return writer.finish();
}
