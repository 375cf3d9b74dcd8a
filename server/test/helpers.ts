import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createDocId } from '../../shared/doc-id.js';
import { type Config, configWith } from '../src/config.js';
import { createQuireServer, type QuireServer } from '../src/server.js';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Registers teardown work for the current test. */
export const onCleanup = (fn: () => Promise<void> | void): void => {
  cleanups.push(fn);
};

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'quire-test-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestServer {
  server: QuireServer;
  port: number;
  url: string;
  wsUrl: string;
  dataDir: string;
}

/** A real server on a free port with a temporary data directory, stopped after the test. */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? tempDir();
  const config = configWith({
    port: 0,
    dataDir,
    logLevel: (process.env.LOG_LEVEL as Config['logLevel']) ?? 'silent',
    clientDir: '',
    ...overrides,
  });
  const server = createQuireServer(config);
  const { port, url } = await server.start();
  onCleanup(() => server.stop());
  return { server, port, url, wsUrl: `ws://127.0.0.1:${port}/collab`, dataDir };
}

export const uniqueDocId = (): string => createDocId();

/** A stock y-websocket client in Node, disconnected after the test. */
export function connectClient(
  wsUrl: string,
  docId: string,
  options: { doc?: Y.Doc; params?: Record<string, string>; connect?: boolean } = {},
) {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, docId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: options.params,
    connect: options.connect ?? true,
    disableBc: true,
  });
  onCleanup(() => {
    provider.destroy();
    doc.destroy();
  });
  return { doc, provider };
}

/** Polls `check` until it returns true, failing after `timeoutMs`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const waitForSynced = (provider: WebsocketProvider, timeoutMs = 5000) =>
  waitFor(() => provider.synced, timeoutMs, 'sync');

export const text = (doc: Y.Doc): string => doc.getText('t').toString();
