import { expect, test } from '../fixtures.js';
import { EmbedSite } from '../support/embed-site.js';

/** A name this browser resolves to the server, as a page that rebound its own DNS name would. */
const REBOUND = 'rebound.quire.test';

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--host-resolver-rules=MAP ${REBOUND} 127.0.0.1`,
    ],
  },
});

const refusals = async (baseUrl: string, reason: string): Promise<number> => {
  const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = metrics.split('\n').find((entry) => entry.startsWith(`quire_refusals_total{reason="${reason}"}`));
  return Number(line?.split(' ').at(-1) ?? 0);
};

test("a page on another site cannot change a document through its visitor's browser", async ({
  newUser,
  docId,
  quire,
}) => {
  const alice = await newUser('Alice');
  await alice.open(docId);
  await alice.editor.typeAtEnd('Kept as it is.');
  await alice.editor.expectSaved();
  const named = await fetch(`${quire.url}/api/docs/${docId}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'mine' }),
  });
  const { id: versionId } = (await named.json()) as { id: number };

  const site = await EmbedSite.start(quire.url, { doc: docId, 'user-name': 'Visitor' });
  try {
    const visitor = await newUser('Visitor');
    await visitor.page.goto(site.url);
    // What any page can send without asking: simple POSTs, a text/plain body that reads as JSON.
    const sent = await visitor.page.evaluate(
      async ({ base, doc, version }) => {
        const attempts: [string, RequestInit][] = [
          [`${base}/api/docs`, { method: 'POST', mode: 'no-cors' }],
          [
            `${base}/api/docs/${doc}/versions`,
            { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{"name":"pwned"}' },
          ],
          [`${base}/api/docs/${doc}/versions/${version}/restore`, { method: 'POST', mode: 'no-cors' }],
        ];
        let count = 0;
        for (const [url, init] of attempts) {
          await fetch(url, init);
          count++;
        }
        return count;
      },
      { base: quire.url, doc: docId, version: versionId },
    );
    expect(sent).toBe(3);
    await expect.poll(() => refusals(quire.url, 'cross_site_request')).toBe(3);
    const versions = (await (await fetch(`${quire.url}/api/docs/${docId}/versions`)).json()) as {
      versions: { name: string }[];
    };
    expect(versions.versions.map((version) => version.name)).toEqual(['mine']);
    // The embed on that same page still edits: it needs no REST write.
    await visitor.editor.waitUntilReady();
    await visitor.editor.typeAtEnd(' Embedded.');
    await expect(alice.editor.content).toContainText('Kept as it is. Embedded.');
  } finally {
    await site.close();
  }
});

test('a page whose name was rebound to the server gets the refusal page and no data', async ({
  browser,
  newUser,
  docId,
  quire,
}) => {
  const alice = await newUser('Alice');
  await alice.open(docId);
  await alice.editor.typeAtEnd('Private words.');
  await alice.editor.expectSaved();

  // The refusal page's own CSP would stop any script; the attacker's page has none, so neither may this one:
  // what is proved is that the server answers nothing under that name.
  const malloryContext = await browser.newContext({ bypassCSP: true });
  const mallory = { page: await malloryContext.newPage() };
  const response = await mallory.page.goto(`http://${REBOUND}:${quire.port}/d/${docId}`);
  expect(response?.status()).toBe(403);
  await expect(mallory.page.locator('body')).toContainText(`QUIRE_PUBLIC_HOSTS=${REBOUND}`);
  // Same-origin for the browser, so the page could read any answer it got: it gets none with content.
  const read = await mallory.page.evaluate(async (doc) => {
    const answer = await fetch(`/api/docs/${doc}/export?format=text`);
    return { status: answer.status, body: await answer.text() };
  }, docId);
  expect(read.status).toBe(403);
  expect(read.body).not.toContain('Private words.');
  await malloryContext.close();
});

test.describe('with the name in QUIRE_PUBLIC_HOSTS', () => {
  test.use({ quireEnv: { QUIRE_PUBLIC_HOSTS: REBOUND } });

  test('the app works under that name: pages, REST and the WebSocket', async ({ newUser, docId, quire }) => {
    const ada = await newUser('Ada');
    await ada.open(docId, `http://${REBOUND}:${quire.port}`);
    await ada.editor.typeAtEnd('Reached by name.');
    await ada.editor.expectSaved();
    const grace = await newUser('Grace');
    await grace.open(docId);
    await expect(grace.editor.content).toContainText('Reached by name.');
  });
});
