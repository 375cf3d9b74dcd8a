import { describe, expect, it } from 'vitest';
import { startTestServer } from './helpers.js';
import { mintToken, TEST_SECRET } from './security-helpers.js';

const ADMIN_TOKEN = 'operator-credential-for-tests-0123456789';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function createDoc(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/api/docs`, { method: 'POST', headers });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; viewId: string };
}

describe('listing documents needs an operator credential', () => {
  it('open mode without QUIRE_ADMIN_TOKEN lists nothing to anyone, and still lets anyone create', async () => {
    const { url } = await startTestServer();
    const { id, viewId } = await createDoc(url);
    for (const method of ['GET', 'HEAD']) {
      const response = await fetch(`${url}/api/docs?limit=200`, { method });
      expect(response.status).toBe(403);
      const body = await response.text();
      expect(body).not.toContain(id);
      expect(body).not.toContain(viewId);
      if (method === 'GET') expect(JSON.parse(body)).toMatchObject({ error: 'listing_disabled' });
    }
    // A bearer of any kind changes nothing: there is no credential to match.
    expect((await fetch(`${url}/api/docs`, { headers: bearer(ADMIN_TOKEN) })).status).toBe(403);
    const listing = (await (await fetch(`${url}/api/docs`)).json()) as { message: string };
    expect(listing.message).toContain('QUIRE_ADMIN_TOKEN');
  });

  it('open mode with QUIRE_ADMIN_TOKEN lists for that bearer only', async () => {
    const { url } = await startTestServer({ adminToken: ADMIN_TOKEN });
    const { id, viewId } = await createDoc(url);
    const anonymous = await fetch(`${url}/api/docs`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(await anonymous.json()).toMatchObject({ error: 'admin_required' });
    for (const wrong of [`${ADMIN_TOKEN}x`, ADMIN_TOKEN.slice(1), 'a.b.c']) {
      expect((await fetch(`${url}/api/docs`, { headers: bearer(wrong) })).status, wrong).toBe(401);
    }
    const operator = await fetch(`${url}/api/docs`, { headers: bearer(ADMIN_TOKEN) });
    expect(operator.status).toBe(200);
    expect(await operator.json()).toMatchObject({ docs: [{ id, viewId }], next: null });
  });

  it('token mode lists for a token covering "*" or for the operator credential', async () => {
    const { url } = await startTestServer({ auth: { secret: TEST_SECRET }, adminToken: ADMIN_TOKEN });
    const everything = await mintToken({ docs: ['*'], scope: 'read' });
    const { id } = await createDoc(url, bearer(await mintToken({ docs: ['*'], scope: 'write' })));
    const oneDoc = await mintToken({ docs: [id], scope: 'write' });
    expect((await fetch(`${url}/api/docs`)).status).toBe(401);
    expect((await fetch(`${url}/api/docs`, { headers: bearer(oneDoc) })).status).toBe(403);
    for (const token of [everything, ADMIN_TOKEN]) {
      const response = await fetch(`${url}/api/docs`, { headers: bearer(token) });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { docs: { id: string }[] }).docs.map((doc) => doc.id)).toEqual([id]);
    }
    // The operator credential lists; it is not a token for anything else.
    expect((await fetch(`${url}/api/docs/${id}`, { headers: bearer(ADMIN_TOKEN) })).status).toBe(401);
  });
});
