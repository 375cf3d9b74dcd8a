import { metricValue } from './security-helpers.js';

/** Ordinary paragraphs, about 600 KB: many seconds of parsing on any machine (the import). */
export const BIG_MARKDOWN = 'Some ordinary words in a paragraph of text here.\n\n'.repeat(12_000);
export const ALICE = '203.0.113.10';
export const BOB = '198.51.100.20';

/** An import from `address` (the server trusts X-Forwarded-For in these tests, as behind a proxy). */
export const importAs = (url: string, address: string, body: string | Uint8Array) =>
  fetch(`${url}/api/docs`, {
    method: 'POST',
    headers: { 'content-type': 'text/markdown', 'x-forwarded-for': address },
    body,
  });

export const exportAs = (url: string, address: string, docId: string) =>
  fetch(`${url}/api/docs/${docId}/export?format=markdown`, {
    headers: { 'x-forwarded-for': address },
    signal: AbortSignal.timeout(60_000),
  });

/** A request left running; `settled` tells whether it has answered (its failure at teardown is expected). */
export function track(request: Promise<Response>): { settled: boolean } {
  const state = { settled: false };
  request.then(
    () => {
      state.settled = true;
    },
    () => {
      state.settled = true;
    },
  );
  return state;
}

/** Conversions waiting and running, from the server's own /metrics. */
export async function formatTasks(url: string): Promise<{ waiting: number; running: number }> {
  const [waiting, running] = await Promise.all(
    ['waiting', 'running'].map((state) => metricValue(url, 'quire_format_tasks', `state="${state}"`)),
  );
  return { waiting: waiting ?? 0, running: running ?? 0 };
}
