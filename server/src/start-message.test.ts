import { describe, expect, it } from 'vitest';
import { startMessage } from './start-message.js';

describe('the start message', () => {
  it('on loopback is one line', () => {
    expect(startMessage({ host: '127.0.0.1', publicHosts: [] }, 'http://127.0.0.1:1234', ['192.168.1.20'])).toBe(
      '\n  Quire is running at http://127.0.0.1:1234\n',
    );
  });

  it('bound to every interface, says how other machines reach it and what to set for a name', () => {
    const text = startMessage({ host: '0.0.0.0', publicHosts: [] }, 'http://localhost:1234', ['192.168.1.20']);
    expect(text).toContain('From other machines: http://192.168.1.20:1234');
    expect(text).toContain('QUIRE_PUBLIC_HOSTS=<that name>');
    const named = startMessage({ host: '::', publicHosts: ['mybox.local'] }, 'https://localhost:8443', ['10.0.0.5']);
    expect(named).toContain('https://10.0.0.5:8443');
    expect(named).toContain('Host names it answers to: mybox.local');
  });
});
