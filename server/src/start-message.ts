import { isIP } from 'node:net';
import type { Config } from './config.js';

const isLoopbackBind = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host.startsWith('127.') || host.endsWith('.localhost');

/**
 * What `npm start` prints. A server bound beyond loopback (`HOST=0.0.0.0`) also says how other machines
 * reach it: by IP address as it is, by name only once that name is in `QUIRE_PUBLIC_HOSTS` (the
 * DNS-rebinding guard refuses names it was not told about).
 */
export function startMessage(
  config: Pick<Config, 'host' | 'publicHosts'>,
  url: string,
  lanAddresses: string[],
): string {
  const lines = [`  Quire is running at ${url}`];
  if (!isLoopbackBind(config.host)) {
    const port = new URL(url).port;
    const scheme = new URL(url).protocol;
    const shown = lanAddresses.slice(0, 3).map((address) => {
      const host = isIP(address) === 6 ? `[${address}]` : address;
      return `${scheme}//${host}${port ? `:${port}` : ''}`;
    });
    if (shown.length > 0) lines.push(`  From other machines: ${shown.join(', ')}`);
    lines.push(
      config.publicHosts.length > 0
        ? `  Host names it answers to: ${config.publicHosts.join(', ')} (QUIRE_PUBLIC_HOSTS)`
        : '  Reached by a host name (docs.example.com, mybox.local)? Start it with QUIRE_PUBLIC_HOSTS=<that name>.',
    );
  }
  return `\n${lines.join('\n')}\n`;
}
