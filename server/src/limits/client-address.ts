import { isIP } from 'node:net';

/**
 * The key per-address limits count under: the socket's peer address, or behind a trusted proxy the
 * last `X-Forwarded-For` hop (the address the proxy saw; earlier hops are client-supplied). IPv6
 * addresses count per /64, the block one subscriber usually gets.
 */
export function clientAddress(
  remote: string | undefined,
  forwardedFor: string | undefined,
  trustProxy: boolean,
): string {
  let address = remote;
  if (trustProxy && forwardedFor) {
    const last = forwardedFor.split(',').at(-1)?.trim();
    if (last && isIP(last)) address = last;
  }
  if (!address || !isIP(address)) return 'unknown';
  if (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4) return address.slice(7);
  return isIP(address) === 6 ? ipv6Prefix64(address) : address;
}

function ipv6Prefix64(address: string): string {
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
