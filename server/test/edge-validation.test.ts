import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeAwareness, encodeAwarenessEntries, encodePermissionDenied } from '../../shared/protocol/encode.js';
import { spawnServer } from './child-server.js';
import { startTestServer, tempDir, uniqueDocId, waitFor } from './helpers.js';
import { handshakeRequest, OPCODE, rawSession, wsFrame } from './raw-ws.js';
import { mintToken, openSocket, openTcp, TEST_SECRET } from './security-helpers.js';

const MARKER = 'EVIL7f3a';

describe('input at the edge', () => {
  it('an Upgrade to anything but websocket gets 400 instead of a socket left hanging', async () => {
    const { port } = await startTestServer();
    const socket = await openTcp(port);
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString();
    });
    socket.write(`GET /collab/${uniqueDocId()} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n`);
    await new Promise((resolve) => socket.once('close', resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('nothing a client sends reaches the logs or the data directory unvalidated', async () => {
    const dataDir = tempDir();
    const server = await spawnServer(
      {
        QUIRE_DATA_DIR: dataDir,
        QUIRE_AUTH_SECRET: TEST_SECRET,
        QUIRE_ALLOWED_ORIGINS: 'https://app.example',
        QUIRE_TRUST_PROXY: 'true',
        LOG_LEVEL: 'trace',
      },
      60_000,
    );
    const evil = [`${MARKER}\n{"level":60}`, `../../${MARKER}`, `${MARKER}\u0000\u001b[31m`, MARKER.repeat(400)];
    const docId = uniqueDocId();
    const good = await mintToken({ docs: [docId], scope: 'write', sub: `${MARKER}\nforged` });
    const statuses: number[] = [];
    for (const value of evil) {
      const encoded = encodeURIComponent(value);
      statuses.push((await fetch(`${server.url}/collab/${encoded}`)).status);
      statuses.push(
        (await fetch(`${server.url}/api/docs/${encoded}`, { headers: { authorization: `Bearer ${good}` } })).status,
      );
      statuses.push((await fetch(`${server.url}/api/docs/r/${encoded}`)).status);
      statuses.push((await fetch(`${server.url}/collab/${docId}?token=${encoded}`)).status);
      statuses.push(
        (await fetch(`${server.url}/api/docs/${docId}`, { headers: { authorization: `Bearer ${encoded}` } })).status,
      );
      statuses.push(
        (
          await openSocket(`${server.wsUrl}/${docId}?token=${good}&ack=${encoded}`, {
            headers: { origin: `https://${MARKER}.example` },
          })
        ).status,
      );
      statuses.push(
        (
          await openSocket(`${server.wsUrl}/${docId}?token=${good}`, {
            headers: { 'x-forwarded-for': encoded, 'user-agent': encoded },
          })
        ).status,
      );
    }
    expect(statuses.filter((status) => status === 101).length).toBe(evil.length);
    // Inside the protocol: reasons, presence and updates carrying the marker, then a malformed message.
    const frames = Buffer.concat([
      wsFrame(OPCODE.binary, encodePermissionDenied(`${MARKER}\n`)),
      wsFrame(
        OPCODE.binary,
        encodeAwareness(encodeAwarenessEntries([{ clientId: 5, clock: 1, state: JSON.stringify({ name: MARKER }) }])),
      ),
      wsFrame(OPCODE.binary, new TextEncoder().encode(`\u0000\u0002${MARKER}`)),
    ]);
    const outcome = await rawSession(server.port, handshakeRequest(`/collab/${docId}?token=${good}`), frames);
    expect(outcome.closeCode).toBe(4400);
    await fetch(`${server.url}/healthz`);
    // The server did log these refusals, just never what the client wrote.
    await waitFor(() => server.output().includes('refused a malformed message'), 5000, 'the refusal logged');
    expect(server.output()).not.toContain(MARKER);
    // Storage holds the database and the view-id key, nothing named by a client.
    for (const name of readdirSync(dataDir)) expect(name).toMatch(/^(quire\.sqlite(-wal|-shm)?|view-secret)$/);
  });
});
