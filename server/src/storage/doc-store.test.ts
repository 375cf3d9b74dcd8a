import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeDocStoreContract } from './doc-store.contract.js';
import { MemoryDocStore } from './memory-doc-store.js';
import { SqliteDocStore } from './sqlite-doc-store.js';

const dataDir = mkdtempSync(join(tmpdir(), 'quire-store-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describeDocStoreContract('memory', async () => new MemoryDocStore(), { sharedByInstances: true });
// One database file reopened by every test: also proves data survives close and reopen.
describeDocStoreContract('sqlite', async () => new SqliteDocStore({ dataDir }), { durable: true });
