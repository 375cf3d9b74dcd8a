import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../shared/limits.js';
import { ConfigError, loadConfig } from '../config.js';
import { clientAddress } from './client-address.js';
import { ConnectionLimiter } from './connection-limiter.js';
import { RateMeter } from './rate-meter.js';

describe('client addresses', () => {
  it('uses the socket address unless a proxy is trusted, then the last forwarded hop', () => {
    expect(clientAddress('10.0.0.1', '1.2.3.4', false)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', 'spoofed, 1.2.3.4', true)).toBe('1.2.3.4');
    expect(clientAddress('10.0.0.1', 'not-an-ip', true)).toBe('10.0.0.1');
    expect(clientAddress('::ffff:192.0.2.7', undefined, false)).toBe('192.0.2.7');
    expect(clientAddress(undefined, undefined, false)).toBe('unknown');
  });

  it('counts IPv6 per /64', () => {
    expect(clientAddress('2001:db8:1:2:aaaa::1', undefined, false)).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:db8:1:2:bbbb:cccc:dddd:eeee', undefined, false)).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:db8::1', undefined, false)).toBe('2001:db8:0:0::/64');
    expect(clientAddress('::1', undefined, false)).toBe('0:0:0:0::/64');
  });
});

describe('connection limiter', () => {
  it('caps connections per address and in total, and releases each slot once', () => {
    const limiter = new ConnectionLimiter({ maxConnections: 3, maxConnectionsPerIp: 2, maxHandshakesPerIp: 100 });
    const a1 = limiter.reserve('a');
    const a2 = limiter.reserve('a');
    expect(limiter.reserve('a')).toMatchObject({ status: 429 });
    const b1 = limiter.reserve('b');
    expect(limiter.reserve('c')).toMatchObject({ status: 503 });
    if ('release' in a1) {
      a1.release();
      a1.release();
    }
    expect(limiter.openConnections).toBe(2);
    expect(limiter.check('a')).toBeNull();
    expect('release' in a2 && 'release' in b1).toBe(true);
  });

  it('counts handshakes per address in one-second windows', () => {
    const limiter = new ConnectionLimiter({ maxConnections: 10, maxConnectionsPerIp: 10, maxHandshakesPerIp: 2 });
    expect(limiter.countHandshake('a', 1000)).toBeNull();
    expect(limiter.countHandshake('a', 1500)).toBeNull();
    expect(limiter.countHandshake('a', 1999)).toMatchObject({ status: 429 });
    expect(limiter.countHandshake('b', 1999)).toBeNull();
    expect(limiter.countHandshake('a', 2000)).toBeNull();
  });
});

describe('rate meter', () => {
  it('allows a window of messages and bytes, then refuses until the next window', () => {
    const meter = new RateMeter(3, 100);
    expect([meter.allow(10, 0), meter.allow(10, 10), meter.allow(10, 20), meter.allow(10, 30)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(meter.allow(10, 1000)).toBe(true);
    expect(meter.allow(95, 1001)).toBe(false);
  });
});

describe('limits configuration', () => {
  it('reads every limit from its variable, with the table defaults', () => {
    const config = loadConfig({});
    for (const [name, value] of Object.entries(DEFAULT_LIMITS)) expect(config[name as keyof typeof config]).toBe(value);
    expect(loadConfig({ QUIRE_MAX_CONNECTIONS_PER_IP: '7' }).maxConnectionsPerIp).toBe(7);
  });

  it('documents every limit in SECURITY.md with its variable and default', () => {
    const security = readFileSync(new URL('../../../SECURITY.md', import.meta.url), 'utf8');
    const source = readFileSync(new URL('../../../shared/limits.ts', import.meta.url), 'utf8');
    for (const [name, value] of Object.entries(DEFAULT_LIMITS)) {
      const variable = new RegExp(`\`(QUIRE_[A-Z_]+)\`: [^\\n]*\\n\\s*${name}:`).exec(source)?.[1];
      expect(variable, name).toBeDefined();
      const row = security.split('\n').find((line) => line.includes(`\`${variable}\``));
      expect(row, `${variable} in SECURITY.md`).toBeDefined();
      expect(row, `${variable} default`).toContain(`\`${value}\``);
    }
  });

  it.each([
    [{ QUIRE_AUTH_SECRET: 'too short' }, 'QUIRE_AUTH_SECRET'],
    [{ QUIRE_AUTH_PUBLIC_KEY: 'not a key' }, 'QUIRE_AUTH_PUBLIC_KEY'],
    [{ QUIRE_AUTH_JWKS_URL: 'ftp://keys' }, 'QUIRE_AUTH_JWKS_URL'],
    [{ QUIRE_AUTH_SECRET: 's'.repeat(32), QUIRE_AUTH_JWKS_URL: 'https://k.example/jwks' }, 'only one of'],
    [{ QUIRE_ALLOWED_ORIGINS: 'https://a.example/path' }, 'QUIRE_ALLOWED_ORIGINS'],
    [{ QUIRE_ALLOWED_ORIGINS: 'null' }, 'QUIRE_ALLOWED_ORIGINS'],
    [{ QUIRE_TLS_CERT: '/tmp/cert.pem' }, 'QUIRE_TLS_KEY'],
    [{ QUIRE_MAX_CONNECTIONS: '0' }, 'QUIRE_MAX_CONNECTIONS'],
    [{ QUIRE_TRUST_PROXY: 'maybe' }, 'QUIRE_TRUST_PROXY'],
  ])('refuses %o naming %s', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('normalizes allowed origins and reads token mode', () => {
    const config = loadConfig({
      QUIRE_ALLOWED_ORIGINS: 'https://App.example, http://localhost:5173/',
      QUIRE_AUTH_SECRET: 's'.repeat(32),
      QUIRE_TRUST_PROXY: 'true',
    });
    expect(config.allowedOrigins).toEqual(['https://app.example', 'http://localhost:5173']);
    expect(config.auth?.secret).toBe('s'.repeat(32));
    expect(config.trustProxy).toBe(true);
    expect(loadConfig({}).auth).toBeNull();
  });
});
