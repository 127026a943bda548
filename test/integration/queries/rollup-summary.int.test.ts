import { type EntityManager } from 'typeorm';
import { classifyAndStore } from '../../../src/db/queries/classification-writes';
import { refreshCurrentDecision } from '../../../src/app/decision/decision-writes';
import { reclassifyExperiments } from '../../../src/app/reclassify/reclassify';
import { SUMMARY_COLUMNS } from '../../../src/db/queries/rollup-sql';
import { seedDemoData } from '../../../src/db/seed/seed';
import { expectRefused, mutate } from '../fixtures/write-fixtures';
import { useTestApp } from '../helpers';
import { loadReferenceData, referenceStats, STATS_FRAGMENT } from './rollup-reference';
import {
  actualSummary,
  diffSummary,
  EXPECTED_SUMMARY_COLUMNS,
  expectedSummary,
  loadSourceData,
  type Queryable,
  staleCopies,
  staleDecisionDelays,
  staleTotals,
} from './rollup-summary-reference';
import { diffStats } from './stats-diff';

/**
 * `org_rollup_month` (migration RollupSummary) is maintained by statement-level triggers on the
 * stored classifications. After every kind of write, the table must equal an independent
 * recomputation (rollup-summary-reference.ts) from the classification rows and the SOURCE
 * experiment and decision rows, and the denormalised copies must equal their sources. The tests
 * share one seeded portfolio and run in order, each adding writes on top.
 */
const t = useTestApp();
const ANCHOR = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const embedded = process.env.TEST_DATABASE_MODE === 'embedded';

/**
 * Asserts the summary, its totals, the decision delays per subtree and the denormalised columns are in step, read
 * through `db` (a transaction's manager or the DataSource).
 */
async function expectInStep(db: Queryable = t.dataSource, allClassified = true) {
  const data = await loadSourceData(db);
  expect(staleCopies(data, allClassified)).toEqual([]);
  expect(diffSummary(data, await actualSummary(db), expectedSummary(data))).toEqual([]);
  expect(await staleTotals(db)).toEqual([]);
  expect(await staleDecisionDelays(db, data)).toEqual([]);
}

/** Fingerprints of both tables' content (as snapshotDatabase takes them), read through `db`. */
async function summaryAndClassifications(db: Queryable = t.dataSource) {
  const fingerprint = async (table: string) => {
    const [row] = await db.query(
      `SELECT count(*)::int AS n, coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS h FROM ${table} t`,
    );
    return `${row.n}:${row.h}`;
  };
  return {
    summary: await fingerprint('org_rollup_month'),
    classifications: await fingerprint('experiment_classification'),
  };
}

const WINDOW = { from: new Date('2026-06-15T00:00:00Z'), to: new Date('2026-10-10T12:00:00Z') };
const STATS = `query ($root: ID!, $from: DateTime, $to: DateTime) {
  orgNode(id: $root) { key stats(scope: SUBTREE) { ...Stats } }
  orgNodes { id key stats(scope: OWN, from: $from, to: $to) { ...Stats } } } ${STATS_FRAGMENT}`;

/**
 * Differences between OrgNode.stats and the brute-force reference: the root, SUBTREE, all time
 * (the summary months up to the current one), and every node, OWN, over a window across months.
 */
async function statsDiffs(): Promise<string[]> {
  const before = new Date();
  const result = await t.exec<{
    orgNode: { key: string; stats: unknown };
    orgNodes: Array<{ id: string; key: string; stats: unknown }>;
  }>(STATS, { root: rootId, from: WINDOW.from.toISOString(), to: WINDOW.to.toISOString() });
  const after = new Date();
  expect(result.errors).toBeUndefined();
  const data = await loadReferenceData(t.dataSource);
  const root = referenceStats(data, { nodeId: rootId, scope: 'SUBTREE', from: null, to: before, now: before });
  const lines = diffStats(
    'root (SUBTREE, all time)',
    result.data!.orgNode.stats,
    root,
    (after.getTime() - before.getTime()) / DAY,
  );
  for (const node of result.data!.orgNodes) {
    const expected = referenceStats(data, {
      nodeId: node.id,
      scope: 'OWN',
      from: WINDOW.from,
      to: WINDOW.to,
      now: before,
    });
    lines.push(...diffStats(`${node.key} (OWN, window)`, node.stats, expected, 0));
  }
  return lines;
}

async function expectStatsMatchReference() {
  expect(await statsDiffs()).toEqual([]);
}

let rootId: string;
let teamA: string;
let teamB: string;
const ids: Record<string, string> = {};
/** The id of an experiment or metric this file created under `key` (a missing one fails the test loudly). */
function idOf(key: string): string {
  const id = ids[key];
  if (id === undefined) throw new Error(`No id recorded for ${key}`);
  return id;
}

const variants = [
  { key: 'control', name: 'Control', isControl: true, plannedWeight: 1 },
  { key: 'treatment', name: 'Treatment', isControl: false, plannedWeight: 1 },
];
const metrics = [
  { metricKey: 'rs-conv', role: 'SUCCESS', mde: 0.02, mdeScale: 'RELATIVE' },
  { metricKey: 'rs-revenue', role: 'GUARDRAIL', nim: 0.02, nimScale: 'RELATIVE' },
  { metricKey: 'rs-ctr', role: 'DETERIORATION' },
];
const N = 200_000;
/** Results with a conversion rate of `treatmentRate` in treatment against 10% in control, revenue flat. */
const results = (treatmentRate: number) => [
  { metricKey: 'rs-conv', variantKey: 'control', n: N, sum: N * 0.1 },
  { metricKey: 'rs-conv', variantKey: 'treatment', n: N, sum: Math.round(N * treatmentRate) },
  ...['control', 'treatment'].flatMap((variantKey) => [
    { metricKey: 'rs-revenue', variantKey, n: N, sum: N * 5, sumSq: N * 29 },
    { metricKey: 'rs-ctr', variantKey, n: N, sum: N, sumSq: N * 2, sumX: N * 10, sumXSq: N * 104, sumXY: N * 10.5 },
  ]),
];
const units = [
  { variantKey: 'control', units: N },
  { variantKey: 'treatment', units: N },
];

async function create(key: string, owner: string) {
  ids[key] = (
    await mutate(t, 'mutation-create-experiment', { key, title: key, ownerNodeId: owner, variants, metrics })
  ).id;
  await expectInStep();
}
async function step(key: string, to: string, at?: string) {
  await mutate(t, 'mutation-transition-experiment', { id: idOf(key), to, at: at ?? null });
  await expectInStep();
}
async function decide(key: string, kind: string, decidedAt?: string) {
  const decision = await mutate<{ isCurrent: boolean }>(t, 'mutation-record-decision', {
    experimentId: idOf(key),
    kind,
    decidedBy: 'rs',
    decidedAt: decidedAt ?? null,
  });
  await expectInStep();
  return decision;
}
/**
 * Inside a test's own transaction, what a transition and a decision write: the experiment row,
 * then the write path's classifyAndStore, or the decision row, then refreshCurrentDecision (which
 * calls storeCurrentDecision).
 */
async function moveIn(
  m: EntityManager,
  key: string,
  status: string,
  column: 'started_at' | 'ended_at' | 'concluded_at',
  at: string,
) {
  await m.query(`UPDATE experiment SET status = $2, ${column} = $3, version = version + 1 WHERE id = $1`, [
    idOf(key),
    status,
    at,
  ]);
  await classifyAndStore(m, [idOf(key)], new Date(), 'STATUS_CHANGED');
}
async function decideIn(m: EntityManager, key: string, kind: string) {
  await m.query(`INSERT INTO decision (experiment_id, kind, decided_by, decided_at) VALUES ($1, $2, 'rs', $3)`, [
    idOf(key),
    kind,
    new Date(),
  ]);
  await refreshCurrentDecision(m, idOf(key));
}
const categoryOf = async (key: string) =>
  (await t.dataSource.query('SELECT category FROM experiment_classification WHERE experiment_id = $1', [idOf(key)]))[0]
    .category;

beforeAll(async () => {
  await t.truncateAll();
  await seedDemoData(t.dataSource, { anchor: ANCHOR, experiments: 300, classifiedAt: ANCHOR });
  [{ id: rootId }] = await t.dataSource.query('SELECT id FROM org_node WHERE parent_id IS NULL');
  const leaves: Array<{ id: string; parent_id: string }> = await t.dataSource.query(
    'SELECT n.id, n.parent_id FROM org_node n WHERE NOT EXISTS (SELECT 1 FROM org_node c WHERE c.parent_id = n.id) ORDER BY n.key',
  );
  teamA = leaves[0]!.id;
  teamB = leaves.find((l) => l.parent_id !== leaves[0]!.parent_id)!.id;
  for (const [key, type, preferredDirection] of [
    ['rs-conv', 'BINARY', 'INCREASE'],
    ['rs-revenue', 'CONTINUOUS', 'INCREASE'],
    ['rs-ctr', 'RATIO', 'INCREASE'],
  ] as const) {
    ids[key] = (await mutate(t, 'mutation-create-metric', { key, name: key, type, preferredDirection })).id;
  }
});

describe('org_rollup_month', () => {
  it('has the owner node, the month and exactly the summary columns the roll-up reads', async () => {
    const columns: Array<{ column_name: string }> = await t.dataSource.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'org_rollup_month' AND table_schema = current_schema() ORDER BY ordinal_position`,
    );
    const names = columns.map((c) => c.column_name);
    // The reads name every column, so the order of the counts is free: the migration lists starts first.
    expect(names.slice(0, 2)).toEqual(['owner_node_id', 'month']);
    expect(names.slice(2).sort()).toEqual([...SUMMARY_COLUMNS].sort());
    expect(names).toHaveLength(2 + SUMMARY_COLUMNS.length);
    expect([...SUMMARY_COLUMNS].sort()).toEqual([...EXPECTED_SUMMARY_COLUMNS].sort());
  });

  it('has its totals per owner node in org_rollup_total, with the same count columns', async () => {
    const columns = async (table: string): Promise<string[]> =>
      (
        await t.dataSource.query(
          `SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema() ORDER BY ordinal_position`,
          [table],
        )
      ).map((c: { column_name: string }) => c.column_name);
    expect(await columns('org_rollup_total')).toEqual([
      'owner_node_id',
      ...(await columns('org_rollup_month')).slice(2),
    ]);
  });

  it('matches the recomputation after the seed', async () => {
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM org_rollup_month WHERE concluded > 0');
    expect(n).toBeGreaterThan(20);
    await expectInStep();
    await expectStatsMatchReference();
  });

  it('stays in step through creation, results, health checks, every transition and decisions (current and back-dated)', async () => {
    for (const key of ['rs-win', 'rs-flat', 'rs-srm']) await create(key, teamA);
    for (const key of ['rs-win', 'rs-flat', 'rs-srm']) await step(key, 'RUNNING', '2026-07-03T10:00:00Z');
    await mutate(t, 'mutation-record-results', { experimentId: idOf('rs-win'), units, results: results(0.11) });
    await expectInStep();
    await mutate(t, 'mutation-record-results', { experimentId: idOf('rs-flat'), units, results: results(0.1) });
    await expectInStep();
    await mutate(t, 'mutation-record-results', { experimentId: idOf('rs-srm'), units, results: results(0.1) });
    await mutate(t, 'mutation-record-health-checks', {
      experimentId: idOf('rs-srm'),
      checks: [{ type: 'SRM', status: 'FAIL', pValue: 0.00001 }],
    });
    await expectInStep();

    await step('rs-win', 'STOPPED', '2026-08-10T00:00:00Z');
    await step('rs-win', 'CONCLUDED', '2026-08-20T00:00:00Z');
    expect(await categoryOf('rs-win')).toBe('WIN');
    expect(await decide('rs-win', 'SHIP')).toMatchObject({ isCurrent: true });
    // Back-dated before the current one: kept in the history, not current, so the summary must not move.
    const before = await summaryAndClassifications();
    expect(await decide('rs-win', 'ABANDON', '2026-08-25T00:00:00Z')).toMatchObject({ isCurrent: false });
    expect(await summaryAndClassifications()).toEqual(before);
    expect(await decide('rs-win', 'ITERATE')).toMatchObject({ isCurrent: true }); // inconsistent with a WIN
    await step('rs-win', 'ARCHIVED');

    // Concluded on a month boundary: the last instant of August ends it, September 1st concludes it.
    await step('rs-flat', 'STOPPED', '2026-08-31T23:59:59.999Z');
    await step('rs-flat', 'CONCLUDED', '2026-09-01T00:00:00Z');
    await decide('rs-flat', 'ABANDON');
    await step('rs-srm', 'STOPPED', '2026-09-10T00:00:00Z');
    await step('rs-srm', 'CONCLUDED', '2026-09-15T00:00:00Z');
    expect(await categoryOf('rs-srm')).toBe('INVALID');
    await decide('rs-srm', 'RERUN');
    const rows = await t.dataSource.query(
      `SELECT month::text AS month, concluded, cat_win, cat_invalid, dk_ship, dk_iterate, inconsistent FROM org_rollup_month WHERE owner_node_id = $1 AND month >= '2026-08-01'
        ORDER BY month`,
      [teamA],
    );
    expect(rows).toEqual([
      { month: '2026-08-01', concluded: 1, cat_win: 1, cat_invalid: 0, dk_ship: 0, dk_iterate: 1, inconsistent: 1 },
      { month: '2026-09-01', concluded: 2, cat_win: 0, cat_invalid: 1, dk_ship: 0, dk_iterate: 0, inconsistent: 0 },
    ]);
    await expectStatsMatchReference();
  });

  it('follows updateExperiment: another owner node, scope and the restart link', async () => {
    await mutate(t, 'mutation-update-experiment', { id: idOf('rs-flat'), ownerNodeId: teamB });
    await expectInStep();
    const [seeded] = await t.dataSource.query(
      `SELECT e.id FROM experiment e JOIN experiment_classification c ON c.experiment_id = e.id
        WHERE e.status = 'CONCLUDED' AND e.counts_toward_ewl AND c.decision_kind IS NOT NULL AND e.owner_node_id <> $1 ORDER BY e.key LIMIT 1`,
      [teamA],
    );
    ids.seeded = seeded.id;
    await mutate(t, 'mutation-update-experiment', { id: idOf('seeded'), ownerNodeId: teamA });
    await expectInStep();
    await mutate(t, 'mutation-update-experiment', { id: idOf('rs-srm'), countsTowardEwl: false });
    await expectInStep();
    await mutate(t, 'mutation-update-experiment', { id: idOf('rs-srm'), countsTowardEwl: true });
    await expectInStep();
    await create('rs-rerun', teamA);
    await step('rs-rerun', 'RUNNING', '2026-09-20T00:00:00Z');
    await mutate(t, 'mutation-update-experiment', { id: idOf('rs-rerun'), restartOfId: idOf('rs-srm') });
    await expectInStep();
    const [{ restarts }] = await t.dataSource.query(
      `SELECT restarts FROM org_rollup_month WHERE owner_node_id = $1 AND month = '2026-09-01'`,
      [teamA],
    );
    expect(restarts).toBe(1);
    await expectStatsMatchReference();
  });

  it('counts an amended design beside the categories (amended_after_launch), in the month the experiment concluded', async () => {
    const before = await categoryOf('rs-flat');
    await mutate(t, 'mutation-amend-experiment-design', {
      experimentId: idOf('rs-flat'),
      reason: 'Runtime was planned in weeks',
      plannedRuntimeDays: 28,
    });
    await expectInStep();
    expect(await categoryOf('rs-flat')).toBe(before);
    const [row] = await t.dataSource.query(
      `SELECT amended_after_launch FROM org_rollup_month WHERE owner_node_id = $1 AND month = '2026-09-01'`,
      [teamB],
    );
    expect(row.amended_after_launch).toBeGreaterThanOrEqual(1);
    await expectStatsMatchReference();
  });

  // updateMetric refuses the flip (the metric is in the pre-registered design of started
  // experiments: DESIGN_LOCKED), so the test makes it below the API, as the write path would.
  it('follows a metric direction change that reclassifies every experiment using the metric', async () => {
    const [metric] = await t.dataSource.query(
      `SELECT m.id, m.preferred_direction AS direction, count(DISTINCT em.experiment_id)::int AS n FROM metric m JOIN experiment_metric em ON em.metric_id = m.id
        GROUP BY m.id ORDER BY 3 DESC, m.key LIMIT 1`,
    );
    const categories = async () =>
      new Map(
        (await t.dataSource.query('SELECT experiment_id, category FROM experiment_classification')).map(
          (r: { experiment_id: string; category: string }) => [r.experiment_id, r.category],
        ),
      );
    const original = await categories();
    const other = metric.direction === 'INCREASE' ? 'DECREASE' : 'INCREASE';
    await expectRefused(
      t,
      'mutation-update-metric',
      { id: metric.id, preferredDirection: other },
      'CONFLICT',
      'DESIGN_LOCKED',
    );
    const flip = (direction: string) =>
      t.dataSource.transaction(async (m) => {
        await m.query('UPDATE metric SET preferred_direction = $2 WHERE id = $1', [metric.id, direction]);
        const users: Array<{ experiment_id: string }> = await m.query(
          'SELECT DISTINCT experiment_id FROM experiment_metric WHERE metric_id = $1',
          [metric.id],
        );
        await classifyAndStore(
          m,
          users.map((u) => u.experiment_id),
          new Date(),
          'METRIC_CHANGED',
        );
      });
    await flip(other);
    await expectInStep();
    const flipped = await categories();
    expect([...original].filter(([id, category]) => flipped.get(id) !== category).length).toBeGreaterThan(5);
    await expectStatsMatchReference();
    await flip(metric.direction);
    await expectInStep();
    expect(await categories()).toEqual(original);
  });

  it('leaves the summary and the classifications unchanged when a mutation fails', async () => {
    const before = await summaryAndClassifications();
    await expectRefused(
      t,
      'mutation-update-metric',
      { id: idOf('rs-conv'), type: 'CONTINUOUS' },
      'CONFLICT',
      'METRIC_IN_USE',
    );
    await expectRefused(
      t,
      'mutation-record-decision',
      { experimentId: idOf('rs-win'), kind: 'SHIP', decidedBy: 'rs' },
      'CONFLICT',
    );
    await expectRefused(t, 'mutation-update-experiment', { id: idOf('rs-win'), ownerNodeId: teamB }, 'CONFLICT');
    await expectRefused(
      t,
      'mutation-transition-experiment',
      { id: idOf('rs-rerun'), to: 'STOPPED', at: '2026-09-01T00:00:00Z' },
      'BAD_USER_INPUT',
    );
    await expectRefused(
      t,
      'mutation-record-results',
      { experimentId: idOf('rs-rerun'), results: [results(0.1)[1]] },
      'BAD_USER_INPUT',
      'MISSING_CONTROL_DATA',
    );
    expect(await summaryAndClassifications()).toEqual(before);
    await expectInStep();
  });

  it('is written in the transaction that writes the classification: in step inside it, rolled back with it', async () => {
    const before = await summaryAndClassifications();
    const failure = new Error('roll back');
    await expect(
      t.dataSource.transaction(async (m) => {
        await moveIn(m, 'rs-rerun', 'STOPPED', 'ended_at', '2026-10-02T00:00:00Z');
        await moveIn(m, 'rs-rerun', 'CONCLUDED', 'concluded_at', '2026-10-05T00:00:00Z');
        await decideIn(m, 'rs-rerun', 'SHIP');
        await expectInStep(m);
        const [{ n }] = await m.query(
          `SELECT count(*)::int AS n FROM org_rollup_month WHERE owner_node_id = $1 AND month = '2026-10-01' AND concluded = 1`,
          [teamA],
        );
        expect(n).toBe(1);
        expect(await summaryAndClassifications(m)).not.toEqual(before);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await summaryAndClassifications()).toEqual(before);
    await expectInStep();
  });

  it('stays in step through reclassifyExperiments with a later clock, and repairs rows stored under an older ruleset', async () => {
    const before = await actualSummary(t.dataSource);
    const later = new Date(Date.now() + 120 * DAY);
    const all = await reclassifyExperiments(t.dataSource, { now: later });
    expect(all.experiments).toBeGreaterThan(300);
    await expectInStep();
    expect(await actualSummary(t.dataSource)).toEqual(before);
    // Rows tampered with (and marked stale): the triggers follow the tampering, the reclassification undoes it.
    const tampered: unknown[] = await t.dataSource.query(
      `WITH u AS (UPDATE experiment_classification SET category = 'WIN', sub_reason = 'SUCCESS_METRIC_IMPROVED', ruleset_version = 'ewl-0'
        WHERE experiment_id IN (SELECT experiment_id FROM experiment_classification
                                 WHERE decision_kind IS NULL AND counts_toward_ewl AND concluded_at IS NOT NULL AND category <> 'WIN' ORDER BY experiment_id LIMIT 8)
        RETURNING experiment_id) SELECT * FROM u`,
    );
    expect(tampered).toHaveLength(8);
    expect(await actualSummary(t.dataSource)).not.toEqual(before);
    await expectInStep();
    const stale = await reclassifyExperiments(t.dataSource, { now: later, onlyStale: true });
    expect(stale.experiments).toBe(tampered.length);
    await expectInStep();
    expect(await actualSummary(t.dataSource)).toEqual(before);
    // Some rows gone: one reclassification statement then inserts some rows and updates the others.
    await t.dataSource.query(
      `DELETE FROM experiment_classification WHERE experiment_id IN (SELECT experiment_id FROM experiment_classification WHERE concluded_at IS NOT NULL
        ORDER BY classified_at DESC, experiment_id LIMIT 5)`,
    );
    await expectInStep(t.dataSource, false);
    await reclassifyExperiments(t.dataSource, { now: later });
    await expectInStep();
    expect(await actualSummary(t.dataSource)).toEqual(before);
    await expectStatsMatchReference();
  });

  it('buckets by the UTC month whatever the session time zone', async () => {
    const counts = async () =>
      Object.fromEntries(
        (
          await t.dataSource.query(
            `SELECT month::text AS month, started, concluded FROM org_rollup_month WHERE owner_node_id = $1 AND month BETWEEN '2026-09-01' AND '2026-11-01'`,
            [teamA],
          )
        ).map((r: { month: string; started: number; concluded: number }) => [r.month, [r.started, r.concluded]]),
      );
    await create('rs-tz', teamA);
    const before = await counts();
    await t.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL TIME ZONE 'Pacific/Kiritimati'`); // UTC+14: every instant below falls in the next local month
      await moveIn(m, 'rs-tz', 'RUNNING', 'started_at', '2026-09-30T20:00:00Z');
      await moveIn(m, 'rs-tz', 'STOPPED', 'ended_at', '2026-10-31T12:00:00Z');
      await moveIn(m, 'rs-tz', 'CONCLUDED', 'concluded_at', '2026-10-31T20:00:00Z');
      await expectInStep(m);
    });
    await expectInStep();
    const [sep, oct] = [before['2026-09-01'] ?? [0, 0], before['2026-10-01'] ?? [0, 0]];
    expect(await counts()).toEqual({
      ...before,
      '2026-09-01': [sep[0] + 1, sep[1]],
      '2026-10-01': [oct[0], oct[1] + 1],
    });
  });

  it('does not depend on the org tree: moving a node leaves it unchanged and the SUBTREE stats follow', async () => {
    const before = await summaryAndClassifications();
    const [{ parent_id: parent }] = await t.dataSource.query('SELECT parent_id FROM org_node WHERE id = $1', [teamB]);
    await mutate(t, 'mutation-move-org-node', { id: teamA, newParentId: parent });
    expect(await summaryAndClassifications()).toEqual(before);
    // The decision delays are kept per subtree: they follow the move.
    await expectInStep();
    await expectStatsMatchReference();
  });

  it('stays in step when two transactions conclude experiments of the same team concurrently and both commit', async () => {
    for (const key of ['rs-c1', 'rs-c2']) {
      await create(key, teamB);
      await step(key, 'RUNNING', '2026-07-10T00:00:00Z');
    }
    const conclude = async (m: EntityManager, key: string) => {
      await moveIn(m, key, 'STOPPED', 'ended_at', '2026-09-03T00:00:00Z');
      await moveIn(m, key, 'CONCLUDED', 'concluded_at', '2026-09-04T00:00:00Z');
      await decideIn(m, key, 'ABANDON');
    };
    const [{ concluded: before }] = await t.dataSource.query(
      `SELECT concluded FROM org_rollup_month WHERE owner_node_id = $1 AND month = '2026-09-01'`,
      [teamB],
    );
    if (embedded) {
      // One embedded session: the pool hands the connection to the second transaction when the first ends.
      await Promise.all([
        t.dataSource.transaction((m) => conclude(m, 'rs-c1')),
        t.dataSource.transaction((m) => conclude(m, 'rs-c2')),
      ]);
    } else {
      // Two sessions, interleaved: the second one's summary update waits for the first one's row, then adds to it.
      const [q1, q2] = [t.dataSource.createQueryRunner(), t.dataSource.createQueryRunner()];
      try {
        await q1.startTransaction();
        await q2.startTransaction();
        await conclude(q1.manager, 'rs-c1');
        const second = conclude(q2.manager, 'rs-c2');
        const waited = await waitForLockWait();
        await q1.commitTransaction();
        await second;
        await q2.commitTransaction();
        expect(waited).toBe(true);
      } finally {
        for (const q of [q1, q2]) {
          if (q.isTransactionActive) await q.rollbackTransaction();
          await q.release();
        }
      }
    }
    const [{ concluded: after }] = await t.dataSource.query(
      `SELECT concluded FROM org_rollup_month WHERE owner_node_id = $1 AND month = '2026-09-01'`,
      [teamB],
    );
    expect(after).toBe(before + 2);
    await expectInStep();
  });

  it('follows a DELETE of experiment rows, the classifications going by cascade', async () => {
    const victims: Array<{ id: string }> = await t.dataSource.query(
      `SELECT e.id FROM experiment e JOIN experiment_classification c ON c.experiment_id = e.id
        WHERE c.concluded_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM experiment r WHERE r.restart_of_id = e.id)
          AND NOT EXISTS (SELECT 1 FROM decision d WHERE d.experiment_id = e.id AND d.shipped_variant_id IS NOT NULL)
        ORDER BY e.key LIMIT 6`,
    );
    expect(victims).toHaveLength(6);
    await t.dataSource.query('DELETE FROM experiment WHERE id = ANY($1::uuid[])', [
      victims.slice(0, 5).map((v) => v.id),
    ]);
    await expectInStep();
    await t.dataSource.query('DELETE FROM experiment WHERE id = $1', [victims[5]!.id]);
    await expectInStep();
    await t.dataSource.query('DELETE FROM experiment WHERE id = $1', [idOf('rs-flat')]);
    await expectInStep();
    await expectStatsMatchReference();
  });

  it('is emptied by TRUNCATE of the classifications and rebuilt exactly by reclassifying', async () => {
    const before = await actualSummary(t.dataSource);
    await t.dataSource.query('TRUNCATE experiment_classification');
    expect(await t.dataSource.query('SELECT * FROM org_rollup_month')).toEqual([]);
    expect(await t.dataSource.query('SELECT * FROM org_rollup_total WHERE concluded <> 0 OR started <> 0')).toEqual([]);
    await expectInStep(t.dataSource, false);
    await reclassifyExperiments(t.dataSource, { now: new Date() });
    await expectInStep();
    expect(await actualSummary(t.dataSource)).toEqual(before);
    await expectStatsMatchReference();
  });

  // Known gap (reported): deleting an experiment sets its reruns' restart_of_id to NULL by the
  // foreign key (ON DELETE SET NULL), without reclassifying them, so their stored is_restart and
  // the summary's restarts keep counting a restart that the experiment rows no longer show.
  it('follows a DELETE of an experiment that a rerun restarts (the rerun loses its restart link)', async () => {
    await t.dataSource.query('DELETE FROM experiment WHERE id = $1', [idOf('rs-srm')]);
    const [{ restart_of_id: link }] = await t.dataSource.query('SELECT restart_of_id FROM experiment WHERE id = $1', [
      idOf('rs-rerun'),
    ]);
    expect(link).toBeNull();
    const data = await loadSourceData(t.dataSource);
    // The unfiltered stats (summary path) and the stats with a filter matching every kind (raw path, which reads restart_of_id) must agree.
    const both = await t.exec<{ orgNode: { all: { restarts: number }; everyKind: { restarts: number } } }>(
      `query ($root: ID!) { orgNode(id: $root) { all: stats(scope: SUBTREE) { restarts }
        everyKind: stats(scope: SUBTREE, filter: { kind: [AB_TEST, ROLLOUT, AA_TEST, CAMPAIGN, OTHER] }) { restarts } } }`,
      { root: rootId },
    );
    const paths =
      both.data!.orgNode.all.restarts === both.data!.orgNode.everyKind.restarts
        ? []
        : [
            `root restarts: unfiltered ${both.data!.orgNode.all.restarts}, filtered by every kind ${both.data!.orgNode.everyKind.restarts}`,
          ];
    expect([
      ...staleCopies(data),
      ...diffSummary(data, await actualSummary(t.dataSource), expectedSummary(data)),
      ...(await statsDiffs()),
      ...paths,
    ]).toEqual([]);
  });
});

/** Polls (up to 10 s) until a session of this database waits for a lock. */
async function waitForLockWait(): Promise<boolean> {
  for (let i = 0; i < 200; i += 1) {
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (n > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
