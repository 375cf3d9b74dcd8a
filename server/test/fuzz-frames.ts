import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { type AwarenessEntry, decodeAwarenessUpdate, decodeMessage } from '../../shared/protocol/decode.js';
import {
  encodeAck,
  encodeAwareness,
  encodeAwarenessEntries,
  encodePermissionDenied,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
} from '../../shared/protocol/encode.js';
import { handshakeRequest, OPCODE, wsFrame } from './raw-ws.js';

/** mulberry32: a seeded generator, so a failing run can be replayed from its seed. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
  return { next, int, pick, bytes };
}

export type Random = ReturnType<typeof createRandom>;

/** Real updates of every kind of shared type, by authors the target document has never seen. */
function buildCorpus(target: Y.Doc, rnd: Random): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const stranger = new Y.Doc();
  stranger.clientID = 900_000_001;
  stranger.on('update', (update: Uint8Array) => updates.push(update));
  const text = stranger.getText('t');
  text.insert(0, 'fuzz corpus text ✓ ');
  text.format(0, 4, { bold: true });
  text.delete(2, 3);
  stranger.getMap('m').set('k', { nested: [1, 2, 'three'], n: null });
  stranger.getMap('m').set('bin', new Uint8Array([1, 2, 3]));
  stranger.getArray('a').push([1, 'two', { three: 3 }, new Y.Map()]);
  const fragment = stranger.getXmlFragment('content');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.setAttribute('align', 'left');
  paragraph.insert(0, [new Y.XmlText('hello')]);
  fragment.insert(0, [paragraph]);
  stranger.getArray('a').delete(0, 2);
  updates.push(Y.encodeStateAsUpdate(stranger));
  // Edits on top of the target's own content: valid, and referencing its items.
  const editor = new Y.Doc();
  editor.clientID = 900_000_002;
  Y.applyUpdate(editor, Y.encodeStateAsUpdate(target));
  editor.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < 12; i++) {
    const t = editor.getText('t');
    if (rnd.next() < 0.7 || t.length === 0) t.insert(rnd.int(t.length + 1), 'ed');
    else t.delete(rnd.int(t.length), 1);
  }
  editor.getMap('m').set('edited', true);
  updates.push(Y.encodeStateAsUpdateV2(editor));
  return updates;
}

type Verdict = 'harmless' | 'refused' | 'effective' | 'uncertain';

/** The server's view of one presence id: last clock, whether it has a state, whether this connection holds it. */
interface PresenceRecord {
  clock: number;
  hasState: boolean;
  owned: boolean;
}

/** What one fuzz connection sends. */
export interface Session {
  /** A handshake request (possibly malformed). */
  request: string | Buffer;
  /** The document path it targets. */
  path: string;
  /** WebSocket bytes to write once upgraded (empty for a malformed handshake). */
  bytes: Buffer;
  /** Frames in `bytes`. */
  frames: number;
  /** Hang up right after writing (for truncated frames). */
  hangUp: boolean;
  kind: string;
}

/**
 * Random and mutated frames against one document. Frames predicted harmless (they decode, and any
 * update in them has no effect on the document) come first in a session; each session ends with one
 * that must be refused: a malformed y-websocket message or a WebSocket protocol violation. Updates
 * that would change the document are never sent, so "the document is unchanged" is exact.
 */
export class FuzzFrames {
  private readonly corpus: Uint8Array[];
  private readonly seeds: Uint8Array[];
  private readonly baseline: Uint8Array;
  /** Presence ids of the current session only, so no other connection can own them. */
  private sessionIds: number[] = [];
  /** What the server knows of this session's presence ids, after the frames sent so far. */
  private presence = new Map<number, PresenceRecord>();
  /** The own entries of the last awareness frame classified harmless, recorded once it is sent. */
  private unsentPresence: AwarenessEntry[] = [];
  /** Candidates thrown away because they would change the document (valid mutations). */
  effective = 0;
  /** Harmless-looking updates whose apply throws in Yjs (sent: the server must refuse them whole). */
  applyThrows = 0;
  private replica = new Y.Doc({ guid: 'replica' });
  private replicaChanged = false;

  constructor(
    private readonly rnd: Random,
    private readonly target: Y.Doc,
    private readonly path: string,
    private readonly maxAwarenessBytes: number,
  ) {
    this.baseline = Y.encodeStateAsUpdate(target);
    this.rebuildReplica();
    this.corpus = buildCorpus(target, rnd);
    this.newSessionIds();
    const sv = Y.encodeStateVector(target);
    this.seeds = [
      ...this.corpus.map(encodeSyncUpdate),
      ...this.corpus.map(encodeSyncStep2),
      encodeSyncStep1(sv),
      encodeSyncStep1(Y.encodeStateVector(new Y.Doc())),
      encodeSyncUpdate(this.baseline),
      encodeSyncStep2(new Uint8Array([0, 0])),
      encodeQueryAwareness(),
      encodeAck(3),
      encodePermissionDenied('echo'),
      this.awarenessFrame(),
    ];
  }

  private newSessionIds(): void {
    this.sessionIds = Array.from({ length: 3 }, () => 100_000_000 + this.rnd.int(2_000_000_000));
    this.presence.clear();
  }

  private awarenessFrame(): Uint8Array {
    const entries = this.sessionIds.slice(0, 1 + this.rnd.int(2)).map((clientId) => ({
      clientId,
      clock: 1 + this.rnd.int(1000),
      state: this.rnd.next() < 0.1 ? 'null' : JSON.stringify(randomObject(this.rnd, 2)),
    }));
    return encodeAwareness(encodeAwarenessEntries(entries));
  }

  /**
   * A random frame built to be well-formed: state vectors, presence, acknowledgements and reasons with
   * random content (the server must take them all without a change to the document).
   */
  private structured(): Uint8Array {
    const rnd = this.rnd;
    switch (rnd.int(6)) {
      case 0: {
        const sv = encoding.createEncoder();
        const entries = rnd.int(6);
        encoding.writeVarUint(sv, entries);
        for (let i = 0; i < entries; i++) {
          encoding.writeVarUint(sv, rnd.int(2 ** 32));
          encoding.writeVarUint(sv, rnd.next() < 0.5 ? rnd.int(100) : rnd.int(2 ** 30));
        }
        return encodeSyncStep1(encoding.toUint8Array(sv));
      }
      case 1:
      case 2:
        return this.awarenessFrame();
      case 3:
        return encodeAck(rnd.int(2 ** 31));
      case 4:
        return encodePermissionDenied(randomText(rnd, rnd.int(40)));
      default:
        return rnd.next() < 0.5 ? encodeQueryAwareness() : encodeSyncUpdate(new Uint8Array([0, 0]));
    }
  }

  /** Applies 1-4 random mutations: bit flips, byte changes, insertions, deletions, truncation, splices. */
  mutate(frame: Uint8Array): Uint8Array {
    let out = Array.from(frame);
    const rounds = this.rnd.next() < 0.5 ? 1 : 2 + this.rnd.int(3);
    for (let r = 0; r < rounds; r++) {
      const at = this.rnd.int(Math.max(out.length, 1));
      switch (this.rnd.int(9)) {
        case 0:
          out[at] = (out[at] ?? 0) ^ (1 << this.rnd.int(8));
          break;
        case 1:
          out[at] = this.rnd.int(256);
          break;
        case 2:
          out.splice(at, 0, ...this.rnd.bytes(1 + this.rnd.int(4)));
          break;
        case 3:
          out.splice(at, 1 + this.rnd.int(4));
          break;
        case 4:
          out = out.slice(0, at);
          break;
        case 5:
          out[at] = this.rnd.pick([0x00, 0x7f, 0x80, 0xff]);
          break;
        case 6: {
          const other = this.rnd.pick(this.seeds);
          out = [...out.slice(0, at), ...other.slice(this.rnd.int(other.length))];
          break;
        }
        case 7:
          // A varUint that claims far more than there is.
          out.splice(at, 0, 0xff, 0xff, 0xff, 0x7f);
          break;
        default: {
          const from = this.rnd.int(Math.max(out.length, 1));
          out.splice(at, 0, ...out.slice(from, from + 1 + this.rnd.int(16)));
        }
      }
    }
    return Uint8Array.from(out);
  }

  /** Candidates generated (accepted or not). */
  candidates = 0;

  /** A random or mutated y-websocket message. */
  candidate(): Uint8Array {
    this.candidates++;
    const roll = this.rnd.next();
    if (roll < 0.05) return this.rnd.bytes(this.rnd.int(40));
    if (roll < 0.1) return this.rnd.pick(this.seeds);
    if (roll < 0.55) return this.structured();
    return this.mutate(this.rnd.pick(this.seeds));
  }

  /**
   * 'harmless': the server must accept it and nothing changes; 'refused': the server must close the
   * connection; 'effective': a valid change, never sent.
   */
  classify(frame: Uint8Array, onTarget: boolean): Verdict {
    // Most candidates are refused with a thrown error; their stack traces are the generator's main cost.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return this.classifyFrame(frame, onTarget);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  private classifyFrame(frame: Uint8Array, onTarget: boolean): Verdict {
    this.unsentPresence = [];
    let message: ReturnType<typeof decodeMessage>;
    try {
      message = decodeMessage(frame);
    } catch {
      return 'refused';
    }
    switch (message.kind) {
      case 'sync-step1':
        if (!this.takeFullRequest()) return 'uncertain';
        try {
          Y.encodeStateAsUpdate(this.target, message.stateVector);
          return 'harmless';
        } catch {
          return 'refused';
        }
      case 'sync-step2':
      case 'sync-update':
        return this.classifyUpdate(message.update, onTarget);
      case 'awareness':
        return this.classifyAwareness(message.update);
      case 'query-awareness':
        return this.takeFullRequest() ? 'harmless' : 'uncertain';
      default:
        return 'harmless';
    }
  }

  /** The server answers 10 whole-state requests per connection per 10 s; a session stays below that. */
  private fullRequests = 0;

  private takeFullRequest(): boolean {
    return ++this.fullRequests <= 8;
  }

  private classifyUpdate(update: Uint8Array, onTarget: boolean): Verdict {
    try {
      Y.decodeUpdate(update);
    } catch {
      return 'refused';
    }
    // Scratch documents may change: any update that decodes goes (the server must survive it).
    if (!onTarget) return 'harmless';
    // Tried on a replica of the target; a replica that changed (or may have) is rebuilt.
    this.replicaChanged = false;
    try {
      Y.applyUpdate(this.replica, update);
    } catch {
      this.applyThrows++;
      this.rebuildReplica();
      return 'refused';
    }
    const { pendingStructs, pendingDs } = this.replica.store;
    if (!this.replicaChanged && pendingStructs === null && pendingDs === null) return 'harmless';
    this.effective++;
    this.rebuildReplica();
    return 'effective';
  }

  private rebuildReplica(): void {
    this.replica.destroy();
    // A fixed guid: generating one costs a crypto call per replica.
    this.replica = new Y.Doc({ guid: 'replica' });
    Y.applyUpdate(this.replica, this.baseline);
    this.replica.on('update', () => {
      this.replicaChanged = true;
    });
  }

  private classifyAwareness(update: Uint8Array): 'harmless' | 'refused' | 'uncertain' {
    let entries: AwarenessEntry[];
    try {
      entries = decodeAwarenessUpdate(update);
    } catch {
      return 'refused';
    }
    const bad = (entry: AwarenessEntry) => {
      if (entry.state === 'null') return false;
      if (Buffer.byteLength(entry.state) > this.maxAwarenessBytes) return true;
      try {
        const value: unknown = JSON.parse(entry.state);
        return typeof value !== 'object' || value === null || Array.isArray(value);
      } catch {
        return true;
      }
    };
    // Entries owned by another connection are dropped quietly before any check, and which ids other
    // connections own is unknown here: a verdict is certain only when every id is this session's own.
    if (!entries.every((entry) => this.sessionIds.includes(entry.clientId))) {
      return entries.some(bad) ? 'uncertain' : 'harmless';
    }
    // As the server sees it: an id is this connection's while it holds it, or when the clock is newer
    // than any it saw for the id (an older one is an echo, dropped quietly, never checked).
    const own = entries.filter((entry) => {
      const known = this.presence.get(entry.clientId);
      return known?.owned || entry.clock > (known?.clock ?? -1);
    });
    if (own.some(bad)) return 'refused';
    this.unsentPresence = own;
    return 'harmless';
  }

  /** Records what the server learns from the harmless awareness frame just sent (as Awareness does). */
  private recordPresence(): void {
    for (const entry of this.unsentPresence) {
      const known = this.presence.get(entry.clientId) ?? { clock: -1, owned: false, hasState: false };
      if (known.clock < entry.clock || (known.clock === entry.clock && entry.state === 'null' && known.hasState)) {
        known.clock = entry.clock;
        known.hasState = entry.state !== 'null';
      }
      known.owned = entry.state !== 'null';
      this.presence.set(entry.clientId, known);
    }
    this.unsentPresence = [];
  }

  /**
   * A corpus update (new to the target) missing its last one or two bytes, as a sync message. Only cuts
   * that no longer decode as the server reads them (update format 1): the corpus's format-2 update, cut,
   * can still read as some other format-1 update, which the server may rightly accept.
   */
  private truncatedUpdate(): Uint8Array | null {
    for (let tries = 0; tries < 10; tries++) {
      const update = this.rnd.pick(this.corpus);
      const cut = update.subarray(0, update.length - 1 - this.rnd.int(2));
      if (this.classifyUpdate(cut, false) !== 'refused') continue;
      return this.rnd.next() < 0.5 ? encodeSyncUpdate(cut) : encodeSyncStep2(cut);
    }
    return null;
  }

  /** A WebSocket-level violation (RFC 6455), as bytes. */
  violation(): { bytes: Buffer; hangUp: boolean; kind: string } {
    const payload = this.rnd.bytes(1 + this.rnd.int(30));
    const kinds: (() => { bytes: Buffer; hangUp?: boolean; kind: string })[] = [
      () => ({ bytes: wsFrame(OPCODE.binary, payload, { mask: false }), kind: 'unmasked' }),
      () => ({ bytes: wsFrame(OPCODE.binary, payload, { rsv: 1 + this.rnd.int(7) }), kind: 'rsv-bits' }),
      () => ({ bytes: wsFrame(this.rnd.pick([3, 4, 5, 6, 7, 11, 12, 13, 14, 15]), payload), kind: 'reserved-opcode' }),
      () => ({ bytes: wsFrame(OPCODE.continuation, payload), kind: 'orphan-continuation' }),
      () => ({ bytes: wsFrame(OPCODE.ping, payload, { fin: false }), kind: 'fragmented-control' }),
      () => ({ bytes: wsFrame(OPCODE.ping, this.rnd.bytes(126 + this.rnd.int(200))), kind: 'oversized-control' }),
      () => ({ bytes: wsFrame(OPCODE.text, Uint8Array.from([0xc3, 0x28, 0xff])), kind: 'invalid-utf8' }),
      () => ({ bytes: wsFrame(OPCODE.text, new TextEncoder().encode('{"hello":1}')), kind: 'text-frame' }),
      () => ({ bytes: wsFrame(OPCODE.close, Uint8Array.from([3])), kind: 'close-1-byte' }),
      () => ({
        bytes: wsFrame(OPCODE.close, Uint8Array.from([...u16(this.rnd.pick([0, 999, 1004, 1005, 1006, 2999, 5000]))])),
        kind: 'close-bad-code',
      }),
      () => ({ bytes: wsFrame(OPCODE.binary, payload, { declaredLength: 2 ** 40 }), kind: 'huge-length' }),
      () => ({
        bytes: Buffer.concat([Buffer.from([0x82, 0xff, 0x80, 0, 0, 0, 0, 0, 0, 1]), Buffer.from(payload)]),
        kind: 'length-msb',
      }),
      () => ({
        bytes: Buffer.concat([wsFrame(OPCODE.binary, payload, { fin: false }), wsFrame(OPCODE.binary, payload)]),
        kind: 'interleaved-data',
      }),
      () => ({ bytes: Buffer.from(this.rnd.bytes(2 + this.rnd.int(64))), hangUp: true, kind: 'garbage' }),
      () => ({
        bytes: wsFrame(OPCODE.binary, payload, { declaredLength: payload.length + 50 }),
        hangUp: true,
        kind: 'truncated-then-hang-up',
      }),
    ];
    const chosen = this.rnd.pick(kinds)();
    return { bytes: chosen.bytes, hangUp: chosen.hangUp ?? false, kind: chosen.kind };
  }

  /** A malformed or hostile handshake request. */
  badHandshake(): { request: string | Buffer; kind: string } {
    const good = handshakeRequest(this.path);
    const options: (() => { request: string | Buffer; kind: string })[] = [
      () => ({ request: good.replace('Sec-WebSocket-Version: 13', 'Sec-WebSocket-Version: 8'), kind: 'version' }),
      () => ({ request: good.replace(/Sec-WebSocket-Key: [^\r]*\r\n/, ''), kind: 'no-key' }),
      () => ({ request: good.replace(/Sec-WebSocket-Key: [^\r]*/, 'Sec-WebSocket-Key: short'), kind: 'bad-key' }),
      () => ({ request: good.replace('GET', 'POST'), kind: 'post' }),
      () => ({ request: good.replace(this.path, '/collab/..%2F..%2Fetc%2Fpasswd'), kind: 'traversal' }),
      () => ({ request: good.replace(this.path, `/collab/${'x'.repeat(5000)}`), kind: 'long-id' }),
      () => ({ request: good.replace(this.path, '/collab/a%00b'), kind: 'nul-id' }),
      () => ({
        request: good.replace('Host: 127.0.0.1', 'Host: 127.0.0.1\r\nX-Evil: a\u0001b'),
        kind: 'control-header',
      }),
      () => ({ request: good.replace('\r\n\r\n', `\r\nX-Pad: ${'p'.repeat(20_000)}\r\n\r\n`), kind: 'huge-header' }),
      () => ({ request: Buffer.from(this.rnd.bytes(10 + this.rnd.int(200))), kind: 'garbage-request' }),
      () => ({ request: good.replace('HTTP/1.1', 'HTTP/9.9'), kind: 'bad-http-version' }),
      () => ({ request: good.replace('Upgrade: websocket', 'Upgrade: websocket, h2c'), kind: 'odd-upgrade' }),
    ];
    return this.rnd.pick(options)();
  }

  /**
   * One connection's worth: up to `harmless` accepted frames, then one that must be refused. Sessions on
   * the target send only frames that leave it unchanged; sessions on `scratchPath` send any that decode.
   */
  session(harmless: number, scratchPath: string | null = null): Session {
    if (this.rnd.next() < 0.04)
      return { ...this.badHandshake(), path: this.path, bytes: Buffer.alloc(0), frames: 0, hangUp: false };
    const path = scratchPath ?? this.path;
    const onTarget = scratchPath === null;
    this.newSessionIds();
    this.fullRequests = 0;
    const parts: Buffer[] = [];
    let frames = 0;
    for (let tries = 0; frames < harmless && tries < harmless * 4; tries++) {
      const frame = this.candidate();
      if (this.classify(frame, onTarget) !== 'harmless') continue;
      this.recordPresence();
      parts.push(wsFrame(OPCODE.binary, frame, { maskKey: this.rnd.bytes(4) }));
      frames++;
    }
    // Judged against what the server knows after every harmless frame, since it is sent after them.
    let refusedFrame: Uint8Array | null = null;
    for (let tries = 0; refusedFrame === null && tries < harmless; tries++) {
      const frame = this.candidate();
      if (this.classify(frame, onTarget) === 'refused') refusedFrame = frame;
    }
    const roll = this.rnd.next();
    // Half of the malformed endings are real updates cut short by a byte or two: their structs are
    // complete, only the delete set is missing, the case a server that applies before checking half-applies.
    if (roll < 0.3) refusedFrame = this.truncatedUpdate() ?? refusedFrame;
    if (roll < 0.6 && refusedFrame) {
      parts.push(wsFrame(OPCODE.binary, refusedFrame));
      return {
        request: handshakeRequest(path),
        path,
        bytes: Buffer.concat(parts),
        frames: frames + 1,
        hangUp: false,
        kind: 'refused-message',
      };
    }
    if (roll < 0.92) {
      const violation = this.violation();
      parts.push(violation.bytes);
      return {
        request: handshakeRequest(path),
        path,
        bytes: Buffer.concat(parts),
        frames: frames + 1,
        hangUp: violation.hangUp,
        kind: violation.kind,
      };
    }
    parts.push(wsFrame(OPCODE.close, Uint8Array.from(u16(1000))));
    return {
      request: handshakeRequest(path),
      path,
      bytes: Buffer.concat(parts),
      frames: frames + 1,
      hangUp: false,
      kind: 'clean-close',
    };
  }
}

const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzÄÖÜß✓😀 <>&"\\\u0000\u001f\u2028';

function randomText(rnd: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[rnd.int(ALPHABET.length)];
  return out;
}

/** A random JSON object: what a presence state may be. */
function randomObject(rnd: Random, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = rnd.int(4);
  for (let i = 0; i < keys; i++) {
    const roll = rnd.int(6);
    out[randomText(rnd, 1 + rnd.int(8))] =
      roll === 0
        ? rnd.int(2 ** 31) - 2 ** 30
        : roll === 1
          ? rnd.next() < 0.5
          : roll === 2
            ? null
            : roll === 3 && depth > 0
              ? randomObject(rnd, depth - 1)
              : roll === 4
                ? [randomText(rnd, 3), rnd.next()]
                : randomText(rnd, rnd.int(20));
  }
  return out;
}
