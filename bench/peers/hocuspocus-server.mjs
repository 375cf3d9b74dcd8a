// Hocuspocus 3 as a benchmark target, configured as its documentation shows, only quieter.
//   PORT=1236 HOST=127.0.0.1 [HOCUSPOCUS_SQLITE=/path/db.sqlite] node bench/peers/hocuspocus-server.mjs
// With HOCUSPOCUS_SQLITE it persists through @hocuspocus/extension-sqlite (debounced writes of the
// whole document, Hocuspocus' defaults: 2 s debounce, 10 s at most); without it, memory only.
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const database = process.env.HOCUSPOCUS_SQLITE;
const server = new Server({
  port: Number(process.env.PORT ?? 1236),
  address: process.env.HOST ?? '127.0.0.1',
  quiet: true,
  extensions: database ? [new SQLite({ database })] : [],
});
await server.listen();
console.log(`hocuspocus listening on ${server.URL}`);
