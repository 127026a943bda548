import { expectedDecisionSql } from '../../../src/db/sql/ewl-rules.sql';
import { seedDemoData } from '../../../src/db/seed/seed';
import { DECISION_KINDS } from '../../../src/domain/experiment';
import { isDecisionConsistent } from '../../../src/domain/learning-category';
import { CATEGORY_SUB_REASONS, CONCLUDED_CATEGORIES } from '../../../src/domain/org-rollup';
import { expectError, useTestApp } from '../helpers';
import { loadReferenceData, type ReferenceData, referenceStats, STATS_FRAGMENT } from './rollup-reference';
import { diffStats } from './stats-diff';

const t = useTestApp();
const ANCHOR = new Date('2026-06-01T00:00:00Z');
const FROM = new Date('2025-01-01T00:00:00Z');

let data: ReferenceData;
let rootId: string;
let departmentIds: string[];

beforeAll(async () => {
  await t.truncateAll();
  await seedDemoData(t.dataSource, { anchor: ANCHOR, experiments: 300, classifiedAt: ANCHOR });
  [{ id: rootId }] = await t.dataSource.query('SELECT id FROM org_node WHERE parent_id IS NULL');
  departmentIds = (await t.dataSource.query('SELECT id FROM org_node WHERE parent_id = $1 ORDER BY key', [rootId])).map(
    (r: { id: string }) => r.id,
  );
  data = await loadReferenceData(t.dataSource);
});

function isUnder(nodeId: string, ancestorId: string): boolean {
  for (let n: string | null | undefined = data.parentOf.get(nodeId); n; n = data.parentOf.get(n))
    if (n === ancestorId) return true;
  return false;
}

const RANKING = `query ($id: ID!, $by: StatsRate!, $min: Int!, $dir: SortDirection!, $scope: StatsScope!, $first: Int!) {
  orgNode(id: $id) { ranking(by: $by, minConcluded: $min, direction: $dir, scope: $scope, from: "${FROM.toISOString()}", to: "${ANCHOR.toISOString()}", first: $first) {
    rank node { id key } rate { value successes total } stats { ...Stats } } } } ${STATS_FRAGMENT}`;

describe('OrgNode.ranking', () => {
  it.each([
    ['LEARNING_RATE', 'DESC', 'SUBTREE', 5, 100, 'root'],
    ['WIN_RATE', 'ASC', 'OWN', 3, 100, 'root'],
    ['INVALID_RATE', 'DESC', 'SUBTREE', 1, 3, 'department'],
    ['UNDERPOWERED_RATE', 'DESC', 'OWN', 10, 4, 'root'],
  ] as const)(
    'ranks descendants by %s %s (%s, min %i, first %i) under the %s like the recomputation',
    async (by, dir, scope, min, first, under) => {
      const id = under === 'root' ? rootId : departmentIds[0]!;
      const field = {
        LEARNING_RATE: 'learningRate',
        WIN_RATE: 'winRate',
        INVALID_RATE: 'invalidRate',
        UNDERPOWERED_RATE: 'underpoweredRate',
      }[by];
      const { result, statements } = await t.execCounting<{
        orgNode: {
          ranking: Array<{
            rank: number;
            node: { id: string; key: string };
            rate: { value: number };
            stats: Record<string, unknown>;
          }>;
        };
      }>(RANKING, { id, by, min, dir, scope, first });
      expect(result.errors).toBeUndefined();
      expect(statements).toBe(4); // the node, the roll-up cache's data state (once per request), the ranking, the ranked nodes
      const expected = [...data.keyOf.keys()]
        .filter((nodeId) => isUnder(nodeId, id))
        .map((nodeId) => ({
          nodeId,
          key: data.keyOf.get(nodeId)!,
          stats: referenceStats(data, { nodeId, scope, from: FROM, to: ANCHOR, now: new Date() }),
        }))
        .filter((n) => n.stats.concluded >= min)
        .map((n) => ({ ...n, value: (n.stats as unknown as Record<string, { value: number }>)[field]!.value }))
        .sort(
          (a, b) =>
            (dir === 'DESC' ? b.value - a.value : a.value - b.value) ||
            b.stats.concluded - a.stats.concluded ||
            (a.key < b.key ? -1 : 1),
        )
        .slice(0, first);
      const ranking = result.data!.orgNode.ranking;
      expect(ranking.map((r) => [r.rank, r.node.key])).toEqual(expected.map((e, i) => [i + 1, e.key]));
      expect(ranking.length).toBeGreaterThan(0);
      ranking.forEach((r, i) => {
        expect(diffStats(r.node.key, r.stats, expected[i]!.stats, 0)).toEqual([]);
        expect(r.rate.value).toBeCloseTo(expected[i]!.value, 12);
      });
    },
  );
});

describe('OrgNode.children stats', () => {
  const TREE = `query ($id: ID!) { orgNode(id: $id) { key stats { concluded }
    children { key stats { ...Stats } own: stats(scope: OWN, from: "${FROM.toISOString()}") { concluded }
      statsSeries(bucket: QUARTER, to: "${ANCHOR.toISOString()}") { periodStart stats { concluded } }
      ranking(by: WIN_RATE, minConcluded: 1) { rank node { key } }
      children { key stats { concluded learningRate { value } } } } } } ${STATS_FRAGMENT}`;

  it('answers every child and grandchild with a constant number of statements, whatever the number of nodes', async () => {
    const root = await t.execCounting<{
      orgNode: { children: Array<{ key: string; stats: Record<string, unknown>; children: unknown[] }> };
    }>(TREE, { id: rootId });
    const department = await t.execCounting(TREE, { id: departmentIds[0]! });
    expect(root.result.errors).toBeUndefined();
    expect(department.result.errors).toBeUndefined();
    expect(root.result.data!.orgNode.children.length).toBe(4);
    // orgNode, the roll-up cache's data state (once per request), stats, children, stats of the
    // children (both argument sets), series, ranking, ranked nodes, grandchildren, stats of the grandchildren.
    expect(root.statements).toBe(11);
    expect(department.statements).toBeLessThanOrEqual(root.statements);
    const now = new Date();
    for (const child of root.result.data!.orgNode.children) {
      const nodeId = [...data.keyOf.entries()].find(([, key]) => key === child.key)![0];
      expect(
        diffStats(
          child.key,
          child.stats,
          referenceStats(data, { nodeId, scope: 'SUBTREE', from: null, to: now, now }),
          1e-3,
        ),
      ).toEqual([]);
    }
  });
});

describe('portfolioStats', () => {
  const PORTFOLIO = `query ($filter: ExperimentFilter, $from: DateTime, $to: DateTime) { portfolioStats(filter: $filter, from: $from, to: $to) { ...Stats } } ${STATS_FRAGMENT}`;

  it("pools any experiment filter, for example a tag, like the recomputation, in one statement (plus the cache's data state)", async () => {
    const [{ tag }] = await t.dataSource.query(
      `SELECT tag FROM experiment, unnest(tags) tag GROUP BY tag ORDER BY count(*) DESC, tag LIMIT 1`,
    );
    const { result, statements } = await t.execCounting<{ portfolioStats: Record<string, unknown> }>(PORTFOLIO, {
      filter: { tagsAny: [tag] },
      from: FROM.toISOString(),
      to: ANCHOR.toISOString(),
    });
    expect(statements).toBe(2);
    const expected = referenceStats(data, {
      nodeId: null,
      scope: 'SUBTREE',
      from: FROM,
      to: ANCHOR,
      now: new Date(),
      filter: (r) => r.tags.includes(tag),
    });
    expect(expected.concluded).toBeGreaterThan(5);
    expect(diffStats('portfolio', result.data!.portfolioStats, expected, 0)).toEqual([]);
  });

  it('equals OrgNode.stats(scope: OWN) for an owner filter without descendants', async () => {
    const own = await t.exec<{ orgNode: { stats: unknown } }>(
      `query ($id: ID!) { orgNode(id: $id) { stats(scope: OWN, to: "${ANCHOR.toISOString()}") { ...Stats } } } ${STATS_FRAGMENT}`,
      { id: departmentIds[0]! },
    );
    const portfolio = await t.exec<{ portfolioStats: unknown }>(PORTFOLIO, {
      filter: { ownerNodeId: departmentIds[0]!, includeDescendants: false },
      to: ANCHOR.toISOString(),
    });
    expect(portfolio.data!.portfolioStats).toEqual(own.data!.orgNode.stats);
  });
});

describe('expectedDecisionSql', () => {
  it('agrees with isDecisionConsistent for every concluded category, sub-reason (or none) and decision kind', async () => {
    const combos = CONCLUDED_CATEGORIES.flatMap((c) =>
      [...CATEGORY_SUB_REASONS, null].flatMap((sr) => DECISION_KINDS.map((k) => ({ c, sr, k }))),
    );
    const rows: Array<{ ok: boolean }> = await t.dataSource.query(
      `SELECT ${expectedDecisionSql('t.c', 't.sr', 't.k')} AS ok FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY t(c, sr, k, i) ORDER BY t.i`,
      [combos.map((x) => x.c), combos.map((x) => x.sr), combos.map((x) => x.k)],
    );
    expect(rows.map((r) => r.ok)).toEqual(combos.map((x) => isDecisionConsistent(x.k, x.c, x.sr)));
    expect(rows.filter((r) => !r.ok).length).toBeGreaterThan(100);
  });
});

describe('statistics arguments', () => {
  const STATS = (args: string) => `{ orgNode(id: "${rootId}") { ${args} } }`;
  it.each([
    [
      'from not before to',
      () => STATS('stats(from: "2026-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { concluded }'),
      'from',
    ],
    [
      'a window over 20 years',
      () => STATS('stats(from: "2000-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { concluded }'),
      'from',
    ],
    [
      'more than 500 buckets',
      () =>
        STATS('statsSeries(bucket: MONTH, from: "1970-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { periodStart }'),
      'from',
    ],
    [
      'a series window ending before it starts',
      () =>
        STATS('statsSeries(bucket: YEAR, from: "2026-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z") { periodStart }'),
      'from',
    ],
    ['minConcluded 0', () => STATS('ranking(by: WIN_RATE, minConcluded: 0) { rank }'), 'minConcluded'],
    ['first above 100', () => STATS('ranking(by: WIN_RATE, first: 101) { rank }'), 'first'],
    [
      'a tag with a NUL character',
      () => STATS('stats(filter: { tagsAny: ["a\\u0000b"] }) { concluded }'),
      'filter.tagsAny[0]',
    ],
    [
      'an inverted filter range',
      () =>
        '{ portfolioStats(filter: { concludedFrom: "2026-01-01T00:00:00Z", concludedTo: "2025-01-01T00:00:00Z" }) { concluded } }',
      'filter.concludedTo',
    ],
  ])('rejects %s with BAD_USER_INPUT naming the argument', async (_name, query, field) => {
    const error = expectError(await t.exec(query()), 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe(field);
  });

  it('accepts a YEAR series over 50 years (series are bounded by their bucket count, not by the 20-year window)', async () => {
    const result = await t.exec<{ orgNode: { statsSeries: unknown[] } }>(
      STATS('statsSeries(bucket: YEAR, from: "1976-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { periodStart }'),
    );
    expect(result.data!.orgNode.statsSeries).toHaveLength(50);
  });
});
