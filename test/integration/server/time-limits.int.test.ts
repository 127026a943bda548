import { Client } from 'pg';
import { createKey } from '../fixtures/auth-fixtures';
import { buildExperiment, buildMetrics, buildOrgTree } from '../fixtures/write-fixtures';
import { operation, snapshotDatabase, type TestApp, useTestApp } from '../helpers';

// Issue #9 item 2: a per-request deadline, a statement_timeout on every pooled connection and a
// shorter deadline for anonymous reads. A request that runs out of time answers TIMEOUT (HTTP 503,
// Retry-After), gives its connections back and leaves nothing half-written.

const DEEP = operation('query-experiments-deep');
const UPDATE_ORG_NODE = operation('mutation-update-org-node');
const NODE_NAMES = `{ orgNodes { key name } }`;

/**
 * Seeds an org tree, metrics and a few experiments once (the first describe; the later ones, whose
 * short statement_timeout a TRUNCATE may exceed, reuse them); returns an admin token and the node ids.
 */
async function seed(t: TestApp, fresh: boolean): Promise<{ token: string; nodes: Record<string, string> }> {
  if (fresh) {
    await t.truncateAll();
    await buildOrgTree(t);
    await buildMetrics(t);
    for (let i = 1; i <= 6; i += 1) await buildExperiment(t, { key: `exp-${i}` });
  }
  const rows: { id: string; key: string }[] = await t.dataSource.query('SELECT id, key FROM org_node');
  return {
    token: (await createKey(t, { scopes: ['admin'] })).token,
    nodes: Object.fromEntries(rows.map((r) => [r.key, r.id])),
  };
}

function expectTimeout(result: Awaited<ReturnType<TestApp['postWithHeaders']>>, reason: string) {
  expect(result.status).toBe(503);
  expect(result.headers.get('retry-after')).toBe('5');
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'TIMEOUT', reason });
}

describe('request deadline (both database modes)', () => {
  // 1 ms for anonymous readers: the deep page needs several statements one after another (the page,
  // then each level of relations), so its later statements always start after the deadline.
  const t = useTestApp({ allowAnonymousReads: true, timeouts: { requestMs: 15_000, anonymousRequestMs: 1 } });
  let token = '';

  beforeAll(async () => {
    ({ token } = await seed(t, true));
  });

  it('answers TIMEOUT with 503 and Retry-After when an anonymous read outlives its deadline', async () => {
    expectTimeout(await t.postWithHeaders(DEEP, { first: 6 }), 'REQUEST_DEADLINE');
  });

  it('gives keyed requests the longer deadline: the same read succeeds', async () => {
    const result = await t.post<{ experiments: { totalCount: number } }>(DEEP, { first: 6 }, token);
    expect(result.errors).toBeUndefined();
    expect(result.status).toBe(200);
    expect(result.data!.experiments.totalCount).toBe(6);
  });

  it('stays responsive after many requests ran out of time (their connections were given back)', async () => {
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => t.postWithHeaders(DEEP, { first: 6 })));
    for (const outcome of outcomes) expectTimeout(outcome, 'REQUEST_DEADLINE');
    const result = await t.post<{ orgNodes: unknown[] }>(NODE_NAMES, {}, token);
    expect(result.errors).toBeUndefined();
    expect(result.data!.orgNodes).toHaveLength(5);
  });

  it('logs one line per timed-out request and no stack', async () => {
    t.errorLog.splice(0);
    await t.postWithHeaders(DEEP, { first: 6 });
    expect(t.errorLog).toHaveLength(1);
    expect(String(t.errorLog[0]![0])).toMatch(/^\[REQUEST_DEADLINE\] operation ExperimentsDeep: /);
    expect(JSON.stringify(t.errorLog)).not.toMatch(/\n\s+at /);
  });
});

/**
 * A real PostgreSQL server only: the embedded PGlite serves one session (a row lock held by another
 * connection cannot make a statement wait) and ignores statement_timeout, and has no cancel
 * requests. There the request deadline above is what applies.
 */
function onPostgres(name: string, body: () => void): void {
  if (process.env.TEST_DATABASE_MODE === 'postgres') describe(name, body);
}

/** Holds a row lock on an org node from a connection of its own, as a long transaction elsewhere would. */
async function lockOrgNode(id: string): Promise<Client> {
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT id FROM org_node WHERE id = $1 FOR UPDATE', [id]);
  return client;
}

async function unlock(client: Client): Promise<void> {
  await client.query('ROLLBACK');
  await client.end();
}

onPostgres('statement_timeout on every pooled connection (PostgreSQL)', () => {
  const t = useTestApp({
    statementTimeoutMs: 300,
    poolSize: 2,
    timeouts: { requestMs: 60_000, anonymousRequestMs: 60_000 },
  });
  let token = '';
  let nodes: Record<string, string> = {};

  beforeAll(async () => {
    ({ token, nodes } = await seed(t, false));
  });

  it('answers TIMEOUT for a write that waits on a lock longer than statement_timeout, and writes nothing', async () => {
    const lock = await lockOrgNode(nodes.search!);
    try {
      const before = await snapshotDatabase(t.dataSource);
      const result = await t.postWithHeaders(UPDATE_ORG_NODE, { input: { id: nodes.search, name: 'Renamed' } }, token);
      expectTimeout(result, 'STATEMENT_TIMEOUT');
      expect(await snapshotDatabase(t.dataSource)).toEqual(before);
    } finally {
      await unlock(lock);
    }
    const retried = await t.post<{ updateOrgNode: { name: string } }>(
      UPDATE_ORG_NODE,
      { input: { id: nodes.search, name: 'Renamed' } },
      token,
    );
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.updateOrgNode.name).toBe('Renamed');
  });

  it('releases the connections of timed-out statements: a pool of 2 serves the next requests', async () => {
    const lock = await lockOrgNode(nodes.growth!);
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          t.postWithHeaders(UPDATE_ORG_NODE, { input: { id: nodes.growth, name: `G${i}` } }, token),
        ),
      );
      for (const outcome of outcomes) expectTimeout(outcome, 'STATEMENT_TIMEOUT');
      const read = await t.post<{ orgNodes: { key: string; name: string }[] }>(NODE_NAMES, {}, token);
      expect(read.errors).toBeUndefined();
      expect(read.data!.orgNodes.find((n) => n.key === 'growth')!.name).toBe('GROWTH');
    } finally {
      await unlock(lock);
    }
  });
});

onPostgres('request deadline cancels a running statement (PostgreSQL)', () => {
  const t = useTestApp({ poolSize: 2, timeouts: { requestMs: 400, anonymousRequestMs: 400 } });
  let token = '';
  let nodes: Record<string, string> = {};

  beforeAll(async () => {
    ({ token, nodes } = await seed(t, false));
  });

  it('cancels the statement at the deadline, rolls the write back and answers TIMEOUT while the lock is still held', async () => {
    const lock = await lockOrgNode(nodes.ranking!);
    try {
      const before = await snapshotDatabase(t.dataSource);
      expectTimeout(
        await t.postWithHeaders(UPDATE_ORG_NODE, { input: { id: nodes.ranking, name: 'Late' } }, token),
        'REQUEST_DEADLINE',
      );
      const [{ waiting }] = await t.dataSource.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      expect(waiting).toBe(0);
      expect(await snapshotDatabase(t.dataSource)).toEqual(before);
    } finally {
      await unlock(lock);
    }
    const read = await t.post<{ orgNodes: { key: string; name: string }[] }>(NODE_NAMES, {}, token);
    expect(read.data!.orgNodes.find((n) => n.key === 'ranking')!.name).toBe('RANKING');
  });
});
