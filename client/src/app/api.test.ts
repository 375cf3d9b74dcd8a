import { describe, expect, it } from 'vitest';
import { ApiError, createDocument, fetchDocInfo } from './api.js';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
const fakeFetch = (answer: () => Response | Promise<Response>) => (async () => answer()) as unknown as typeof fetch;

describe('app API', () => {
  it('creates documents on the server', async () => {
    const calls: [string, RequestInit | undefined][] = [];
    const fetchImpl = (async (url: string, init?: RequestInit) => {
      calls.push([url, init]);
      return json(201, { id: 'abc123' });
    }) as unknown as typeof fetch;
    expect(await createDocument('http://h:1/', fetchImpl)).toEqual({ id: 'abc123', offline: false });
    expect(calls).toEqual([['http://h:1/api/docs', { method: 'POST' }]]);
  });

  it('makes the id itself when the server is unreachable', async () => {
    const result = await createDocument(
      'http://h',
      fakeFetch(() => {
        throw new TypeError('Failed to fetch');
      }),
    );
    expect(result.offline).toBe(true);
    expect(result.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("passes on the server's refusal", async () => {
    const refused = createDocument(
      'http://h',
      fakeFetch(() => json(403, { error: 'forbidden', message: 'Sign in first.' })),
    );
    await expect(refused).rejects.toThrow(new ApiError(403, 'Sign in first.'));
    const garbage = createDocument(
      'http://h',
      fakeFetch(() => json(201, { id: '../../etc' })),
    );
    await expect(garbage).rejects.toThrow('invalid document id');
  });

  it('reads metadata, with a view id when the server has one', async () => {
    expect(
      await fetchDocInfo(
        'http://h',
        'a',
        fakeFetch(() => json(200, { id: 'a', viewId: 'v'.repeat(24) })),
      ),
    ).toEqual({
      id: 'a',
      viewId: 'v'.repeat(24),
    });
    expect(
      await fetchDocInfo(
        'http://h',
        'a',
        fakeFetch(() => json(200, { id: 'a', viewId: 7 })),
      ),
    ).toEqual({ id: 'a' });
    expect(
      await fetchDocInfo(
        'http://h',
        'a',
        fakeFetch(() => json(404, {})),
      ),
    ).toBeNull();
    expect(
      await fetchDocInfo(
        'http://h',
        'a',
        fakeFetch(() => {
          throw new TypeError('offline');
        }),
      ),
    ).toBeNull();
  });
});
