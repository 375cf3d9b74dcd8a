import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has visible defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 1234, host: '127.0.0.1', dataDir: './data', storage: 'sqlite' });
  });

  it('reads the environment and ignores empty values', () => {
    const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', QUIRE_DATA_DIR: '/tmp/q', QUIRE_HEARTBEAT_MS: '' });
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', dataDir: '/tmp/q', heartbeatMs: 30_000 });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['QUIRE_STORAGE', 'floppy'],
    ['QUIRE_MAX_MESSAGE_BYTES', '12'],
    ['LOG_LEVEL', 'loud'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('a database URL selects PostgreSQL; Redis and its prefix are optional', () => {
    const url = 'postgres://postgres@127.0.0.1:5432/quire';
    expect(loadConfig({})).toMatchObject({ databaseUrl: null, redisUrl: null, redisPrefix: 'quire:' });
    expect(loadConfig({ QUIRE_DATABASE_URL: url })).toMatchObject({ storage: 'postgres', databaseUrl: url });
    // A copied .env.example names sqlite explicitly; the URL still wins.
    expect(loadConfig({ QUIRE_DATABASE_URL: url, QUIRE_STORAGE: 'sqlite' }).storage).toBe('postgres');
    expect(() => loadConfig({ QUIRE_DATABASE_URL: url, QUIRE_STORAGE: 'memory' })).toThrow(/QUIRE_DATABASE_URL/);
    expect(() => loadConfig({ QUIRE_STORAGE: 'postgres' })).toThrow(/QUIRE_DATABASE_URL/);
    expect(() => loadConfig({ QUIRE_DATABASE_URL: 'mysql://x' })).toThrow(/QUIRE_DATABASE_URL/);
    expect(() => loadConfig({ QUIRE_REDIS_URL: 'http://x' })).toThrow(/QUIRE_REDIS_URL/);
    expect(loadConfig({ QUIRE_REDIS_URL: 'redis://r:6379', QUIRE_REDIS_PREFIX: 'q1:' })).toMatchObject({
      redisUrl: 'redis://r:6379',
      redisPrefix: 'q1:',
    });
  });
});
