import { promisify } from 'node:util';
import { deflateRaw, inflateRaw } from 'node:zlib';

const deflate = promisify(deflateRaw);
const inflate = promisify(inflateRaw);

/** First byte of a stored version: how the rest is encoded, so the encoding can change later. */
const FORMAT = { deflatedUpdateV1: 1 } as const;

/** Inflated versions larger than this are refused (a corrupt or hostile row must not exhaust memory). */
const MAX_INFLATED_BYTES = 512 * 1024 * 1024;

/**
 * A document's full state (a Yjs v1 update) as stored in a version: deflated, since text compresses
 * well and versions accumulate. Compression runs on libuv's thread pool, off the event loop.
 */
export async function encodeVersionData(state: Uint8Array): Promise<Uint8Array> {
  const packed = await deflate(state);
  const data = new Uint8Array(packed.length + 1);
  data[0] = FORMAT.deflatedUpdateV1;
  data.set(packed, 1);
  return data;
}

/** The Yjs update a stored version holds. Throws on data it does not recognise. */
export async function decodeVersionData(data: Uint8Array): Promise<Uint8Array> {
  if (data[0] !== FORMAT.deflatedUpdateV1) throw new Error(`unknown version data format ${data[0]}`);
  const inflated = await inflate(data.subarray(1), { maxOutputLength: MAX_INFLATED_BYTES });
  return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length);
}
