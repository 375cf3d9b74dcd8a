import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_TYPE } from '../../shared/protocol/message-type.js';
import { spawnServer } from './child-server.js';
import { connectClient, tempDir, uniqueDocId, waitFor, waitForSynced } from './helpers.js';

/** SIGKILLs per run; `QUIRE_KILL_ROUNDS=100` makes a soak of it. */
const ROUNDS = Number(process.env.QUIRE_KILL_ROUNDS ?? 6);
const WRITERS = 3;
/** Compaction after this many updates: with three busy writers it runs every few milliseconds. */
const COMPACT_AFTER = 10;
/** A large document makes each compaction (one snapshot write) long enough for kills to land inside it. */
const BALLAST_CHARS = 256 * 1024;

const readVarUint = (bytes: Uint8Array, start: number): number => {
  let value = 0;
  let multiplier = 1;
  for (let pos = start; pos < bytes.length; pos++) {
    const byte = bytes[pos] as number;
    value += (byte & 0x7f) * multiplier;
    if (byte < 0x80) break;
    multiplier *= 128;
  }
  return value;
};

describe('durability under SIGKILL', () => {
  it(
    `${WRITERS} writers, ${ROUNDS} kills at random moments (compaction included): every update any client saw survives, in order`,
    async () => {
      const dataDir = tempDir();
      const docId = uniqueDocId();
      const env = {
        QUIRE_DATA_DIR: dataDir,
        QUIRE_COMPACT_AFTER_UPDATES: String(COMPACT_AFTER),
        QUIRE_MAX_MESSAGES_PER_SECOND: '100000',
        // Debug logs say when a compaction starts and finishes, so kills can aim at one.
        LOG_LEVEL: 'debug',
      };
      /** Per writer: how many of its values some client has seen from the server (relayed or acknowledged). */
      const observed = Array.from({ length: WRITERS }, () => 0);
      const survived: number[][] = [];
      let writes = 0;
      let killedMidCompaction = 0;

      for (let round = 0; round <= ROUNDS; round++) {
        const server = await spawnServer(env, 60_000);
        // A fresh client reads what the server has after the restart, before any writer reconnects.
        const verifier = connectClient(server.wsUrl, docId, { doc: new Y.Doc() });
        await waitForSynced(verifier.provider, 15_000);
        const lengths: number[] = [];
        for (let w = 0; w < WRITERS; w++) {
          const values = verifier.doc.getArray<number>(`w${w}`).toArray();
          expect(values, `writer ${w} after kill ${round}`).toEqual(values.map((_, i) => i));
          expect(values.length, `writer ${w} after kill ${round}`).toBeGreaterThanOrEqual(observed[w] as number);
          lengths.push(values.length);
        }
        survived.push(lengths);
        verifier.provider.destroy();
        if (round === 0) {
          const seeder = connectClient(server.wsUrl, docId);
          await waitForSynced(seeder.provider);
          seeder.doc.getText('ballast').insert(0, 'b'.repeat(BALLAST_CHARS));
          const check = connectClient(server.wsUrl, docId, { doc: new Y.Doc() });
          await waitFor(() => check.doc.getText('ballast').length === BALLAST_CHARS, 15_000, 'ballast stored');
          seeder.provider.destroy();
          check.provider.destroy();
        }
        if (round === ROUNDS) break;

        let stop = false;
        const writers = Array.from({ length: WRITERS }, (_, w) => {
          const client = connectClient(server.wsUrl, docId, { doc: new Y.Doc(), params: { ack: '1' } });
          const base = { length: 0 };
          client.provider.messageHandlers[MESSAGE_TYPE.ack] = (_encoder, decoder) => {
            // The first acknowledged update of a connection is its SyncStep2; the rest are this writer's values.
            const acked = readVarUint(decoder.arr, decoder.pos) - 1;
            observed[w] = Math.max(observed[w] as number, base.length + acked);
            decoder.pos = decoder.arr.length;
          };
          // What arrives from the server is durable: other writers' values count as observed.
          client.doc.on('update', (_update: Uint8Array, origin: unknown) => {
            if (origin !== client.provider) return;
            for (let other = 0; other < WRITERS; other++) {
              if (other === w) continue;
              const seen = client.doc.getArray(`w${other}`).length;
              observed[other] = Math.max(observed[other] as number, seen);
            }
          });
          return { client, base };
        });
        await Promise.all(writers.map(({ client }) => waitForSynced(client.provider, 15_000)));
        const loops = writers.map(async ({ client, base }, w) => {
          const array = client.doc.getArray<number>(`w${w}`);
          base.length = array.length;
          while (!stop) {
            array.push([array.length]);
            writes++;
            await new Promise((resolve) => setTimeout(resolve, 1 + Math.floor(Math.random() * 3)));
          }
        });
        if (round % 2 === 0) {
          await new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(Math.random() * 750)));
          server.process.kill('SIGKILL');
        } else {
          // Odd rounds aim: kill the moment the next compaction says it started (on the output event, not
          // a poll: the snapshot's write is a matter of milliseconds).
          await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('no compaction within 15 s')), 15_000);
            const onData = (chunk: Buffer) => {
              if (!chunk.toString().includes('compaction started')) return;
              server.process.kill('SIGKILL');
              server.process.stdout?.off('data', onData);
              clearTimeout(timer);
              resolve();
            };
            server.process.stdout?.on('data', onData);
          });
        }
        expect(await server.exited).toBe('SIGKILL');
        // Everything the process wrote before it died, not only what was read by the time it exited.
        const stdout = server.process.stdout;
        if (stdout && !stdout.readableEnded) await new Promise((resolve) => stdout.once('end', resolve));
        const log = server.output();
        if (log.lastIndexOf('compaction started') > log.lastIndexOf('compaction finished')) killedMidCompaction++;
        stop = true;
        await Promise.all(loops);
        for (const { client } of writers) client.provider.destroy();
      }
      console.log(
        `crash durability: ${ROUNDS} SIGKILLs (${killedMidCompaction} in the middle of a compaction), ${writes} writes; values per writer after each restart: ${survived
          .map((lengths) => lengths.join('/'))
          .join(' → ')}; observed before the last kill: ${observed.join('/')}`,
      );
      expect(observed.every((count) => count > 0)).toBe(true);
      // The aimed kills land while a snapshot is being written (it takes an fsync of the whole document).
      expect(killedMidCompaction).toBeGreaterThanOrEqual(1);
    },
    (ROUNDS + 1) * 40_000,
  );
});
