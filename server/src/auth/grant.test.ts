import { describe, expect, it } from 'vitest';
import { AuthError } from './auth-error.js';
import { authorize, authorizeEverything, grantFromClaims } from './grant.js';

describe('grants from token claims', () => {
  it('matches exact ids and whole-id patterns', () => {
    const grant = grantFromClaims({ docs: ['exact-1', 'team-*', '*-draft'], scope: 'write', exp: 100, sub: 'u@x' });
    expect(grant.covers('exact-1')).toBe(true);
    expect(grant.covers('exact-10')).toBe(false);
    expect(grant.covers('team-')).toBe(true);
    expect(grant.covers('team-a_b')).toBe(true);
    expect(grant.covers('xteam-a')).toBe(false);
    expect(grant.covers('plan-draft')).toBe(true);
    expect(grant.everything).toBe(false);
    expect(grant.expiresAt).toBe(100_000);
    expect(grant.subject).toBe('u@x');
  });

  it('write includes read; read does not include write; "*" is needed for everything', () => {
    const reader = grantFromClaims({ docs: ['d'], scope: 'read' });
    expect(() => authorize(reader, 'read', 'd')).not.toThrow();
    expect(() => authorize(reader, 'write', 'd')).toThrow(AuthError);
    expect(() => authorize(reader, 'read', 'e')).toThrow(/does not name/);
    expect(() => authorizeEverything(reader, 'read')).toThrow(AuthError);
    const admin = grantFromClaims({ docs: ['*'], scope: 'write' });
    expect(() => authorizeEverything(admin, 'write')).not.toThrow();
    expect(admin.covers('anything')).toBe(true);
  });

  it.each([
    ['no scope', { docs: ['d'] }],
    ['an unknown scope', { docs: ['d'], scope: 'admin' }],
    ['no docs', { scope: 'read' }],
    ['empty docs', { docs: [], scope: 'read' }],
    ['a non-string doc', { docs: [1], scope: 'read' }],
    ['a regex in docs', { docs: ['a.*'], scope: 'read' }],
    ['a path in docs', { docs: ['../x'], scope: 'read' }],
    ['too many docs', { docs: Array.from({ length: 101 }, (_, i) => `d${i}`), scope: 'read' }],
  ])('refuses %s with a 401', (_name, claims) => {
    expect(() => grantFromClaims(claims)).toThrow(expect.objectContaining({ status: 401 }));
  });

  it('drops subjects that are not safe to log', () => {
    expect(grantFromClaims({ docs: ['d'], scope: 'read', sub: 'evil\nline' }).subject).toBeNull();
    expect(grantFromClaims({ docs: ['d'], scope: 'read', sub: 'x'.repeat(200) }).subject).toBeNull();
  });
});
