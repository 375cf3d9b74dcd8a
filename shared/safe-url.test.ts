import { describe, expect, it } from 'vitest';
import { isSafeUrl } from './safe-url.js';

describe('isSafeUrl', () => {
  it('allows http, https and mailto links, and links without a scheme', () => {
    for (const url of [
      'https://example.com/a?b=1&c=2#d',
      'http://example.com',
      'HTTPS://EXAMPLE.COM',
      'mailto:someone@example.com',
      '/d/abc',
      './notes.md',
      '../up',
      '//cdn.example/x',
      '#top',
      '?q=1',
      'page.html',
      'https://example.com/?next=javascript:alert(1)',
      'https://example.com/%E2%9C%93',
      'https://example.com/a%20b',
    ]) {
      expect({ url, safe: isSafeUrl(url) }).toEqual({ url, safe: true });
    }
  });

  it('refuses every other scheme, in every disguise a browser or a Markdown renderer undoes', () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      '\u0000javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'java\r\nscript:alert(1)',
      'jav\u00a0ascript:alert(1)',
      'java\u200bscript:alert(1)',
      'javascript\\:alert(1)',
      '&#106;avascript:alert(1)',
      '&#x6A;avascript:alert(1)',
      '&#0000106avascript:alert(1)',
      'javascript&colon;alert(1)',
      'javascript&#58;alert(1)',
      'java&Tab;script:alert(1)',
      'java&NewLine;script:alert(1)',
      '&amp;#106;avascript:alert(1)',
      '%6Aavascript:alert(1)',
      'javascript%3Aalert(1)',
      'javascript%253Aalert(1)',
      'vbscript:msgbox(1)',
      'VBScript:msgbox(1)',
      'data:text/html,<script>alert(1)</script>',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'DATA:image/svg+xml,<svg onload=alert(1)>',
      'file:///etc/passwd',
      'blob:https://example.com/1',
      'tel:+1555',
      'ftp://example.com',
      'intent://x#Intent;end',
      ':no-scheme',
      '',
      '   ',
      '&#32;',
    ]) {
      expect({ url, safe: isSafeUrl(url) }).toEqual({ url, safe: false });
    }
  });

  it('refuses what is not a string, and encodings nested deeper than any real link', () => {
    for (const value of [null, undefined, 42, ['https://x'], { href: 'https://x' }]) {
      expect(isSafeUrl(value)).toBe(false);
    }
    expect(isSafeUrl(`https://x/${'%25'.repeat(1)}2541`)).toBe(true);
    expect(isSafeUrl(`https://x/%${'25'.repeat(10)}41`)).toBe(false);
  });
});
