import { networkInterfaces } from 'node:os';
import { ConfigError, loadConfig } from './config.js';
import { createQuireServer } from './server.js';
import { startMessage } from './start-message.js';

/** Entry point: environment → config → server; signals → graceful shutdown. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const server = createQuireServer(config);
  const { logger } = server.ctx;
  try {
    // PostgreSQL: reachable and migrated before anyone connects, or a clear exit instead of failing joins.
    await server.ctx.store.ping();
  } catch (error) {
    console.error(`Storage (${config.storage}) is not usable: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
  const { url } = await server.start();
  logger.info(
    { url, storage: config.storage, dataDir: config.dataDir, fanout: config.redisUrl ? 'redis' : 'none' },
    'Quire is listening',
  );
  if (config.redisUrl && !config.viewSecret) {
    logger.warn('QUIRE_VIEW_SECRET is unset: read-only links work only on instances sharing this data directory');
  }
  const lanAddresses = Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry !== undefined && !entry.internal && entry.family === 'IPv4')
    .map((entry) => entry?.address ?? '');
  console.log(startMessage(config, url, lanAddresses));

  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
