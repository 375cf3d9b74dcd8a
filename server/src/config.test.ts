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
});
