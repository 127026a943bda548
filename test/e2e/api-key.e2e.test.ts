import { type Browser } from 'playwright-core';
import {
  createKeyWithCli,
  createProcessDatabase,
  killServerProcess,
  type ProcessDatabase,
  type ServerProcess,
  startServerProcess,
} from '../integration/fixtures/server-process';
import { launchBrowser, openPage, waitForChart } from './browser';

/**
 * The dashboard on a server that refuses anonymous reads (ALLOW_ANONYMOUS_READS=false, as on PostgreSQL by
 * default): the page asks for an API key, says when the key given cannot read, reads with a good one, and keeps
 * it in the tab's session storage only (a new tab asks again; nothing in local storage or cookies).
 */
let database: ProcessDatabase;
let server: ServerProcess;
let browser: Browser;
let token: string;

beforeAll(async () => {
  database = await createProcessDatabase('ewl-e2e-key');
  [server, browser] = await Promise.all([
    startServerProcess(database.env, { SEED_DEMO_DATA: 'true', ALLOW_ANONYMOUS_READS: 'false' }),
    launchBrowser(),
  ]);
  // The CLI reaches the embedded database through the running server (the owner lock's URL).
  token = await createKeyWithCli(database.env, 'read');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (server) await killServerProcess(server);
  await database?.drop();
});

describe('dashboard API key', () => {
  it('asks for a key, refuses a wrong one, reads with a good one and keeps it in the tab only', async () => {
    const anonymous = await fetch(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ orgNodes { key } }' }),
    });
    expect(
      ((await anonymous.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code,
    ).toBe('UNAUTHENTICATED');

    const { page, errors } = await openPage(browser);
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('heading', { name: 'An API key is needed' }).waitFor();

    await page.getByLabel('API key', { exact: true }).fill('ewl_0000000000000000_not-a-key');
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.getByRole('heading', { name: 'This API key cannot read this' }).waitFor();

    await page.getByLabel('API key', { exact: true }).fill(token);
    await page.getByRole('button', { name: 'Use this key' }).click();
    expect(await waitForChart(page, 'org-treemap')).toBeGreaterThan(10);
    const storage = await page.evaluate(() => {
      const g = globalThis as unknown as {
        sessionStorage: { length: number; key(i: number): string | null; getItem(k: string): string | null };
        localStorage: { length: number };
        document: { cookie: string };
      };
      const session = Array.from({ length: g.sessionStorage.length }, (_, i) =>
        g.sessionStorage.getItem(g.sessionStorage.key(i)!),
      );
      return { session, local: g.localStorage.length, cookie: g.document.cookie };
    });
    expect(storage).toEqual({ session: [token], local: 0, cookie: '' });

    // Another page of the same tab reads with the key; a new tab (its own session storage) asks again.
    await page.goto(`${server.baseUrl}/`);
    expect(await waitForChart(page, 'org-treemap')).toBeGreaterThan(10);
    const other = await openPage(browser);
    await other.page.goto(`${server.baseUrl}/`);
    await other.page.getByRole('heading', { name: 'An API key is needed' }).waitFor();
    await other.page.close();

    // The refused reads are the API's answers (401 UNAUTHENTICATED), which the browser logs as failed resources.
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    await page.close();
  });
});
