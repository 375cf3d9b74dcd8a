import WebSocket from 'ws';
import { createFramer, type Framer, type Incoming, type WireProtocol } from './frames.js';

export interface LoadClientOptions {
  /** `ws://127.0.0.1:<port>` of the target. */
  baseUrl: string;
  protocol: WireProtocol;
  docId: string;
  /** Ask Quire for durable acks (`?ack=1`). */
  acks?: boolean;
  /** Called with every live update another client made (never the handshake's SyncStep2). */
  onUpdate?: (update: Uint8Array) => void;
  /** Quire's cumulative durable ack count. */
  onAck?: (count: number) => void;
  /** Hocuspocus' "one more of your updates was applied". */
  onApplied?: () => void;
  /** The first frame from the server, any kind (for cold-load timing). */
  onFirstFrame?: () => void;
  /** Deadline for connecting and syncing. @default 30000 */
  timeoutMs?: number;
}

/**
 * A minimal y-websocket client for load: it frames pre-encoded updates and reads only the message
 * headers it needs, so the load side spends little CPU next to the server it measures. "Synced" means
 * the server's SyncStep2 arrived (for the relay, which never answers, the socket is open).
 */
export class LoadClient {
  private readonly socket: WebSocket;
  private readonly framer: Framer;
  /** Sync updates this connection sent (step 2 included), the unit of Quire's acks. */
  updatesSent = 0;
  /** The server's full-state answer (SyncStep2), once synced. */
  syncUpdate: Uint8Array | null = null;
  /** Close code and reason, once closed. */
  closeReason: string | null = null;
  readonly synced: Promise<void>;
  readonly closed: Promise<void>;

  constructor(private readonly options: LoadClientOptions) {
    this.framer = createFramer(options.protocol, options.docId);
    const path = options.protocol === 'hocuspocus' ? '/' : `/collab/${options.docId}`;
    const query = options.acks ? '?ack=1' : '';
    this.socket = new WebSocket(`${options.baseUrl}${path}${query}`, { perMessageDeflate: false });
    this.socket.binaryType = 'nodebuffer';
    this.closed = new Promise((resolve) =>
      this.socket.once('close', (code, reason) => {
        this.closeReason = `${code} ${reason.toString()}`.trim();
        resolve();
      }),
    );
    this.synced = new Promise<void>((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? 30_000;
      const timer = setTimeout(
        () => reject(new Error(`not synced after ${timeoutMs} ms (${options.docId})`)),
        timeoutMs,
      );
      const done = (error?: Error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      let first = true;
      this.socket.on('open', () => {
        for (const frame of this.framer.opening()) this.socket.send(frame);
        if (options.protocol === 'relay') done();
      });
      this.socket.on('error', (error) => done(error));
      this.socket.on('close', (code, reason) => done(new Error(`closed ${code} ${reason.toString()}`)));
      this.socket.on('message', (data: Buffer) => {
        if (first) {
          first = false;
          options.onFirstFrame?.();
        }
        this.handle(this.framer.decode(data), done);
      });
    });
    // A rejection nobody awaited (a client closed after it synced) must not crash the load process.
    this.synced.catch(() => undefined);
  }

  /** Connects and resolves once synced. */
  static async connect(options: LoadClientOptions): Promise<LoadClient> {
    const client = new LoadClient(options);
    await client.synced;
    return client;
  }

  private handle(message: Incoming, done: (error?: Error) => void): void {
    switch (message.kind) {
      case 'update':
        this.options.onUpdate?.(message.update);
        return;
      case 'sync-step1':
        this.updatesSent++;
        this.socket.send(this.framer.emptySyncStep2());
        return;
      case 'sync-step2':
        this.syncUpdate = message.update;
        done();
        return;
      case 'authenticated':
        this.socket.send(this.framer.syncStep1());
        return;
      case 'ack':
        this.options.onAck?.(message.count);
        return;
      case 'applied':
        this.options.onApplied?.();
        return;
      case 'refused':
        done(new Error(`refused: ${message.reason}`));
        return;
      case 'other':
        return;
    }
  }

  /** Sends one live update (a Yjs update, framed for the target). */
  sendUpdate(update: Uint8Array): void {
    this.sendFrame(this.framer.update(update));
  }

  /** Sends a frame made by `frameUpdate` ahead of time (so framing stays out of timed loops). */
  sendFrame(frame: Uint8Array): void {
    this.updatesSent++;
    this.socket.send(frame);
  }

  /** Sends a frame and resolves once it was written to the socket (for pacing bulk sends). */
  sendFrameWritten(frame: Uint8Array): Promise<void> {
    this.updatesSent++;
    return new Promise((resolve, reject) => this.socket.send(frame, (error) => (error ? reject(error) : resolve())));
  }

  frameUpdate(update: Uint8Array): Uint8Array {
    return this.framer.update(update);
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    this.socket.close(1000);
    await this.closed;
  }

  /** Drops the connection without a close handshake (faster when tearing down thousands). */
  terminate(): void {
    this.socket.terminate();
  }
}
