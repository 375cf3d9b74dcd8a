import { describe, expect, it } from 'vitest';
import { hostNameOf, isHostAllowed } from './host-guard.js';

describe('Host names', () => {
  it('reads the name of a Host header, with or without a port, IPv6 in brackets', () => {
    expect(hostNameOf('Docs.Example.com:8080')).toBe('docs.example.com');
    expect(hostNameOf('localhost.')).toBe('localhost');
    expect(hostNameOf('[::1]:1234')).toBe('::1');
    expect(hostNameOf('127.0.0.1')).toBe('127.0.0.1');
    for (const bad of [undefined, '', '[nope]:1', 'a b', 'a:b:c', 'x:99999999', 'evil.example@127.0.0.1']) {
      expect(hostNameOf(bad), String(bad)).toBeNull();
    }
  });

  it('passes loopback names and IP addresses, and only the configured names besides', () => {
    for (const host of ['localhost', 'app.localhost', '127.0.0.1', '10.1.2.3', '::1', 'fe80::1']) {
      expect(isHostAllowed(host, []), host).toBe(true);
    }
    for (const host of ['attacker.example', 'localhost.evil', '127.0.0.1.nip.io', 'docs.example.com']) {
      expect(isHostAllowed(host, []), host).toBe(false);
    }
    const hosts = ['docs.example.com', '*.team.example'];
    expect(isHostAllowed('docs.example.com', hosts)).toBe(true);
    expect(isHostAllowed('a.b.team.example', hosts)).toBe(true);
    expect(isHostAllowed('team.example', hosts)).toBe(false);
    expect(isHostAllowed('evilteam.example', hosts)).toBe(false);
    expect(isHostAllowed('anything.example', ['*'])).toBe(true);
    expect(isHostAllowed(null, ['*'])).toBe(false);
  });
});
