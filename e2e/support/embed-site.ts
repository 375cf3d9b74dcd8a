import { createServer, type Server } from 'node:http';

const EMBED_HOST = '127.0.0.2';

/** HTML-escapes an attribute value. */
const attr = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A tiny HTTP server on its own port (another origin than Quire) serving one plain HTML page that
 * embeds `<quire-editor>` with a single script tag, the way a third-party site would.
 */
export class EmbedSite {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /**
   * `attributes` go on `<quire-editor>` as given (`true` for a bare boolean attribute such as `readonly`);
   * `css` is the page's own style sheet.
   */
  static async start(
    quireUrl: string,
    attributes: Record<string, string | true>,
    options: { css?: string } = {},
  ): Promise<EmbedSite> {
    const all: Record<string, string | true> = { server: quireUrl, ...attributes };
    const attributeText = Object.entries(all)
      .map(([name, value]) => (value === true ? name : `${name}="${attr(value)}"`))
      .join(' ');
    const html = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>A page that embeds Quire</title><style>${options.css ?? ''}</style></head>
  <body>
    <h1>Someone else's page</h1>
    <script type="module" src="${attr(quireUrl)}/embed/quire-editor.js"></script>
    <quire-editor ${attributeText}></quire-editor>
  </body>
</html>
`;
    const server = createServer((req, res) => {
      if (req.url === '/' || req.url === '/index.html') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(html);
        return;
      }
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      // 127.0.0.2: another loopback address is another origin and another site than 127.0.0.1, with
      // no name lookup (Chromium tries ::1 first for `localhost`).
      server.listen(0, EMBED_HOST, () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the embed site has no TCP address');
    return new EmbedSite(server, `http://${EMBED_HOST}:${address.port}/`);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
