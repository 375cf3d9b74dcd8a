import { describe, expect, it } from 'vitest';
import { internalLink, parseRoute, type Route, routePath } from './router.js';

const click = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false, defaultPrevented: false };
const anchor = (href: string, target = '', download = false) => ({
  href,
  target,
  hasAttribute: (name: string) => name === 'download' && download,
});

describe('routing', () => {
  it('maps the landing page', () => {
    expect(parseRoute('/')).toEqual({ name: 'home' });
    expect(parseRoute('/index.html')).toEqual({ name: 'home' });
  });

  it('maps document and view-only pages, with or without a trailing slash', () => {
    expect(parseRoute('/d/abc_DEF-123')).toEqual({ name: 'doc', docId: 'abc_DEF-123' });
    expect(parseRoute('/d/abc/')).toEqual({ name: 'doc', docId: 'abc' });
    const viewId = 'V'.repeat(22);
    expect(parseRoute(`/r/${viewId}`)).toEqual({ name: 'view', viewId });
    // View ids are longer than document ids may be.
    expect(parseRoute(`/r/${'v'.repeat(200)}`)).toMatchObject({ name: 'view' });
  });

  it('turns malformed document links into an error page, not a blank editor', () => {
    for (const raw of ['', 'a%20b', 'x'.repeat(129), '%E0%A4%A', 'a/b', '..', 'caf%C3%A9']) {
      expect(parseRoute(`/d/${raw}`)).toEqual({ name: 'invalid-link', kind: 'doc', raw });
    }
    expect(parseRoute('/d')).toEqual({ name: 'invalid-link', kind: 'doc', raw: '' });
    expect(parseRoute('/r/no%20way')).toMatchObject({ name: 'invalid-link', kind: 'view' });
    expect(parseRoute('/r/short')).toMatchObject({ name: 'invalid-link', kind: 'view' });
  });

  it('does not mistake look-alike paths for app pages', () => {
    expect(parseRoute('/docs')).toEqual({ name: 'not-found', path: '/docs' });
    expect(parseRoute('/dd/abc')).toMatchObject({ name: 'not-found' });
    expect(parseRoute('/api/docs')).toMatchObject({ name: 'not-found' });
  });

  it('builds paths that parse back to the same page', () => {
    const routes: Route[] = [
      { name: 'home' },
      { name: 'doc', docId: 'A-b_9' },
      { name: 'view', viewId: 'z'.repeat(30) },
    ];
    for (const route of routes) expect(parseRoute(routePath(route))).toEqual(route);
  });
});

describe('link interception', () => {
  const origin = 'http://quire.test';

  it('takes plain clicks on app links', () => {
    expect(internalLink(click, anchor('http://quire.test/d/abc'), origin)).toBe('/d/abc');
    expect(internalLink(click, anchor('/?x=1#top'), origin)).toBe('/?x=1#top');
  });

  it('leaves everything else to the browser', () => {
    expect(internalLink({ ...click, ctrlKey: true }, anchor('/d/abc'), origin)).toBeNull();
    expect(internalLink({ ...click, button: 1 }, anchor('/d/abc'), origin)).toBeNull();
    expect(internalLink({ ...click, defaultPrevented: true }, anchor('/d/abc'), origin)).toBeNull();
    expect(internalLink(click, anchor('/d/abc', '_blank'), origin)).toBeNull();
    expect(internalLink(click, anchor('/d/abc', '', true), origin)).toBeNull();
    expect(internalLink(click, anchor('https://elsewhere.test/d/abc'), origin)).toBeNull();
    expect(internalLink(click, anchor('/api/docs/abc/update'), origin)).toBeNull();
  });
});
