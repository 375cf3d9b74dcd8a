import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { spawnServer } from './child-server.js';
import { createRandom, FuzzFrames } from './fuzz-frames.js';
import { connectClient, tempDir, text, uniqueDocId, waitFor, waitForSynced } from './helpers.js';
import { rawSession } from './raw-ws.js';
import { metricValue } from './security-helpers.js';

/** Frames to send; `QUIRE_FUZZ_FRAMES=2000000` makes a soak of it. */
const FRAMES = Number(process.env.QUIRE_FUZZ_FRAMES ?? 100_000);
const SEED = Number(process.env.QUIRE_FUZZ_SEED ?? randomInt(2 ** 31));
const CONCURRENCY = 8;
const VERBOSE = process.env.QUIRE_FUZZ_VERBOSE === '1';
const HARMLESS_PER_SESSION = 60;
/** Seconds allowed per 100,000 frames: about 60 on two idle cores, far more when others share them. */
const SECONDS_PER_100K = 240;

/** The document under fire: a bit of every shared type, by two authors. */
function seedContent(doc: Y.Doc): void {
  doc.getText('t').insert(0, 'The quick brown fox jumps over the lazy dog. ');
  doc.getText('t').format(4, 5, { bold: true });
  doc.getMap('m').set('title', 'fuzz target');
  doc.getArray('a').push([1, 'two', { three: 3 }]);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('rich text')]);
  doc.getXmlFragment('content').insert(0, [paragraph]);
}

const snapshot = (doc: Y.Doc) => ({
  text: doc.getText('t').toDelta(),
  map: doc.getMap('m').toJSON(),
  array: doc.getArray('a').toJSON(),
  xml: doc.getXmlFragment('content').toString(),
  stateVector: [...Y.decodeStateVector(Y.encodeStateVector(doc)).entries()].sort(([a], [b]) => a - b),
  pending: doc.store.pendingStructs !== null || doc.store.pendingDs !== null,
});

describe('fuzzing', () => {
  it(
    `${FRAMES} random and mutated frames: the server stays up, others keep syncing, the document is unchanged`,
    async () => {
      console.log(`fuzz seed ${SEED} (replay with QUIRE_FUZZ_SEED=${SEED})`);
      const server = await spawnServer(
        {
          QUIRE_DATA_DIR: tempDir(),
          QUIRE_SQLITE_SYNC: 'normal',
          QUIRE_MAX_HANDSHAKES_PER_IP: '1000000',
          QUIRE_MAX_CONNECTIONS_PER_IP: '100000',
          // Lower than the default so the overflow path runs often, and pending data stays cheap to re-merge.
          QUIRE_MAX_PENDING_BYTES: String(32 * 1024),
          LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
        },
        60_000,
      );
      const target = uniqueDocId();
      const author = connectClient(server.wsUrl, target);
      await waitForSynced(author.provider);
      seedContent(author.doc);
      const second = connectClient(server.wsUrl, target);
      await waitFor(() => text(second.doc) === text(author.doc), 5000, 'seed relayed');
      second.doc.getMap('m').set('by', 'a second author');
      await waitFor(() => author.doc.getMap('m').get('by') !== undefined, 5000, 'second author relayed');
      const expected = snapshot(author.doc);
      // Bystanders: a reader of the target, and two peers syncing another document all along.
      const watcherCloses: string[] = [];
      author.provider.on('connection-close', (event) => watcherCloses.push(`${event?.code} ${event?.reason}`));
      const other = uniqueDocId();
      const writer = connectClient(server.wsUrl, other);
      const reader = connectClient(server.wsUrl, other);
      await waitForSynced(writer.provider);
      await waitForSynced(reader.provider);
      let bystanderRounds = 0;
      let fuzzing = true;
      const bystanders = (async () => {
        while (fuzzing) {
          writer.doc.getText('t').insert(0, 'x');
          const length = text(writer.doc).length;
          await waitFor(() => text(reader.doc).length === length, 10_000, 'bystanders keep syncing during the fuzz');
          bystanderRounds++;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();

      const rnd = createRandom(SEED);
      const generator = new FuzzFrames(rnd, author.doc, `/collab/${target}`, 64 * 1024);
      let sent = 0;
      let sessions = 0;
      const outcomes = new Map<string, Map<number | string, number>>();
      const record = (kind: string, result: number | string) => {
        const byResult = outcomes.get(kind) ?? new Map<number | string, number>();
        byResult.set(result, (byResult.get(result) ?? 0) + 1);
        outcomes.set(kind, byResult);
      };
      const started = Date.now();
      // Three sessions in four hit scratch documents with every update that decodes (those may change);
      // a scratch document serves a few dozen sessions, so none grows without bound.
      const scratchPrefix = uniqueDocId().slice(0, 12);
      let nextReport = 10_000;
      const worker = async () => {
        while (sent < FRAMES) {
          const scratch = `/collab/${scratchPrefix}-${Math.floor(sessions / 64)}-${sessions % 8}`;
          const session = generator.session(HARMLESS_PER_SESSION, sessions % 4 === 0 ? null : scratch);
          if (VERBOSE && sent >= nextReport) {
            nextReport += 10_000;
            console.log(
              `fuzz: ${sent} frames, ${sessions} connections, ${((Date.now() - started) / 1000).toFixed(1)} s`,
            );
          }
          sent += session.frames;
          sessions++;
          const outcome = await rawSession(server.port, session.request, session.bytes, {
            hangUp: session.hangUp,
            // Generous: on a crowded machine one of thousands of sessions can wait seconds for its turn.
            deadlineMs: 15_000,
          });
          if (outcome.timedOut) {
            record(session.kind, 'timeout');
            // Enough to see which frame the server did not answer as predicted.
            console.log(
              `fuzz timeout: ${session.kind} on ${session.path}, last bytes ${session.bytes.subarray(-400).toString('hex')}`,
            );
          } else if (session.bytes.length === 0) record(`handshake:${session.kind}`, outcome.status);
          else record(session.kind, outcome.status === 101 ? outcome.closeCode : `http ${outcome.status}`);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const seconds = (Date.now() - started) / 1000;
      fuzzing = false;
      await bystanders;

      const table = [...outcomes].map(
        ([kind, results]) => `${kind}: ${[...results].map(([r, n]) => `${r}×${n}`).join(' ')}`,
      );
      console.log(
        `fuzz: ${sent} frames in ${sessions} connections, ${seconds.toFixed(1)} s; ` +
          `${generator.effective} valid mutations withheld, ${generator.applyThrows} decodable updates Yjs could not apply; ` +
          `${bystanderRounds} bystander round trips\n  ${table.join('\n  ')}`,
      );
      expect(sent).toBeGreaterThanOrEqual(FRAMES);
      expect(server.process.exitCode).toBeNull();
      // Every malformed y-websocket message was refused with 4400, and every connection was ended by the server.
      for (const [kind, results] of outcomes) {
        expect(results.has('timeout'), `${kind} timed out`).toBe(false);
        if (kind === 'refused-message') expect([...results.keys()], kind).toEqual([4400]);
      }
      expect(bystanderRounds).toBeGreaterThan(0);
      // Each refusal is counted: at least every malformed message the fuzzer ended a session with.
      const refused = outcomes.get('refused-message')?.get(4400) ?? 0;
      expect(await metricValue(server.url, 'quire_errors_total', 'kind="protocol"')).toBeGreaterThanOrEqual(refused);

      // The document reads exactly as before, for the peer that watched it and for a newcomer.
      expect(watcherCloses).toEqual([]);
      expect(snapshot(author.doc)).toEqual(expected);
      const late = connectClient(server.wsUrl, target, { doc: new Y.Doc() });
      await waitForSynced(late.provider);
      expect(snapshot(late.doc)).toEqual(expected);
      const stored = new Y.Doc();
      Y.applyUpdate(
        stored,
        new Uint8Array(await (await fetch(`${server.url}/api/docs/${target}/update`)).arrayBuffer()),
      );
      expect(snapshot(stored)).toEqual(expected);
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
    },
    Math.max(120_000, (FRAMES / 100_000) * SECONDS_PER_100K * 1000 + 60_000),
  );
});
