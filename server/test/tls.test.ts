import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { onCleanup, startTestServer, tempDir, text, uniqueDocId, waitFor, waitForSynced } from './helpers.js';

/** A self-signed certificate for 127.0.0.1, made with the system's openssl. */
function selfSignedCertificate(): { certFile: string; keyFile: string; ca: Buffer } {
  const dir = tempDir();
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  try {
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
        ...['-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=localhost'],
        ...['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
      ],
      { stdio: 'pipe' },
    );
  } catch (error) {
    throw new Error(`this test makes its certificate with openssl; install it (apt-get install openssl): ${error}`);
  }
  return { certFile, keyFile, ca: readFileSync(certFile) };
}

const httpsGet = (url: string, ca: Buffer) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    get(url, { ca }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });

describe('direct TLS', () => {
  it('serves https:// and wss:// with QUIRE_TLS_CERT and QUIRE_TLS_KEY, and no plain HTTP', async () => {
    const { certFile, keyFile, ca } = selfSignedCertificate();
    const { url, port } = await startTestServer({ tls: { certFile, keyFile } });
    expect(url).toBe(`https://127.0.0.1:${port}`);
    const health = await httpsGet(`${url}/healthz`, ca);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });

    // The stock provider over wss://, trusting only the test certificate.
    class TrustingWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { ca });
      }
    }
    const docId = uniqueDocId();
    const connect = () => {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(`wss://127.0.0.1:${port}/collab`, docId, doc, {
        WebSocketPolyfill: TrustingWebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      });
      onCleanup(() => provider.destroy());
      return { doc, provider };
    };
    const a = connect();
    const b = connect();
    await waitForSynced(a.provider);
    a.doc.getText('t').insert(0, 'over TLS');
    await waitFor(() => text(b.doc) === 'over TLS', 5000, 'relay over wss');

    // Plain HTTP on the TLS port gets no answer a client could read as HTTP.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
