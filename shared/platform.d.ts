/**
 * The few web-platform globals that shared/ may use: each exists in browsers and in Node 20.
 * Declared here (instead of lib "DOM" or @types/node) so nothing else can creep in.
 */
declare global {
  var crypto: { getRandomValues<T extends Uint8Array>(array: T): T };
  function btoa(data: string): string;
  class TextEncoder {
    encode(input?: string): Uint8Array;
  }
  class TextDecoder {
    constructor(label?: string, options?: { fatal?: boolean });
    decode(input?: Uint8Array): string;
  }
  class URL {
    constructor(url: string, base?: string);
    protocol: string;
    toString(): string;
  }
}

export {};
