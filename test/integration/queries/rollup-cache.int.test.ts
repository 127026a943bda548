import { sqlCounter } from '../../../src/db/data-source';
import { seedDemoData } from '../../../src/db/seed/seed';
import { INTERNAL_PRINCIPAL } from '../../../src/domain/principal';
import { createContext } from '../../../src/graphql/context';
import { type GraphQLResult, useTestApp } from '../helpers';
import { insertEdgeExperiment, plusDays } from '../fixtures/rollup-fixtures';
import { loadReferenceData, referenceStats, STATS_FRAGMENT } from './rollup-reference';
import { diffStats } from './stats-diff';

const t = useTestApp();
const ANCHOR = new Date('2026-06-01T00:00:00Z');

const TREE = `query { orgNodes { id key stats { ...Stats } } } ${STATS_FRAGMENT}`;
type Tree = {
  orgNodes: Array<{ id: string; key: string; stats: Record<string, unknown> & { pending: number; concluded: number } }>;
};

/** Runs TREE with the request clock at `now` (the real clock by default), counting statements. */
async function tree(now?: Date): Promise<{ result: GraphQLResult<Tree>; statements: number }> {
  if (!now) return t.execCounting<Tree>(TREE);
  const counter = sqlCounter(t.dataSource);
  const before = counter.count;
  const response = await t.app.apollo.executeOperation(
    { query: TREE },
    { contextValue: createContext(t.dataSource, INTERNAL_PRINCIPAL, now) },
  );
  if (response.body.kind !== 'single') throw new Error('single result expected');
  return { result: response.body.singleResult as GraphQLResult<Tree>, statements: counter.count - before };
}

async function expectMatchesReference(result: GraphQLResult<Tree>, now: Date) {
  expect(result.errors).toBeUndefined();
  const data = await loadReferenceData(t.dataSource);
  for (const node of result.data!.orgNodes) {
    expect(
      diffStats(
        node.key,
        node.stats,
        referenceStats(data, { nodeId: node.id, scope: 'SUBTREE', from: null, to: now, now }),
        1e-3,
      ),
    ).toEqual([]);
  }
}

describe('roll-up cache', () => {
  let teamId: string;
  beforeAll(async () => {
    await t.truncateAll();
    await seedDemoData(t.dataSource, { anchor: ANCHOR, experiments: 300, classifiedAt: ANCHOR });
    [{ id: teamId }] = await t.dataSource.query(`SELECT id FROM org_node WHERE kind = 'team' ORDER BY key LIMIT 1`);
  });

  it('answers a repeated request from memory (only the data state is read) with the same numbers', async () => {
    const first = await tree();
    const second = await tree();
    // Equal numbers; only the age of the decision debt moves with the request's clock.
    const withoutAges = (r: GraphQLResult<Tree>) =>
      JSON.parse(JSON.stringify(r), (k, v) => (k === 'oldestAgeDays' && v !== null ? Math.round(v) : v));
    expect(withoutAges(second.result)).toEqual(withoutAges(first.result));
    // orgNodes, the data state and the roll-up; then orgNodes and the data state only.
    expect(first.statements).toBe(3);
    expect(second.statements).toBe(2);
  });

  it('never serves an answer from before a committed write', async () => {
    await tree();
    const [victim] = await t.dataSource.query(
      `SELECT experiment_id FROM experiment_classification WHERE category = 'WIN' AND decision_kind IS NULL AND counts_toward_ewl AND status <> 'ARCHIVED' LIMIT 1`,
    );
    if (victim) {
      const written = await t.exec(
        `mutation ($id: ID!) { recordDecision(input: { experimentId: $id, kind: SHIP, decidedBy: "pm" }) { id } }`,
        { id: victim.experiment_id },
      );
      expect(written.errors).toBeUndefined();
    } else {
      await insertEdgeExperiment(t.dataSource, {
        key: 'late-win',
        ownerNodeId: teamId,
        status: 'CONCLUDED',
        data: 'WIN',
        subReason: 'SUCCESS_METRIC_IMPROVED',
        startedAt: plusDays(ANCHOR, -40),
        endedAt: plusDays(ANCHOR, -10),
        concludedAt: plusDays(ANCHOR, -9),
      });
    }
    const after = await tree();
    expect(after.statements).toBe(3);
    await expectMatchesReference(after.result, new Date());
  });

  it('recomputes when the clock alone changes an answer: a STOPPED experiment reaching its 30 days', async () => {
    const now = new Date();
    // Ended 30 days minus one minute ago: PENDING now, concluded (its data category) two minutes later.
    await insertEdgeExperiment(t.dataSource, {
      key: 'about-to-conclude',
      ownerNodeId: teamId,
      status: 'STOPPED',
      data: 'POWERED_NEUTRAL',
      subReason: 'NO_EFFECT',
      startedAt: plusDays(now, -60),
      endedAt: new Date(now.getTime() - 30 * 86_400_000 + 60_000),
    });
    const before = await tree(now);
    const again = await tree(now);
    expect(again.statements).toBe(2); // cached while nothing changes
    const later = new Date(now.getTime() + 120_000);
    const after = await tree(later);
    expect(after.statements).toBe(3); // past the horizon: recomputed
    const team = (r: GraphQLResult<Tree>) => r.data!.orgNodes.find((n) => n.id === teamId)!.stats;
    expect(team(after.result).pending).toBe(team(before.result).pending - 1);
    expect(team(after.result).concluded).toBe(team(before.result).concluded + 1);
    await expectMatchesReference(after.result, later);
  });

  it("keeps answers for different window ends apart, and ends a cached series at each request's clock", async () => {
    const SERIES = `query ($from: DateTime, $to: DateTime) { orgNodes { id statsSeries(bucket: MONTH, from: $from, to: $to) { periodStart periodEnd stats { concluded } } } }`;
    type Series = { orgNodes: Array<{ id: string; statsSeries: Array<{ periodStart: string; periodEnd: string }> }> };
    const at = async (now: Date, vars: Record<string, unknown>) => {
      const response = await t.app.apollo.executeOperation(
        { query: SERIES, variables: vars },
        { contextValue: createContext(t.dataSource, INTERNAL_PRINCIPAL, now) },
      );
      if (response.body.kind !== 'single') throw new Error('single result expected');
      const result = response.body.singleResult as GraphQLResult<Series>;
      expect(result.errors).toBeUndefined();
      return result.data!.orgNodes[0]!.statsSeries;
    };
    const now = new Date();
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)).toISOString();
    const later = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 3, 1)).toISOString();
    const open = await at(now, { from, to: null });
    const explicit = await at(now, { from, to: later });
    expect(open).toHaveLength(3);
    expect(explicit).toHaveLength(5);
    expect(await at(now, { from, to: null })).toHaveLength(3);
    // Served from the cache a minute later: the last period ends at the new request's clock.
    const minuteLater = new Date(now.getTime() + 60_000);
    const again = await at(minuteLater, { from, to: null });
    expect(new Date(again.at(-1)!.periodEnd).toISOString()).toBe(minuteLater.toISOString());
    expect(again.slice(0, -1)).toEqual(open.slice(0, -1));
  });
});
