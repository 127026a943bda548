import { sqlCounter } from '../../../src/db/data-source';
import { seedDemoData } from '../../../src/db/seed/seed';
import { INTERNAL_PRINCIPAL, type Principal } from '../../../src/domain/principal';
import { createContext } from '../../../src/graphql/context';
import { createApp } from '../../../src/server/app';
import { type GraphQLResult, useTestApp } from '../helpers';
import { insertEdgeExperiment, plusDays } from '../fixtures/rollup-fixtures';

const t = useTestApp();
const ANCHOR = new Date('2026-06-01T00:00:00Z');

/** The tree heat map (Q4's shape): every field on the response cache's list. */
const HEAT_MAP = `query { orgNodes { id key parentId stats {
  concluded pending excluded inconsistentDecisions decisionDebt { count } counts { win regression }
  learningRate { value lower upper smallSample } winRate { value } decisionsByKind { kind count }
} } }`;
type HeatMap = {
  orgNodes: Array<{
    id: string;
    key: string;
    stats: { concluded: number; pending: number; decisionDebt: { count: number } };
  }>;
};

/** Runs `query` with a fresh context (clock `now`, caller `principal`) and counts its SQL statements. */
async function run<T>(
  query: string,
  options: { now?: Date; principal?: Principal; variables?: Record<string, unknown> } = {},
) {
  const counter = sqlCounter(t.dataSource);
  const before = counter.count;
  const response = await t.app.apollo.executeOperation(
    { query, variables: options.variables },
    { contextValue: createContext(t.dataSource, options.principal ?? INTERNAL_PRINCIPAL, options.now) },
  );
  if (response.body.kind !== 'single') throw new Error('single result expected');
  return { result: response.body.singleResult as GraphQLResult<T>, statements: counter.count - before };
}

describe('response cache (whole answers of roll-up-only queries)', () => {
  let teamId: string;
  let teamKey: string;
  beforeAll(async () => {
    await t.truncateAll();
    await seedDemoData(t.dataSource, { anchor: ANCHOR, experiments: 300, classifiedAt: ANCHOR });
    [{ id: teamId, key: teamKey }] = await t.dataSource.query(
      `SELECT id, key FROM org_node WHERE kind = 'team' ORDER BY key LIMIT 1`,
    );
  });

  it('answers a repeated heat map from memory: only the data state is read, the answer is the same', async () => {
    const first = await run<HeatMap>(HEAT_MAP);
    expect(first.result.errors).toBeUndefined();
    const second = await run<HeatMap>(HEAT_MAP);
    expect(second.statements).toBe(1);
    expect(second.result).toEqual(first.result);
  });

  it('gives the same answer as a server without it, and never serves one from before a committed write', async () => {
    await run(HEAT_MAP);
    const [victim] = await t.dataSource.query(
      `SELECT experiment_id FROM experiment_classification WHERE category IN ('WIN', 'REGRESSION', 'POWERED_NEUTRAL') AND decision_kind IS NULL AND counts_toward_ewl AND status <> 'ARCHIVED' LIMIT 1`,
    );
    expect(victim).toBeDefined();
    const written = await t.exec(
      `mutation ($id: ID!) { recordDecision(input: { experimentId: $id, kind: SHIP, decidedBy: "pm" }) { id } }`,
      { id: victim.experiment_id },
    );
    expect(written.errors).toBeUndefined();
    const after = await run<HeatMap>(HEAT_MAP);
    expect(after.statements).toBeGreaterThan(1);
    const plain = await createApp({ dataSource: t.dataSource, statsCache: false, allowAnonymousReads: false });
    try {
      const response = await plain.apollo.executeOperation(
        { query: HEAT_MAP },
        { contextValue: createContext(t.dataSource, INTERNAL_PRINCIPAL) },
      );
      expect(response.body.kind === 'single' && JSON.parse(JSON.stringify(response.body.singleResult))).toEqual(
        JSON.parse(JSON.stringify(after.result)),
      );
    } finally {
      await plain.apollo.stop();
    }
  });

  it('recomputes when the clock alone changes the answer (a STOPPED experiment reaching its 30 days)', async () => {
    const now = new Date();
    await insertEdgeExperiment(t.dataSource, {
      key: 'about-to-conclude-rc',
      ownerNodeId: teamId,
      status: 'STOPPED',
      data: 'POWERED_NEUTRAL',
      subReason: 'NO_EFFECT',
      startedAt: plusDays(now, -60),
      endedAt: new Date(now.getTime() - 30 * 86_400_000 + 60_000),
    });
    const before = await run<HeatMap>(HEAT_MAP, { now });
    expect((await run<HeatMap>(HEAT_MAP, { now })).statements).toBe(1);
    const after = await run<HeatMap>(HEAT_MAP, { now: new Date(now.getTime() + 120_000) });
    expect(after.statements).toBeGreaterThan(1);
    const team = (r: GraphQLResult<HeatMap>) => r.data!.orgNodes.find((n) => n.id === teamId)!.stats;
    expect(team(after.result).pending).toBe(team(before.result).pending - 1);
    expect(team(after.result).concluded).toBe(team(before.result).concluded + 1);
  });

  it.each([
    [
      'the age of the decision debt (it grows with the clock)',
      `query { orgNodes { key stats { decisionDebt { count oldestAgeDays } } } }`,
    ],
    [
      "a statistics series (its last period ends at the request's clock)",
      `query { orgNodes { key statsSeries(bucket: MONTH) { periodEnd stats { concluded } } } }`,
    ],
    [
      'experiments (results and other tables outside the data version)',
      `query { orgNodes { key experiments(first: 1) { edges { node { key } } } } }`,
    ],
    ["portfolioStats (its filters read the request's clock)", `query { portfolioStats { concluded } }`],
  ])('never keeps an answer that selects %s', async (_label, query) => {
    const kept = t.app.responseCache!.size;
    const first = await run(query);
    expect(first.result.errors).toBeUndefined();
    await run(query);
    expect(t.app.responseCache!.size).toBe(kept);
  });

  it('keeps callers apart: a key limited to another subtree is refused, not served the cached answer', async () => {
    const query = `query ($key: String!) { orgNode(key: $key) { key stats { concluded } } }`;
    const internal = await run(query, { variables: { key: teamKey } });
    expect(internal.result.errors).toBeUndefined();
    expect((await run(query, { variables: { key: teamKey } })).statements).toBe(1);
    const [{ id: otherTeamId }] = await t.dataSource.query(
      `SELECT id FROM org_node WHERE kind = 'team' AND id <> $1 ORDER BY key LIMIT 1`,
      [teamId],
    );
    const limited: Principal = {
      kind: 'API_KEY',
      keyId: '00000000-0000-4000-8000-000000000001',
      name: 'team bot',
      prefix: 'ewl_0000000000000001',
      scopes: ['read'],
      orgNodeId: otherTeamId,
    };
    const refused = await run(query, { variables: { key: teamKey }, principal: limited });
    expect(refused.result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_KEY_SUBTREE' });
    // Refusals are not kept either.
    const kept = t.app.responseCache!.size;
    const again = await run(query, { variables: { key: teamKey }, principal: limited });
    expect(again.result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(t.app.responseCache!.size).toBe(kept);
  });

  it('hands out a frozen answer, serves no later answer to an earlier clock, and keys on the operation asked for', async () => {
    const now = new Date();
    await run(HEAT_MAP, { now });
    const hit = await run<HeatMap>(HEAT_MAP, { now });
    expect(hit.statements).toBe(1);
    expect(Object.isFrozen(hit.result.data!.orgNodes[0]!.stats)).toBe(true);
    expect((await run(HEAT_MAP, { now: new Date(now.getTime() - 60_000) })).statements).toBeGreaterThan(1);
    // The cached document asked with an operation name it does not have: refused, not served.
    const response = await t.app.apollo.executeOperation(
      { query: HEAT_MAP, operationName: 'Missing' },
      { contextValue: createContext(t.dataSource, INTERNAL_PRINCIPAL) },
    );
    const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
    expect(result?.data).toBeUndefined();
    expect(result?.errors?.[0]?.message).toContain('Missing');
  });

  it('keeps answers for other variables apart', async () => {
    const query = `query ($key: String!) { orgNode(key: $key) { key stats { concluded } } }`;
    const [{ key: otherKey }] = await t.dataSource.query(
      `SELECT key FROM org_node WHERE key <> $1 ORDER BY key LIMIT 1`,
      [teamKey],
    );
    const mine = await run<{ orgNode: { key: string } }>(query, { variables: { key: teamKey } });
    const other = await run<{ orgNode: { key: string } }>(query, { variables: { key: otherKey } });
    expect(mine.result.data!.orgNode.key).toBe(teamKey);
    expect(other.result.data!.orgNode.key).toBe(otherKey);
  });
});
