import { describe, expect, it } from 'vitest';
import { classifyProbe, httpUrlOf, probeHandshake } from './handshake-probe.js';

describe('handshake probe', () => {
  it('treats bad ids, missing or wrong credentials and unknown documents as permanent', () => {
    expect(classifyProbe(400, { error: 'invalid_doc_id', message: 'Document ids are 1-128 characters.' })).toEqual({
      kind: 'permanent',
      status: 400,
      code: 4400,
      message: 'Document ids are 1-128 characters.',
    });
    expect(classifyProbe(401, null)).toMatchObject({ kind: 'permanent', code: 4401 });
    expect(classifyProbe(403, { message: '  ' })).toMatchObject({
      kind: 'permanent',
      code: 4403,
      message: 'You do not have access to this document.',
    });
    expect(classifyProbe(404, {})).toMatchObject({ kind: 'permanent', code: 4404 });
  });

  it('treats limits, server errors, a passing check (426) and no answer as transient', () => {
    for (const status of [426, 429, 500, 502, 503]) expect(classifyProbe(status, null).kind).toBe('transient');
    expect(classifyProbe(null, null)).toEqual({
      kind: 'transient',
      status: null,
      message: 'The server cannot be reached.',
    });
    expect(classifyProbe(429, { message: 'Too many connections.' }).message).toBe('Too many connections.');
  });

  it('caps long messages from the server', () => {
    expect(classifyProbe(403, { message: 'x'.repeat(5000) }).message).toHaveLength(300);
  });

  it('asks over HTTP at the WebSocket URL', async () => {
    expect(httpUrlOf('wss://h/collab/a?ack=1')).toBe('https://h/collab/a?ack=1');
    expect(httpUrlOf('ws://h:1/collab/a')).toBe('http://h:1/collab/a');
    const seen: string[] = [];
    const fakeFetch = (async (url: string) => {
      seen.push(url);
      return new Response(JSON.stringify({ error: 'forbidden', message: 'Nope.' }), { status: 403 });
    }) as unknown as typeof fetch;
    expect(await probeHandshake('ws://h/collab/a?token=t', fakeFetch)).toMatchObject({
      kind: 'permanent',
      message: 'Nope.',
    });
    expect(seen).toEqual(['http://h/collab/a?token=t']);
  });

  it('reports a failed request or a non-JSON answer without throwing', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    expect((await probeHandshake('ws://h/collab/a', failing)).kind).toBe('transient');
    const html = (async () => new Response('<h1>Bad gateway</h1>', { status: 502 })) as unknown as typeof fetch;
    expect(await probeHandshake('ws://h/collab/a', html)).toMatchObject({ kind: 'transient', status: 502 });
  });
});
