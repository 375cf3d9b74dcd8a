import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../shared/close-codes.js';
import { encodeAwareness, encodeAwarenessEntries } from '../../shared/protocol/encode.js';
import { sampleRss, spawnServer } from './child-server.js';
import { connectClient, tempDir, text, uniqueDocId, waitFor, waitForSynced } from './helpers.js';
import { openRawSocket } from './raw-socket.js';
import { metricValue } from './security-helpers.js';

const MiB = 1024 * 1024;
/** What the writer pushes past the stalled reader; `QUIRE_SLOW_READER_MIB=2000` makes a soak of it. */
const TOTAL_MIB = Number(process.env.QUIRE_SLOW_READER_MIB ?? 256);
const MESSAGE_BYTES = 256 * 1024;
const GROWTH_LIMIT = 64 * MiB;

describe('slow readers', () => {
  it(`a reader that stops reading is dropped with 4002 while ${TOTAL_MIB} MiB flow past it; server memory grows < 64 MiB`, async () => {
    const server = await spawnServer(
      {
        QUIRE_DATA_DIR: tempDir(),
        QUIRE_MAX_AWARENESS_BYTES: String(MESSAGE_BYTES + 1024),
        QUIRE_MAX_BYTES_PER_SECOND: String(1024 * MiB),
        QUIRE_MAX_MESSAGES_PER_SECOND: '100000',
      },
      60_000,
    );
    const docId = uniqueDocId();
    const url = `${server.wsUrl}/${docId}`;
    const writer = await openRawSocket(url);
    const active = await openRawSocket(url);
    const stalled = await openRawSocket(url);
    let activeBytes = 0;
    // Count, do not keep: the active reader receives hundreds of MiB.
    active.socket.removeAllListeners('message');
    active.socket.on('message', (data: Buffer) => {
      activeBytes += data.length;
    });
    // The stalled reader's client stops reading its TCP socket: the server's sends pile up.
    (stalled.socket as unknown as { _socket: Socket })._socket.pause();

    const state = JSON.stringify({ user: 'writer', padding: 'p'.repeat(MESSAGE_BYTES - 64) });
    const frame = (clock: number) => encodeAwareness(encodeAwarenessEntries([{ clientId: 4242, clock, state }]));
    // Warm up (JIT, buffers) before the baseline.
    let sent = 0;
    const send = (clock: number) => {
      const bytes = frame(clock);
      sent += bytes.length;
      writer.socket.send(bytes);
    };
    for (let clock = 1; clock <= 20; clock++) send(clock);
    await waitFor(() => activeBytes >= sent, 15_000, 'warm-up relayed');
    const rss = sampleRss(server);

    const messages = Math.ceil((TOTAL_MIB * MiB) / MESSAGE_BYTES);
    const started = Date.now();
    for (let i = 0; i < messages; i++) {
      send(21 + i);
      // Pace on the writer's own buffer, so the test process does not balloon either, and on the active
      // reader: on a busy machine this process may read it late, and the server rightly drops a reader
      // that falls 8 MiB behind.
      while (writer.socket.bufferedAmount > 4 * MiB || sent - activeBytes > 4 * MiB) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
    const pushed = sent;
    await waitFor(() => activeBytes >= pushed, 120_000, 'the active reader receives everything').catch((error) => {
      throw new Error(
        `${error}: ${activeBytes} of ${pushed} bytes after ${(Date.now() - started) / 1000} s\n${server.output().slice(-3000)}`,
      );
    });
    rss.stop();
    const { baseline } = rss;
    const peak = rss.peak();
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `slow reader: ${(pushed / MiB).toFixed(0)} MiB in ${seconds.toFixed(1)} s; server RSS ${(baseline / MiB).toFixed(0)} MiB → peak ${(
        peak / MiB
      ).toFixed(0)} MiB (growth ${((peak - baseline) / MiB).toFixed(1)} MiB)`,
    );
    expect(peak - baseline).toBeLessThan(GROWTH_LIMIT);
    expect(await metricValue(server.url, 'quire_refusals_total', 'reason="slow_reader"')).toBe(1);

    // Reading again, the stalled client finds the transient close (or a cut connection once the grace ran out).
    (stalled.socket as unknown as { _socket: Socket })._socket.resume();
    expect([CLOSE_CODE.slowReader, 1006]).toContain((await stalled.closed).code);
    expect(writer.socket.readyState).toBe(WebSocket.OPEN);
    expect(active.socket.readyState).toBe(WebSocket.OPEN);

    // When it comes back it catches up through the state vector, not through a replay.
    const editor = connectClient(server.wsUrl, docId);
    await waitForSynced(editor.provider);
    editor.doc.getText('t').insert(0, 'written while it was away');
    const returning = connectClient(server.wsUrl, docId, { doc: new Y.Doc() });
    await waitFor(() => text(returning.doc) === 'written while it was away', 10_000, 'resync');
  }, 240_000);
});
