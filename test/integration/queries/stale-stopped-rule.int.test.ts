import { readRollupDataState } from '../../../src/db/queries/rollup-cache';
import { classifyLearningCategory } from '../../../src/domain/learning-category';
import { MS_PER_DAY, STALE_STOPPED_DAYS } from '../../../src/domain/ruleset';
import { insertEdgeExperiment, insertOrgNode, plusDays } from '../fixtures/rollup-fixtures';
import { useTestApp } from '../helpers';
import { loadReferenceData, referenceStats, STATS_FRAGMENT } from './rollup-reference';
import { diffStats } from './stats-diff';

/**
 * One home for the 30-day rule (docs/ewl-rules.md §6.4): with STALE_STOPPED_DAYS changed to 10 in
 * the domain's ruleset (and nowhere else), every path follows: the TypeScript classification, the
 * `experiments` filter (category and isLearning), the roll-up (the summary path and the raw path
 * of a filtered request) and the roll-up cache's clock horizon.
 */
jest.mock('../../../src/domain/ruleset', () => ({
  ...jest.requireActual<typeof import('../../../src/domain/ruleset')>('../../../src/domain/ruleset'),
  STALE_STOPPED_DAYS: 10,
}));

const t = useTestApp();
const now = new Date();
let teamId: string;
const ids: Record<string, string> = {};

/** STOPPED without a conclusion, ended `daysAgo` days before `now`, with data category `data`. */
const STOPPED = [
  { key: 'stopped-5', daysAgo: 5, data: 'WIN', subReason: 'SUCCESS_METRIC_IMPROVED' },
  { key: 'stopped-15', daysAgo: 15, data: 'REGRESSION', subReason: 'METRIC_DETERIORATED' },
  { key: 'stopped-45', daysAgo: 45, data: 'UNDERPOWERED', subReason: 'BELOW_REQUIRED_SAMPLE' },
] as const;

beforeAll(async () => {
  await t.truncateAll();
  const [root] = await t.dataSource.query(
    `INSERT INTO org_node (key, name, kind, parent_id) VALUES ('root', 'root', 'company', NULL) RETURNING id`,
  );
  await t.dataSource.query(`INSERT INTO org_node_closure (ancestor_id, descendant_id, depth) VALUES ($1, $1, 0)`, [
    root.id,
  ]);
  teamId = await insertOrgNode(t.dataSource, 'team', root.id);
  for (const e of STOPPED) {
    ids[e.key] = await insertEdgeExperiment(t.dataSource, {
      key: e.key,
      ownerNodeId: teamId,
      status: 'STOPPED',
      startedAt: plusDays(now, -e.daysAgo - 30),
      endedAt: plusDays(now, -e.daysAgo),
      data: e.data,
      subReason: e.subReason,
    });
  }
});

const keysOf = (result: { data?: { experiments: { edges: Array<{ node: { key: string } }> } } | null }) =>
  result.data!.experiments.edges.map((e) => e.node.key).sort();

describe('STALE_STOPPED_DAYS changed to 10', () => {
  it('is the constant every module of this test reads', () => {
    expect(STALE_STOPPED_DAYS).toBe(10);
  });

  it('changes the TypeScript classification: concluded after more than 10 days', async () => {
    const category = (daysAgo: number) =>
      classifyLearningCategory(
        'REGRESSION',
        { status: 'STOPPED', countsTowardEwl: true, endedAt: plusDays(now, -daysAgo), concludedAt: null },
        now,
      );
    expect([category(9.9), category(10), category(10.001), category(15)]).toEqual([
      'PENDING',
      'PENDING',
      'REGRESSION',
      'REGRESSION',
    ]);
    const result = await t.exec<{ experiments: { edges: Array<{ node: { key: string; ewlCategory: string } }> } }>(
      `{ experiments(first: 10) { edges { node { key ewlCategory } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(Object.fromEntries(result.data!.experiments.edges.map((e) => [e.node.key, e.node.ewlCategory]))).toEqual({
      'stopped-5': 'PENDING',
      'stopped-15': 'REGRESSION',
      'stopped-45': 'UNDERPOWERED',
    });
  });

  it('changes the experiments filter (category and isLearning), now and at an earlier asOf', async () => {
    const find = async (filter: Record<string, unknown>) => {
      const result = await t.exec<{ experiments: { edges: Array<{ node: { key: string } }> } }>(
        `query ($f: ExperimentFilter) { experiments(first: 10, filter: $f) { edges { node { key } } } }`,
        { f: filter },
      );
      expect(result.errors).toBeUndefined();
      return keysOf(result);
    };
    expect(await find({ category: ['PENDING'] })).toEqual(['stopped-5']);
    expect(await find({ category: ['REGRESSION', 'UNDERPOWERED'] })).toEqual(['stopped-15', 'stopped-45']);
    expect(await find({ isLearning: true })).toEqual(['stopped-15']);
    expect(await find({ isLearning: false })).toEqual(['stopped-45']);
    // Six days earlier, the run that ended 15 days ago had been stopped for 9 days: still PENDING.
    const earlier = plusDays(now, -6).toISOString();
    expect(await find({ category: ['PENDING'], asOf: earlier })).toEqual(['stopped-15', 'stopped-5']);
    expect(await find({ isLearning: true, asOf: earlier })).toEqual([]);
    expect(await find({ isLearning: false, asOf: earlier })).toEqual(['stopped-45']);
  });

  it('changes the roll-up, on the summary path and on the raw path of a filtered request', async () => {
    const STATS = `query ($id: ID!, $to: DateTime) { orgNode(id: $id) {
      all: stats(scope: OWN, to: $to) { ...Stats }
      filtered: stats(scope: OWN, to: $to, filter: { kind: [AB_TEST] }) { ...Stats } } } ${STATS_FRAGMENT}`;
    const data = await loadReferenceData(t.dataSource);
    for (const to of [null, plusDays(now, -6)]) {
      const before = new Date();
      const result = await t.exec<{ orgNode: { all: Record<string, unknown>; filtered: Record<string, unknown> } }>(
        STATS,
        { id: teamId, to: to?.toISOString() ?? null },
      );
      expect(result.errors).toBeUndefined();
      const { all, filtered } = result.data!.orgNode;
      expect([all.concluded, all.pending]).toEqual(to === null ? [2, 1] : [1, 2]);
      expect(filtered).toEqual(all);
      const expected = referenceStats(data, {
        nodeId: teamId,
        scope: 'OWN',
        from: null,
        to: to ?? before,
        now: before,
      });
      expect(diffStats('team', all, expected, 1e-3)).toEqual([]);
    }
  });

  it('changes the roll-up cache horizon: 10 days after the end of the STOPPED run still pending', async () => {
    const state = await readRollupDataState(t.dataSource, now);
    expect(state.validUntil).toBe(plusDays(now, -5).getTime() + 10 * MS_PER_DAY);
  });
});
