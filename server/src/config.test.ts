import { describe, expect, it } from 'vitest';
import { ConfigError, defaultFormatWorkers, loadConfig } from './config.js';

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

  it('reads the REST guards: public host names, the operator credential', () => {
    expect(loadConfig({})).toMatchObject({ publicHosts: [], adminToken: null, maxRestWritesPerMinute: 120 });
    const config = loadConfig({
      QUIRE_PUBLIC_HOSTS: ' Docs.Example.com., *.team.example ,,',
      QUIRE_ADMIN_TOKEN: 't'.repeat(32),
      QUIRE_MAX_NAMED_VERSIONS: '5',
    });
    expect(config).toMatchObject({
      publicHosts: ['docs.example.com', '*.team.example'],
      adminToken: 't'.repeat(32),
      maxNamedVersions: 5,
    });
    expect(loadConfig({ QUIRE_PUBLIC_HOSTS: '*' }).publicHosts).toEqual(['*']);
    for (const bad of [
      'https://docs.example.com',
      'docs.example.com:443',
      'docs.example.com/x',
      'a..b',
      '*x.example',
    ]) {
      expect(() => loadConfig({ QUIRE_PUBLIC_HOSTS: bad }), bad).toThrow(/QUIRE_PUBLIC_HOSTS/);
    }
    expect(() => loadConfig({ QUIRE_ADMIN_TOKEN: 'short' })).toThrow(/QUIRE_ADMIN_TOKEN/);
    expect(() => loadConfig({ QUIRE_MAX_REST_WRITES_PER_MINUTE: '0' })).toThrow(/QUIRE_MAX_REST_WRITES_PER_MINUTE/);
  });

  it('sizes the format workers to the machine unless set, and bounds the format queue', () => {
    const auto = loadConfig({}).formatWorkers;
    expect(auto).toBe(defaultFormatWorkers());
    expect(auto).toBeGreaterThanOrEqual(1);
    expect(auto).toBeLessThanOrEqual(4);
    expect(loadConfig({ QUIRE_FORMAT_WORKERS: '3' }).formatWorkers).toBe(3);
    expect(loadConfig({})).toMatchObject({
      formatTimeoutMs: 30_000,
      formatMaxHeapMb: 512,
      formatQueueTasks: 64,
      formatQueueBytes: 64 * 1024 * 1024,
      formatTasksPerClient: 4,
      formatSmallTaskBytes: 128 * 1024,
    });
    for (const [name, value] of [
      ['QUIRE_FORMAT_WORKERS', '-1'],
      ['QUIRE_FORMAT_QUEUE_TASKS', '0'],
      ['QUIRE_FORMAT_MAX_HEAP_MB', '8'],
    ]) {
      expect(() => loadConfig({ [name as string]: value })).toThrow(name);
    }
  });
});
