import { insertEdgeExperiment, insertOrgNode } from '../fixtures/rollup-fixtures';
import { useTestApp } from '../helpers';
import { buildExperiment, buildMetrics, buildOrgTree, mutate, transition } from '../fixtures/write-fixtures';
import { diffStats } from './stats-diff';

/**
 * The companion numbers (docs/ewl-rules.md §7.1) of a small hand-made portfolio, with every expected
 * value worked out by hand below: a root with teams A and B, over the window W = [Jan 1, Apr 1) 2026.
 *
 * | exp | team | status    | started | ended        | concluded | days run | plan | MDEs        | powered      |
 * | A1  | A    | CONCLUDED | Jan 5   | Jan 19       | Jan 20    | 14       | 14   | 0.02, 0.05  | 0.03         |
 * | A2  | A    | CONCLUDED | Dec 1   | Jan 11       | Jan 12    | 41       | 28   | 0.01        | 0.015, 0.04  |
 * | A3  | A    | STOPPED   | Jan 10  | Feb 1 12:00  | (end)     | 22.5     | -    | -           | -            |
 * | A4  | A    | RUNNING   | Mar 1   |              |           |          | 14   | 0.9         |              |
 * | B1  | B    | CONCLUDED | Feb 1   | Feb 11 06:00 | Feb 15    | 10.25    | 10   | 0.03        | 0.05         |
 * | B2  | B    | ROLLOUT (out of scope), concluded Feb 10                       | 7    | 0.001       | 0.001        |
 * | B3  | B    | CONCLUDED | Mar 10  | Mar 31       | Apr 5     | 21       | 7    | 0.5         | 0.5          |
 *
 * A3 stopped more than 30 days before min(to, now) = Apr 1: it concludes at its end. A4 and B3 start in W
 * but do not conclude in it; B2 is out of scope (neither started nor concluded in the volume).
 */

const t = useTestApp();
const W = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };
const at = (iso: string) => new Date(`${iso}Z`);
const rate = (successes: number, total: number) => ({ successes, total, value: successes / total });

let rootId: string;
let teamA: string;
let teamB: string;

const COMPANIONS = `volume { started concluded }
  precision { mdeRelative { median count } poweredEffectRelative { median count } }
  runtime { daysRun { median count } longerThanPlanned { successes total value } }`;

interface Companions {
  volume: { started: number; concluded: number };
  precision: Record<'mdeRelative' | 'poweredEffectRelative', { median: number | null; count: number }>;
  runtime: {
    daysRun: { median: number | null; count: number };
    longerThanPlanned: { successes: number; total: number; value: number } | null;
  };
}

const none = { median: null, count: 0 };
const EXPECTED: Record<'root' | 'rootOwn' | 'a' | 'b', Companions> = {
  a: {
    volume: { started: 3, concluded: 3 },
    precision: { mdeRelative: { median: 0.02, count: 3 }, poweredEffectRelative: { median: 0.03, count: 3 } },
    runtime: { daysRun: { median: 22.5, count: 3 }, longerThanPlanned: rate(1, 2) },
  },
  b: {
    volume: { started: 2, concluded: 1 },
    precision: { mdeRelative: { median: 0.03, count: 1 }, poweredEffectRelative: { median: 0.05, count: 1 } },
    runtime: { daysRun: { median: 10.25, count: 1 }, longerThanPlanned: rate(1, 1) },
  },
  root: {
    volume: { started: 5, concluded: 4 },
    // MDEs 0.01, 0.02, 0.03, 0.05; powered 0.015, 0.03, 0.04, 0.05; days 10.25, 14, 22.5, 41.
    precision: { mdeRelative: { median: 0.025, count: 4 }, poweredEffectRelative: { median: 0.035, count: 4 } },
    runtime: { daysRun: { median: 18.25, count: 4 }, longerThanPlanned: rate(2, 3) },
  },
  rootOwn: {
    volume: { started: 0, concluded: 0 },
    precision: { mdeRelative: none, poweredEffectRelative: none },
    runtime: { daysRun: none, longerThanPlanned: null },
  },
};

/** The companions of the root (SUBTREE and OWN) and both teams over a window, with an optional filter. */
async function companionsOf(window: { from: Date; to: Date }, filter: Record<string, unknown> | null = null) {
  const result = await t.exec<{ orgNodes: Array<{ key: string; stats: Companions; own: Companions }> }>(
    `query ($from: DateTime, $to: DateTime, $filter: StatsFilter) { orgNodes { key
      stats(from: $from, to: $to, filter: $filter) { ${COMPANIONS} } own: stats(scope: OWN, from: $from, to: $to, filter: $filter) { ${COMPANIONS} } } }`,
    { from: window.from.toISOString(), to: window.to.toISOString(), filter },
  );
  expect(result.errors).toBeUndefined();
  const byKey = new Map(result.data!.orgNodes.map((n) => [n.key, n]));
  return {
    root: byKey.get('root')!.stats,
    rootOwn: byKey.get('root')!.own,
    a: byKey.get('team-a')!.stats,
    b: byKey.get('team-b')!.stats,
  };
}

describe('OrgStats companion numbers', () => {
  beforeAll(async () => {
    await t.truncateAll();
    const [root] = await t.dataSource.query(
      `INSERT INTO org_node (key, name, kind, parent_id) VALUES ('root', 'root', 'company', NULL) RETURNING id`,
    );
    rootId = root.id;
    await t.dataSource.query(`INSERT INTO org_node_closure (ancestor_id, descendant_id, depth) VALUES ($1, $1, 0)`, [
      rootId,
    ]);
    teamA = await insertOrgNode(t.dataSource, 'team-a', rootId);
    teamB = await insertOrgNode(t.dataSource, 'team-b', rootId);
    const concluded = { status: 'CONCLUDED', data: 'POWERED_NEUTRAL', subReason: 'NO_EFFECT', tags: ['c'] } as const;
    await insertEdgeExperiment(t.dataSource, {
      ...concluded,
      key: 'a1',
      ownerNodeId: teamA,
      startedAt: at('2026-01-05T00:00:00'),
      endedAt: at('2026-01-19T00:00:00'),
      concludedAt: at('2026-01-20T00:00:00'),
      plannedRuntimeDays: 14,
      mdeRel: [0.02, 0.05],
      poweredEffectRel: [0.03],
    });
    await insertEdgeExperiment(t.dataSource, {
      ...concluded,
      key: 'a2',
      ownerNodeId: teamA,
      startedAt: at('2025-12-01T00:00:00'),
      endedAt: at('2026-01-11T00:00:00'),
      concludedAt: at('2026-01-12T00:00:00'),
      plannedRuntimeDays: 28,
      mdeRel: [0.01],
      poweredEffectRel: [0.015, 0.04],
    });
    await insertEdgeExperiment(t.dataSource, {
      ...concluded,
      key: 'a3',
      ownerNodeId: teamA,
      status: 'STOPPED',
      startedAt: at('2026-01-10T00:00:00'),
      endedAt: at('2026-02-01T12:00:00'),
      mdeRel: [],
    });
    await insertEdgeExperiment(t.dataSource, {
      ...concluded,
      key: 'a4',
      ownerNodeId: teamA,
      status: 'RUNNING',
      startedAt: at('2026-03-01T00:00:00'),
      plannedRuntimeDays: 14,
      mdeRel: [0.9],
    });
    await insertEdgeExperiment(t.dataSource, {
      ...concluded,
      key: 'b1',
      ownerNodeId: teamB,
      startedAt: at('2026-02-01T00:00:00'),
      endedAt: at('2026-02-11T06:00:00'),
      concludedAt: at('2026-02-15T00:00:00'),
      plannedRuntimeDays: 10,
      mdeRel: [0.03],
      poweredEffectRel: [0.05],
    });
    await insertEdgeExperiment(t.dataSource, {
      ...concluded,
      key: 'b2',
      kind: 'ROLLOUT',
      ownerNodeId: teamB,
      startedAt: at('2026-02-01T00:00:00'),
      endedAt: at('2026-02-09T00:00:00'),
      concludedAt: at('2026-02-10T00:00:00'),
      plannedRuntimeDays: 7,
      mdeRel: [0.001],
      poweredEffectRel: [0.001],
    });
    await insertEdgeExperiment(t.dataSource, {
      ...concluded,
      key: 'b3',
      ownerNodeId: teamB,
      startedAt: at('2026-03-10T00:00:00'),
      endedAt: at('2026-03-31T00:00:00'),
      concludedAt: at('2026-04-05T00:00:00'),
      plannedRuntimeDays: 7,
      mdeRel: [0.5],
      poweredEffectRel: [0.5],
    });
  });

  it.each([
    ['the monthly summary (no filter)', null],
    ['the experiment rows (a filter)', { tagsAny: ['c'] }],
  ] as const)('equal the hand-computed values, read through %s', async (_name, filter) => {
    expect(await companionsOf(W, filter)).toMatchObject(EXPECTED);
  });

  it('give portfolioStats the same numbers as the root', async () => {
    const result = await t.exec<{ portfolioStats: Companions }>(
      `query ($from: DateTime, $to: DateTime) { portfolioStats(from: $from, to: $to) { ${COMPANIONS} } }`,
      { from: W.from.toISOString(), to: W.to.toISOString() },
    );
    expect(result.data!.portfolioStats).toMatchObject(EXPECTED.root);
  });

  it('counts a conclusion at `from` in and one at `to` out', async () => {
    // [Jan 12, Feb 15): A2 concluded at from (in), A1 inside, B1 at to (out); A3 ended less than 30 days before
    // Feb 15 (pending). Starts: B1 inside; A1 and A3 before from; B2 out of scope.
    const root = (await companionsOf({ from: at('2026-01-12T00:00:00'), to: at('2026-02-15T00:00:00') })).root;
    expect(root).toMatchObject({
      volume: { started: 1, concluded: 2 },
      precision: { mdeRelative: { median: 0.02, count: 3 }, poweredEffectRelative: { median: 0.03, count: 3 } },
      runtime: { daysRun: { median: 27.5, count: 2 }, longerThanPlanned: rate(1, 2) },
    });
  });

  it('answer every statsSeries period with the numbers of stats over the same window', async () => {
    const series = await t.exec<{
      orgNodes: Array<{
        key: string;
        statsSeries: Array<{ periodStart: string; periodEnd: string; stats: Companions }>;
      }>;
    }>(
      `query ($from: DateTime, $to: DateTime) { orgNodes { key statsSeries(bucket: MONTH, from: $from, to: $to) {
        periodStart periodEnd stats { ${COMPANIONS} } } } }`,
      { from: at('2025-12-15T00:00:00').toISOString(), to: W.to.toISOString() },
    );
    expect(series.errors).toBeUndefined();
    let compared = 0;
    for (const node of series.data!.orgNodes) {
      for (const period of node.statsSeries) {
        const window = { from: new Date(period.periodStart), to: new Date(period.periodEnd) };
        const stats = await companionsOf(window);
        const expected = { root: stats.root, 'team-a': stats.a, 'team-b': stats.b }[node.key]!;
        expect(diffStats(`${node.key} ${period.periodStart}`, period.stats, expected, 0)).toEqual([]);
        compared += 1;
      }
    }
    expect(compared).toBe(12); // 3 nodes x (Dec 15-31, Jan, Feb, Mar)
    const january = series.data!.orgNodes.find((n) => n.key === 'root')!.statsSeries[1]!;
    expect(january.stats).toMatchObject({
      volume: { started: 2, concluded: 2 }, // A1, A3 started; A1, A2 concluded
      runtime: { daysRun: { median: 27.5, count: 2 }, longerThanPlanned: rate(1, 2) },
    });
  });

  it('runs one roll-up statement per argument set, whatever the number of nodes', async () => {
    const query = `query ($from: DateTime, $to: DateTime) { orgNodes { stats(from: $from, to: $to) { ${COMPANIONS} medianDaysToDecision } } }`;
    const vars = { from: W.from.toISOString(), to: W.to.toISOString() };
    const few = await t.execCounting(query, vars);
    for (let i = 0; i < 5; i++) await insertOrgNode(t.dataSource, `extra-${i}`, teamA);
    const many = await t.execCounting(query, vars);
    expect(few.result.errors).toBeUndefined();
    // orgNodes, the roll-up cache's data state, one roll-up statement for every node.
    expect(few.statements).toBe(3);
    expect(many.statements).toBe(few.statements);
  });

  it('leaves the medians null and the counts 0 in a window where nothing concluded', async () => {
    const root = (await companionsOf({ from: at('2020-01-01T00:00:00'), to: at('2021-01-01T00:00:00') })).root;
    expect(root).toEqual(EXPECTED.rootOwn);
  });
});

describe('OrgStats companion numbers through the writes', () => {
  const STATS = `query ($asOf: DateTime) { orgNode(key: "acme") { stats(asOf: $asOf) { ${COMPANIONS} } } }`;
  const ANALYSIS = `query { experiment(key: "exp-p") { analysis { arms { metrics { metricKey meanC poweredEffectAbs } } } } }`;
  let beforeAmendment: Date;

  // One experiment written through the API: planned for 10 days, ran 14, then its plan amended to 21 days.
  beforeAll(async () => {
    await t.truncateAll();
    await buildOrgTree(t);
    await buildMetrics(t);
    const e = await buildExperiment(t, { key: 'exp-p', plannedRuntimeDays: 10 });
    await transition(t, e.id, 'RUNNING', '2026-01-01T00:00:00.000Z');
    await mutate(t, 'mutation-record-results', {
      experimentId: e.id,
      units: [
        { variantKey: 'control', units: 20000 },
        { variantKey: 'treatment', units: 20000 },
      ],
      results: [
        { metricKey: 'conv', variantKey: 'control', n: 20000, sum: 2000 },
        { metricKey: 'conv', variantKey: 'treatment', n: 20000, sum: 2100 },
      ],
    });
    await transition(t, e.id, 'STOPPED', '2026-01-15T00:00:00.000Z');
    await transition(t, e.id, 'CONCLUDED', '2026-01-16T00:00:00.000Z');
    await new Promise((resolve) => setTimeout(resolve, 15));
    beforeAmendment = new Date();
    await new Promise((resolve) => setTimeout(resolve, 15));
    await mutate(t, 'mutation-amend-experiment-design', {
      experimentId: e.id,
      reason: 'The plan was for 21 days',
      plannedRuntimeDays: 21,
    });
  });

  async function statsAt(asOf: Date | null): Promise<Companions> {
    const result = await t.exec<{ orgNode: { stats: Companions } }>(STATS, { asOf: asOf?.toISOString() ?? null });
    expect(result.errors).toBeUndefined();
    return result.data!.orgNode.stats;
  }

  it("stores the analysis' relative powered effect and the registered MDE of the success metric", async () => {
    const analysis = await t.exec<{
      experiment: {
        analysis: { arms: Array<{ metrics: Array<{ metricKey: string; meanC: number; poweredEffectAbs: number }> }> };
      };
    }>(ANALYSIS);
    const conv = analysis.data!.experiment.analysis.arms[0]!.metrics.find((m) => m.metricKey === 'conv')!;
    const stats = await statsAt(null);
    expect(stats.precision.mdeRelative).toEqual({ median: 0.02, count: 1 });
    expect(stats.precision.poweredEffectRelative.count).toBe(1);
    expect(stats.precision.poweredEffectRelative.median).toBeCloseTo(conv.poweredEffectAbs / Math.abs(conv.meanC), 12);
    expect(stats.runtime.daysRun).toEqual({ median: 14, count: 1 });
  });

  it('reads the plan in force: 14 days overran the registered 10, not the amended 21', async () => {
    expect((await statsAt(beforeAmendment)).runtime.longerThanPlanned).toMatchObject(rate(1, 1));
    expect((await statsAt(null)).runtime.longerThanPlanned).toMatchObject(rate(0, 1));
  });
});
