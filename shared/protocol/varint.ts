import { ProtocolError } from './protocol-error.js';

/** A bounds-checked reader over one frame; every read past the end is a ProtocolError. */
export class FrameReader {
  private pos = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  /** lib0's varUint: 7 bits per byte, little end first, at most 53 bits. */
  readVarUint(): number {
    let value = 0;
    let multiplier = 1;
    for (let shift = 0; shift < 53; shift += 7) {
      const byte = this.bytes[this.pos++];
      if (byte === undefined) throw new ProtocolError('frame ends inside a number');
      value += (byte & 0x7f) * multiplier;
      if (byte < 0x80) return value;
      multiplier *= 128;
    }
    throw new ProtocolError('number is too long');
  }

  /** A length-prefixed byte array, returned as a view (no copy). */
  readVarBytes(): Uint8Array {
    const length = this.readVarUint();
    if (length > this.bytes.length - this.pos) throw new ProtocolError('frame ends inside a byte array');
    const view = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return view;
  }

  readVarString(): string {
    try {
      return UTF8_STRICT.decode(this.readVarBytes());
    } catch (error) {
      if (error instanceof ProtocolError) throw error;
      throw new ProtocolError('string is not valid UTF-8');
    }
  }

  expectEnd(): void {
    if (!this.done) throw new ProtocolError('unexpected bytes after the message');
  }
}

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });
const UTF8 = new TextEncoder();

/** Grows as needed; `finish()` returns exactly the written bytes. */
export class FrameWriter {
  private bytes: Uint8Array;
  private pos = 0;

  constructor(initialSize = 64) {
    this.bytes = new Uint8Array(initialSize);
  }

  private reserve(extra: number): void {
    if (this.pos + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.pos + extra));
    grown.set(this.bytes.subarray(0, this.pos));
    this.bytes = grown;
  }

  writeVarUint(value: number): this {
    this.reserve(8);
    let rest = value;
    while (rest > 0x7f) {
      this.bytes[this.pos++] = 0x80 | (rest % 128);
      rest = Math.floor(rest / 128);
    }
    this.bytes[this.pos++] = rest;
    return this;
  }

  writeVarBytes(data: Uint8Array): this {
    this.writeVarUint(data.length);
    this.reserve(data.length);
    this.bytes.set(data, this.pos);
    this.pos += data.length;
    return this;
  }

  writeVarString(text: string): this {
    return this.writeVarBytes(UTF8.encode(text));
  }

  finish(): Uint8Array {
    return this.bytes.subarray(0, this.pos);
  }
}
