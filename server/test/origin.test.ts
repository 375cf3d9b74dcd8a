import { describe, expect, it } from 'vitest';
import { startTestServer, uniqueDocId } from './helpers.js';
import { openSocket } from './security-helpers.js';

describe('QUIRE_ALLOWED_ORIGINS', () => {
  it('admits the listed origins and requests without an Origin, and refuses everything else with 403', async () => {
    const { wsUrl, url } = await startTestServer({
      allowedOrigins: ['https://app.example', 'http://localhost:5173'],
    });
    const docId = uniqueDocId();
    const status = async (origin?: string) =>
      (await openSocket(`${wsUrl}/${docId}`, { headers: origin === undefined ? {} : { origin } })).status;
    expect(await status('https://app.example')).toBe(101);
    expect(await status('http://localhost:5173')).toBe(101);
    expect(await status()).toBe(101);
    for (const origin of [
      'null',
      'https://evil.example',
      'https://app.example.evil.example',
      'https://evilapp.example',
      'http://app.example',
      'https://app.example:8443',
      'https://app.example/',
      'https://APP.example',
      'http://localhost:5174',
      'https://app.example, https://evil.example',
    ]) {
      expect(await status(origin), origin).toBe(403);
    }
    const why = await fetch(`${url}/collab/${docId}`, { headers: { origin: 'null' } });
    expect(why.status).toBe(403);
    expect(await why.json()).toMatchObject({ error: 'origin_not_allowed' });
  });

  it('without the setting any origin may connect', async () => {
    const { wsUrl } = await startTestServer();
    expect(
      (await openSocket(`${wsUrl}/${uniqueDocId()}`, { headers: { origin: 'https://anywhere.example' } })).status,
    ).toBe(101);
  });
});
