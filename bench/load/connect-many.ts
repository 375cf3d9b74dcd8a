import { LoadClient, type LoadClientOptions } from './load-client.js';

/**
 * Opens `count` synced clients, `concurrency` handshakes at a time (a burst of thousands would overflow
 * the listen backlog and measure the kernel, not the server). Closes what it opened if one fails.
 */
export async function connectMany(
  count: number,
  optionsFor: (index: number) => LoadClientOptions,
  concurrency = 64,
): Promise<LoadClient[]> {
  const clients: LoadClient[] = new Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      clients[index] = await LoadClient.connect(optionsFor(index));
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  } catch (error) {
    for (const client of clients) client?.terminate();
    throw error;
  }
  return clients;
}
