import { Client } from 'pg';
import { createKey } from '../fixtures/auth-fixtures';
import { CuttableProxy } from '../fixtures/cuttable-proxy';
import { buildOrgNode } from '../fixtures/write-fixtures';
import { operation, type TestApp, useTestApp } from '../helpers';

// Issue #9 items 2 and 6 (Proof: a fault test that really breaks the database connection). The
// app's pool reaches the database through a TCP proxy in this test; cutting the proxy drops every
// connection and refuses new ones, as a database restart or a network cut does. Both database
// modes: the embedded PGlite is served over the same wire protocol.

const CREATE_ORG_NODE = operation('mutation-create-org-node');
const ORG_NODES = '{ orgNodes { key } }';

describe('database outage', () => {
  const target = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/x');
  const proxy = new CuttableProxy({ host: target.hostname, port: Number(target.port || 5432) });
  beforeAll(() => proxy.listen());
  const t: TestApp = useTestApp({ databaseUrl: () => proxy.url });
  afterAll(() => proxy.cut());
  let token = '';
  const acknowledged: string[] = [];

  beforeAll(async () => {
    await t.truncateAll();
    await buildOrgNode(t, { key: 'acme' });
    token = (await createKey(t, { scopes: ['write:catalogue', 'read'] })).token;
  });

  /** Creates an org node over HTTP; returns whether the server acknowledged it (200, no errors). */
  async function write(key: string): Promise<Awaited<ReturnType<TestApp['postWithHeaders']>>> {
    const result = await t.postWithHeaders(
      CREATE_ORG_NODE,
      { input: { key, name: key, kind: 'team', parentKey: 'acme' } },
      token,
    );
    if (result.status === 200 && !result.errors) acknowledged.push(key);
    return result;
  }

  function expectUnavailable(result: Awaited<ReturnType<TestApp['postWithHeaders']>>) {
    expect(result.status).toBe(503);
    expect(result.headers.get('retry-after')).toBe('5');
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      reason: 'DATABASE_UNAVAILABLE',
    });
    expect(result.errors?.[0]?.message).toBe('The database is unavailable; retry later');
  }

  /** Polls a read until it succeeds; returns how long recovery took. */
  async function waitForRecovery(): Promise<number> {
    const started = Date.now();
    for (;;) {
      const result = await t.postWithHeaders(ORG_NODES, {}, token);
      if (result.status === 200 && !result.errors) return Date.now() - started;
      expectUnavailable(result);
      if (Date.now() - started > 30_000) throw new Error('no recovery within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const stackLines = () => t.errorLog.filter((entry) => /first failure of this incident/.test(String(entry[0])));
  const requestLines = () =>
    t.errorLog.filter((entry) => /^\[DATABASE_UNAVAILABLE\] operation /.test(String(entry[0])));

  it('acknowledges writes while the database is reachable', async () => {
    for (const key of ['before-1', 'before-2', 'before-3']) expect((await write(key)).errors).toBeUndefined();
  });

  it('answers SERVICE_UNAVAILABLE (503, Retry-After) to every request while the connection is cut, and keeps running', async () => {
    t.errorLog.splice(0);
    await proxy.cut();
    const outcomes = [];
    for (let i = 0; i < 5; i += 1)
      outcomes.push(await write(`during-${i}`), await t.postWithHeaders(ORG_NODES, {}, token));
    outcomes.push(...(await Promise.all(Array.from({ length: 6 }, () => t.postWithHeaders(ORG_NODES, {}, token)))));
    for (const outcome of outcomes) expectUnavailable(outcome);
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('logs one line without a stack per failed request, and the stack once for the incident', () => {
    expect(requestLines()).toHaveLength(16);
    for (const line of requestLines()) expect(JSON.stringify(line)).not.toMatch(/\\n\s+at /);
    expect(stackLines()).toHaveLength(1);
    expect(t.errorLog).toHaveLength(17);
  });

  it('recovers within a few seconds of the database coming back, and acknowledges writes again', async () => {
    await proxy.listen();
    expect(await waitForRecovery()).toBeLessThan(5_000);
    for (const key of ['after-1', 'after-2', 'after-3']) expect((await write(key)).errors).toBeUndefined();
  });

  it('logs the stack again for a new incident after the database was reachable in between', async () => {
    t.errorLog.splice(0);
    await proxy.cut();
    expectUnavailable(await t.postWithHeaders(ORG_NODES, {}, token));
    expectUnavailable(await t.postWithHeaders(ORG_NODES, {}, token));
    expect(stackLines()).toHaveLength(1);
    expect(requestLines()).toHaveLength(2);
    await proxy.listen();
    await waitForRecovery();
  });

  it('has stored every acknowledged write, before and after the cut, and none refused during it', async () => {
    const direct = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await direct.connect();
    try {
      const rows: { key: string }[] = (await direct.query(`SELECT key FROM org_node WHERE key <> 'acme' ORDER BY key`))
        .rows;
      expect(acknowledged.sort()).toEqual(['after-1', 'after-2', 'after-3', 'before-1', 'before-2', 'before-3']);
      expect(rows.map((r) => r.key)).toEqual(acknowledged);
    } finally {
      await direct.end();
    }
  });
});
