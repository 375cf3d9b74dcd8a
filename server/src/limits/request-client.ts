import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { clientAddress } from './client-address.js';

/**
 * Who is asking, for per-client fairness and caps on REST work: the token's subject when the request
 * carries one (several people behind one proxy address stay apart), else the client address exactly
 * as the WebSocket limits count it (`QUIRE_TRUST_PROXY`, IPv6 per /64).
 */
export function requestClient(c: Context, trustProxy: boolean): string {
  const subject = c.get('grant')?.subject;
  return subject ? `sub:${subject}` : `ip:${requestAddress(c, trustProxy)}`;
}

/** The client address of a request, counted like the WebSocket limits (`clientAddress`). */
export function requestAddress(c: Context, trustProxy: boolean): string {
  const remote = (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket?.remoteAddress;
  return clientAddress(remote, c.req.header('x-forwarded-for'), trustProxy);
}
