import { seedDemoData } from '../../../src/db/seed/seed';
import { seriesPeriods } from '../../../src/domain/stats-window';
import { insertEdgeCases, insertEdgeExperiment, insertOrgNode } from '../fixtures/rollup-fixtures';
import { useTestApp } from '../helpers';
import {
  loadReferenceData,
  referenceDecisionDebt,
  type ReferenceData,
  referenceStats,
  STATS_FRAGMENT,
} from './rollup-reference';
import { diffStats } from './stats-diff';

const t = useTestApp();
const ANCHOR = new Date('2026-06-01T00:00:00Z');
const EDGE = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') };
const iso = (d: Date | null) => d?.toISOString() ?? null;

interface Window {
  readonly from: Date | null;
  readonly to: Date | null;
}
const WINDOWS: Array<[string, Window]> = [
  ['all time up to now', { from: null, to: null }],
  ['all time up to an instant in the past', { from: null, to: EDGE.to }],
  ['all time up to an instant in the future', { from: null, to: new Date('2027-01-01T00:00:00Z') }],
  ['the edge-case window', EDGE],
  ['the second half of 2025', { from: new Date('2025-07-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') }],
  ['the two seeded years', { from: new Date('2024-06-01T00:00:00Z'), to: ANCHOR }],
  ['a window ending in the future', { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') }],
];
type Row = { id?: string; kind: string; tags: string[] };
let TAG = '';
/** A seeded metric and the experiments that have it: all of them, and those where it is a guardrail. */
let METRIC = '';
let withMetric = new Set<string>();
let withMetricAsGuardrail = new Set<string>();
const FILTERS: Array<[string, () => Record<string, unknown>, (r: Row) => boolean]> = [
  [
    'kind AB_TEST or ROLLOUT',
    () => ({ kind: ['AB_TEST', 'ROLLOUT'] }),
    (r) => r.kind === 'AB_TEST' || r.kind === 'ROLLOUT',
  ],
  ['kind ROLLOUT only', () => ({ kind: ['ROLLOUT'] }), (r) => r.kind === 'ROLLOUT'],
  ['metricKeys', () => ({ metricKeys: [METRIC, 'no-such-metric'] }), (r) => withMetric.has(r.id!)],
  [
    'metricKeys in the GUARDRAIL role',
    () => ({ metricKeys: [METRIC], metricRole: 'GUARDRAIL' }),
    (r) => withMetricAsGuardrail.has(r.id!),
  ],
  [
    'tagsAny edge or a seeded tag',
    () => ({ tagsAny: ['edge', TAG] }),
    (r) => r.tags.includes('edge') || r.tags.includes(TAG),
  ],
  [
    'tagsAll onboarding and checkout',
    () => ({ tagsAll: ['onboarding', 'checkout'] }),
    (r) => r.tags.includes('onboarding') && r.tags.includes('checkout'),
  ],
];

const NODES_STATS = `query ($scope: StatsScope!, $from: DateTime, $to: DateTime, $filter: StatsFilter) {
  orgNodes { id key stats(scope: $scope, from: $from, to: $to, filter: $filter) { ...Stats } } } ${STATS_FRAGMENT}`;
const NODES_SERIES = `query ($bucket: StatsBucket!, $scope: StatsScope!, $from: DateTime, $to: DateTime) {
  orgNodes { id key statsSeries(bucket: $bucket, scope: $scope, from: $from, to: $to) { periodStart periodEnd stats { ...Stats } } } } ${STATS_FRAGMENT}`;

interface NodeStats {
  id: string;
  key: string;
  stats: Record<string, unknown> & { concluded: number };
}

let data: ReferenceData;
let rootId: string;
let departmentId: string;
let edgeTeamId: string;

beforeAll(async () => {
  await t.truncateAll();
  await seedDemoData(t.dataSource, { anchor: ANCHOR, experiments: 300, classifiedAt: ANCHOR });
  [{ id: rootId }] = await t.dataSource.query('SELECT id FROM org_node WHERE parent_id IS NULL');
  [{ id: departmentId }] = await t.dataSource.query(
    'SELECT id FROM org_node WHERE parent_id = $1 ORDER BY key LIMIT 1',
    [rootId],
  );
  edgeTeamId = await insertOrgNode(t.dataSource, 'edge-team', departmentId);
  await insertEdgeCases(t.dataSource, edgeTeamId, EDGE);
  await insertEdgeExperiment(t.dataSource, {
    key: 'edge-department-owned',
    ownerNodeId: departmentId,
    status: 'CONCLUDED',
    startedAt: new Date('2025-12-01T00:00:00Z'),
    endedAt: new Date('2026-01-20T00:00:00Z'),
    concludedAt: new Date('2026-01-21T00:00:00Z'),
    data: 'WIN',
    subReason: 'SUCCESS_METRIC_IMPROVED',
    tags: ['edge'],
    decision: { kind: 'SHIP', decidedAt: new Date('2026-01-25T00:00:00Z') },
  });
  // Amended designs (docs/pre-registration.md): every 5th started experiment by key, amended the day after its start.
  await t.dataSource
    .query(`WITH s AS (SELECT id, row_number() OVER (ORDER BY key) AS n FROM experiment WHERE started_at IS NOT NULL)
    UPDATE experiment e SET design_amended_at = e.started_at + interval '1 day' FROM s WHERE s.id = e.id AND s.n % 5 = 0`);
  await t.dataSource.query(`UPDATE experiment_classification c SET design_amended = true FROM experiment e
    WHERE e.id = c.experiment_id AND e.design_amended_at IS NOT NULL`);
  [{ tag: TAG }] = await t.dataSource.query(
    `SELECT tag FROM experiment, unnest(tags) tag WHERE tag <> 'edge' GROUP BY tag ORDER BY count(*) DESC, tag LIMIT 1`,
  );
  data = await loadReferenceData(t.dataSource);
  const uses: Array<{ experiment_id: string; key: string; role: string }> = await t.dataSource.query(
    'SELECT em.experiment_id, m.key, em.role FROM experiment_metric em JOIN metric m ON m.id = em.metric_id',
  );
  const guardrailUses = new Map<string, number>();
  for (const u of uses) if (u.role === 'GUARDRAIL') guardrailUses.set(u.key, (guardrailUses.get(u.key) ?? 0) + 1);
  METRIC = [...guardrailUses.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  withMetric = new Set(uses.filter((u) => u.key === METRIC).map((u) => u.experiment_id));
  withMetricAsGuardrail = new Set(
    uses.filter((u) => u.key === METRIC && u.role === 'GUARDRAIL').map((u) => u.experiment_id),
  );
  expect(withMetricAsGuardrail.size).toBeLessThan(withMetric.size);
});

async function allNodesStats(scope: string, window: Window, filter: Record<string, unknown> | null = null) {
  const before = new Date();
  const result = await t.exec<{ orgNodes: NodeStats[] }>(NODES_STATS, {
    scope,
    from: iso(window.from),
    to: iso(window.to),
    filter,
  });
  expect(result.errors).toBeUndefined();
  return { nodes: result.data!.orgNodes, before, after: new Date() };
}

describe('OrgNode.stats', () => {
  it.each(WINDOWS.flatMap(([name, w]) => (['OWN', 'SUBTREE'] as const).map((scope) => [name, scope, w] as const)))(
    'matches the brute-force recomputation for every node over %s (%s)',
    async (_name, scope, window) => {
      const { nodes, before, after } = await allNodesStats(scope, window);
      expect(nodes.length).toBe(data.keyOf.size);
      for (const node of nodes) {
        const expected = referenceStats(data, {
          nodeId: node.id,
          scope,
          from: window.from,
          to: window.to ?? before,
          now: before,
        });
        expect(
          diffStats(
            node.key,
            node.stats,
            expected,
            window.to === null || window.to > before ? (after.getTime() - before.getTime()) / 86_400_000 : 0,
          ),
        ).toEqual([]);
      }
      const root = nodes.find((n) => n.id === rootId)!;
      if (scope === 'SUBTREE') expect(root.stats.concluded).toBeGreaterThan(window.from === null ? 150 : 10);
    },
  );

  it.each(
    FILTERS.flatMap(
      ([name, gql, fn]) =>
        [
          [name, 'SUBTREE', gql, fn],
          [name, 'OWN', gql, fn],
        ] as const,
    ),
  )('matches the recomputation with the filter %s (%s)', async (_name, scope, gql, fn) => {
    for (const [, window] of [WINDOWS[0]!, WINDOWS[1]!]) {
      const { nodes, before, after } = await allNodesStats(scope, window, gql());
      for (const node of nodes) {
        const expected = referenceStats(data, {
          nodeId: node.id,
          scope,
          from: window.from,
          to: window.to ?? before,
          now: before,
          filter: fn,
        });
        expect(
          diffStats(
            node.key,
            node.stats,
            expected,
            window.to === null ? (after.getTime() - before.getTime()) / 86_400_000 : 0,
          ),
        ).toEqual([]);
      }
    }
  });

  it('counts the edge cases as documented: stopped 29 vs 31 days, concluded at from (in) and at to (out), exclusions, reruns and decisions', async () => {
    const { nodes } = await allNodesStats('OWN', EDGE);
    const team = nodes.find((n) => n.id === edgeTeamId)!.stats;
    expect(team).toMatchObject({
      concluded: 5,
      counts: { win: 0, regression: 1, poweredNeutral: 1, underpowered: 2, invalid: 1, pending: 3, excluded: 1 },
      learningRate: { successes: 2, total: 5, value: 0.4, smallSample: true },
      winRate: { successes: 0, total: 5, value: 0, lower: 0 },
      pending: 3, // stopped 29 days before `to`, concluded exactly at `to`, running
      excluded: 1,
      restarts: 1,
      invalidByReason: [
        { reason: 'NO_TRAFFIC', count: 1 },
        { reason: 'SRM_FAILED', count: 1 },
      ],
      underpoweredBySubReason: [
        { subReason: 'BELOW_REQUIRED_SAMPLE', count: 1 },
        { subReason: 'MISSING_MDE', count: 1 },
      ],
      decisionsByKind: [
        { kind: 'NONE', count: 1 },
        { kind: 'RERUN', count: 1 },
        { kind: 'SHIP', count: 1 },
      ],
      inconsistentDecisions: 2, // SHIP on a REGRESSION, NONE on a POWERED_NEUTRAL
      decisionDebt: { count: 2, oldestAgeDays: 50 }, // archived on Jan 10 without a decision, aged at `to` = Mar 1
      medianDaysToDecision: 4, // 2.25, 4 and 10 days from end to decision
    });
    const next = await allNodesStats('OWN', { from: EDGE.to, to: new Date('2026-04-01T00:00:00Z') });
    // Concluded exactly at `from`: in. The run stopped 29 days before March 1 went stale at March 2 and
    // counts as concluded at its end (January 31), i.e. in an earlier window.
    expect(next.nodes.find((n) => n.id === edgeTeamId)!.stats).toMatchObject({
      concluded: 1,
      counts: { win: 1 },
      pending: 1,
    });
  });

  it('counts concluded experiments with an amended design beside their categories', async () => {
    const { nodes } = await allNodesStats('SUBTREE', { from: null, to: null });
    const root = nodes.find((n) => n.id === rootId)!.stats as { concluded: number; amendedAfterLaunch: number };
    expect(root.amendedAfterLaunch).toBeGreaterThan(0);
    expect(root.amendedAfterLaunch).toBeLessThan(root.concluded);
  });

  it('has companion numbers from the seeded analyses: precision and runtime of most concluded experiments, some overruns', async () => {
    const { nodes } = await allNodesStats('SUBTREE', { from: null, to: null });
    const root = nodes.find((n) => n.id === rootId)!.stats as unknown as {
      concluded: number;
      volume: { started: number; concluded: number };
      precision: Record<'mdeRelative' | 'poweredEffectRelative', { median: number; count: number }>;
      runtime: { daysRun: { count: number }; longerThanPlanned: { successes: number; total: number } };
    };
    console.log(`Seeded companions at the root: ${JSON.stringify(root.precision)} ${JSON.stringify(root.runtime)}`);
    expect(root.volume.concluded).toBe(root.concluded);
    expect(root.volume.started).toBeGreaterThan(root.concluded);
    expect(root.precision.mdeRelative.count).toBeGreaterThan(root.concluded / 2);
    expect(root.precision.poweredEffectRelative.count).toBeGreaterThan(root.concluded / 2);
    expect(root.runtime.daysRun.count).toBe(root.concluded);
    expect(root.runtime.longerThanPlanned.total).toBeGreaterThan(root.concluded / 2);
    expect(root.runtime.longerThanPlanned.successes).toBeGreaterThan(0);
  });

  it('returns null rates, not zeros, when nothing concluded', async () => {
    const { nodes } = await allNodesStats('SUBTREE', {
      from: new Date('2010-01-01T00:00:00Z'),
      to: new Date('2011-01-01T00:00:00Z'),
    });
    for (const node of nodes) {
      expect(node.stats).toMatchObject({
        concluded: 0,
        learningRate: null,
        winRate: null,
        invalidRate: null,
        medianDaysToDecision: null,
        decisionDebt: { count: 0, oldestAgeDays: null },
      });
    }
  });

  it('counts every experiment once at each ancestor: SUBTREE equals the pooled OWN sums of the subtree, and the root equals the portfolio', async () => {
    const own = new Map((await allNodesStats('OWN', EDGE)).nodes.map((n) => [n.id, n.stats]));
    const subtree = (await allNodesStats('SUBTREE', EDGE)).nodes;
    for (const node of subtree) {
      const members = [...own.keys()].filter((id) => {
        for (let n: string | null | undefined = id; n; n = data.parentOf.get(n)) if (n === node.id) return true;
        return false;
      });
      for (const field of [
        'concluded',
        'pending',
        'excluded',
        'restarts',
        'inconsistentDecisions',
        'amendedAfterLaunch',
      ] as const) {
        expect([node.key, field, members.reduce((s, id) => s + (own.get(id)![field] as number), 0)]).toEqual([
          node.key,
          field,
          node.stats[field],
        ]);
      }
    }
    const portfolio = await t.exec<{ portfolioStats: NodeStats['stats'] }>(
      `query ($from: DateTime, $to: DateTime) { portfolioStats(from: $from, to: $to) { ...Stats } } ${STATS_FRAGMENT}`,
      { from: iso(EDGE.from), to: iso(EDGE.to) },
    );
    expect(portfolio.data!.portfolioStats).toEqual(subtree.find((n) => n.id === rootId)!.stats);
    const asked = Date.now();
    const allTime = await t.exec<{ portfolioStats: NodeStats['stats'] }>(
      `query { portfolioStats { ...Stats } } ${STATS_FRAGMENT}`,
    );
    const rootAll = await allNodesStats('SUBTREE', { from: null, to: null });
    const rootAllTime = rootAll.nodes.find((n) => n.id === rootId)!;
    // The debt's age is taken at each request's clock: the two may differ by the time between them.
    const apart = (rootAll.after.getTime() - asked) / 86_400_000;
    expect(diffStats('portfolio (all time)', allTime.data!.portfolioStats, rootAllTime.stats, apart)).toEqual([]);
    // The edge experiments only: present at their team and at every ancestor, absent everywhere else.
    const edge = new Map(
      (await allNodesStats('SUBTREE', { from: null, to: null }, { tagsAny: ['edge'] })).nodes.map((n) => [
        n.id,
        n.stats,
      ]),
    );
    const team = edge.get(edgeTeamId)!;
    expect(team.concluded).toBeGreaterThan(3);
    expect(edge.get(departmentId)!.concluded).toBe(team.concluded + 1);
    expect(edge.get(rootId)!.concluded).toBe(team.concluded + 1);
    for (const [id, stats] of edge) {
      if (![edgeTeamId, departmentId, rootId].includes(id))
        expect([id, stats.concluded, stats.pending]).toEqual([id, 0, 0]);
    }
  });
});

describe('OrgNode.statsSeries', () => {
  it.each([
    ['MONTH', 'SUBTREE', new Date('2025-10-15T00:00:00Z'), EDGE.to],
    ['QUARTER', 'OWN', new Date('2024-06-01T00:00:00Z'), ANCHOR],
    ['YEAR', 'SUBTREE', null, ANCHOR],
  ] as const)(
    "gives per %s bucket (%s) exactly the recomputed stats of the bucket's window",
    async (bucket, scope, from, to) => {
      const result = await t.exec<{
        orgNodes: Array<{
          id: string;
          key: string;
          statsSeries: Array<{ periodStart: string; periodEnd: string; stats: NodeStats['stats'] }>;
        }>;
      }>(NODES_SERIES, { bucket, scope, from: iso(from), to: iso(to) });
      expect(result.errors).toBeUndefined();
      const now = new Date();
      const periods = seriesPeriods({ from, to }, bucket, now).map((p) => [
        p.periodStart.toISOString(),
        p.periodEnd.toISOString(),
      ]);
      for (const node of result.data!.orgNodes) {
        expect(node.statsSeries.map((p) => [iso(new Date(p.periodStart)), iso(new Date(p.periodEnd))])).toEqual(
          periods,
        );
        for (const period of node.statsSeries) {
          const expected = referenceStats(data, {
            nodeId: node.id,
            scope,
            from: new Date(period.periodStart),
            to: new Date(period.periodEnd),
            now,
          });
          expect(diffStats(`${node.key} ${iso(new Date(period.periodStart))}`, period.stats, expected, 0)).toEqual([]);
        }
      }
    },
  );

  it('clips the first and last buckets to the window and aligns the others to UTC calendar months', async () => {
    const result = await t.exec<{ orgNode: { statsSeries: Array<{ periodStart: string; periodEnd: string }> } }>(
      `{ orgNode(id: "${rootId}") { statsSeries(bucket: MONTH, from: "2025-10-15T12:00:00Z", to: "2026-01-10T00:00:00Z") { periodStart periodEnd } } }`,
    );
    expect(
      result.data!.orgNode.statsSeries.map((p) => ({
        periodStart: iso(new Date(p.periodStart)),
        periodEnd: iso(new Date(p.periodEnd)),
      })),
    ).toEqual([
      { periodStart: '2025-10-15T12:00:00.000Z', periodEnd: '2025-11-01T00:00:00.000Z' },
      { periodStart: '2025-11-01T00:00:00.000Z', periodEnd: '2025-12-01T00:00:00.000Z' },
      { periodStart: '2025-12-01T00:00:00.000Z', periodEnd: '2026-01-01T00:00:00.000Z' },
      { periodStart: '2026-01-01T00:00:00.000Z', periodEnd: '2026-01-10T00:00:00.000Z' },
    ]);
  });
});

describe('OrgNode.decisionDebt', () => {
  const DEBT = `query ($scope: StatsScope!, $from: DateTime, $to: DateTime, $first: Int!, $after: String) {
    orgNodes { id key stats(scope: $scope, from: $from, to: $to) { decisionDebt { count } }
      decisionDebt(scope: $scope, from: $from, to: $to, first: $first, after: $after) {
        totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }`;
  type DebtNode = {
    id: string;
    key: string;
    stats: { decisionDebt: { count: number } };
    decisionDebt: {
      totalCount: number;
      edges: Array<{ node: { id: string } }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };

  it.each(WINDOWS.flatMap(([name, w]) => (['OWN', 'SUBTREE'] as const).map((scope) => [name, scope, w] as const)))(
    'lists the experiments behind the count of every node, oldest first, over %s (%s)',
    async (_name, scope, window) => {
      const before = new Date();
      const result = await t.exec<{ orgNodes: DebtNode[] }>(DEBT, {
        scope,
        from: iso(window.from),
        to: iso(window.to),
        first: 100,
      });
      expect(result.errors).toBeUndefined();
      let listed = 0;
      for (const node of result.data!.orgNodes) {
        const expected = referenceDecisionDebt(data, {
          nodeId: node.id,
          scope,
          from: window.from,
          to: window.to ?? before,
          now: before,
        });
        expect({ key: node.key, ids: node.decisionDebt.edges.map((e) => e.node.id) }).toEqual({
          key: node.key,
          ids: expected.slice(0, 100).map((e) => e.id),
        });
        expect(node.decisionDebt.totalCount).toBe(node.stats.decisionDebt.count);
        expect(node.decisionDebt.pageInfo.hasNextPage).toBe(expected.length > 100);
        listed += expected.length;
      }
      if (window.from === null) expect(listed).toBeGreaterThan(0);
    },
  );

  it("pages through a node's debt with cursors, in the same order", async () => {
    const before = new Date();
    const expected = referenceDecisionDebt(data, {
      nodeId: rootId,
      scope: 'SUBTREE',
      from: null,
      to: before,
      now: before,
    });
    expect(expected.length).toBeGreaterThan(3);
    const ids: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100 && ids.length < expected.length; i++) {
      const result: { data?: { orgNode: { decisionDebt: DebtNode['decisionDebt'] } } | null } = await t.exec(
        `query ($id: ID!, $after: String) { orgNode(id: $id) { decisionDebt(first: 3, after: $after) {
          totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }`,
        { id: rootId, after },
      );
      const page = result.data!.orgNode.decisionDebt;
      ids.push(...page.edges.map((e) => e.node.id));
      after = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
    expect(ids).toEqual(expected.map((e) => e.id));
  });

  it("lists every node's debt with one page and one count statement, whatever the number of nodes", async () => {
    const { result, statements } = await t.execCounting(
      `query { orgNodes { key decisionDebt(first: 2) { totalCount edges { node { id key } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const nodes = (result.data as { orgNodes: DebtNode[] }).orgNodes;
    expect(nodes.length).toBeGreaterThan(10);
    expect(nodes.filter((n) => n.decisionDebt.edges.length > 0).length).toBeGreaterThan(1);
    // orgNodes, then one LATERAL page statement and one count statement for all the nodes.
    expect(statements).toBe(3);
  });

  it('refuses a cursor of another list with BAD_USER_INPUT naming after', async () => {
    const page = await t.exec<{ experiments: { pageInfo: { endCursor: string } } }>(
      '{ experiments(first: 1) { pageInfo { endCursor } } }',
    );
    const result = await t.exec(
      `query ($id: ID!, $after: String) { orgNode(id: $id) { decisionDebt(after: $after) { totalCount } } }`,
      {
        id: rootId,
        after: page.data!.experiments.pageInfo.endCursor,
      },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
