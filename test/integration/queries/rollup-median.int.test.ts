import { EXPERIMENT_KINDS } from '../../../src/domain/experiment';
import { insertEdgeExperiment, insertOrgNode, plusDays } from '../fixtures/rollup-fixtures';
import { useTestApp } from '../helpers';
import { loadSourceData, staleDecisionDelays } from './rollup-summary-reference';

/**
 * The median days to decision of a SUBTREE (or the portfolio) over a window open at its start comes
 * from the per-subtree histogram of hours from end to decision and the experiments of the middle
 * hour(s) (src/db/queries/rollup-median-sql.ts). Experiments made for it: the middle ranks in one
 * hour or in two, an odd and an even count, negative delays, a STOPPED experiment the 30-day rule
 * has concluded and one it has not, and one concluded after `to`. Each median equals the sorted
 * one of the raw path (the same request with a filter matching every kind) and the value worked
 * out by hand.
 */
const t = useTestApp();
const postgres = process.env.TEST_DATABASE_MODE === 'postgres';
const now = new Date();
const HOUR = 3_600_000;
let rootId: string;
let departmentId: string;
let teamA: string;
let teamB: string;

/**
 * A concluded, decided experiment of `owner`: ended `endedDaysAgo` days before now, decided `delayHours` later,
 * concluded `concludedDaysAgo` days before now (a day after its end unless given).
 */
async function decided(
  key: string,
  owner: string,
  endedDaysAgo: number,
  delayHours: number,
  concludedDaysAgo = endedDaysAgo - 1,
) {
  const endedAt = plusDays(now, -endedDaysAgo);
  await insertEdgeExperiment(t.dataSource, {
    key,
    ownerNodeId: owner,
    status: 'CONCLUDED',
    startedAt: plusDays(endedAt, -20),
    endedAt,
    concludedAt: plusDays(now, -concludedDaysAgo),
    data: 'WIN',
    subReason: 'SUCCESS_METRIC_IMPROVED',
    decision: { kind: 'SHIP', decidedAt: new Date(endedAt.getTime() + delayHours * HOUR) },
  });
}

/** A STOPPED experiment without a conclusion, ended `endedDaysAgo` days before now, decided `delayHours` later. */
async function stopped(key: string, owner: string, endedDaysAgo: number, delayHours: number) {
  const endedAt = plusDays(now, -endedDaysAgo);
  await insertEdgeExperiment(t.dataSource, {
    key,
    ownerNodeId: owner,
    status: 'STOPPED',
    startedAt: plusDays(endedAt, -20),
    endedAt,
    data: 'REGRESSION',
    subReason: 'METRIC_DETERIORATED',
    decision: { kind: 'ABORT', decidedAt: new Date(endedAt.getTime() + delayHours * HOUR) },
  });
}

const MEDIANS = `query ($root: ID!, $department: ID!, $team: ID!, $to: DateTime, $kinds: [ExperimentKind!]) {
  root: orgNode(id: $root) { summary: stats(to: $to) { medianDaysToDecision } raw: stats(to: $to, filter: { kind: $kinds }) { medianDaysToDecision } }
  department: orgNode(id: $department) { summary: stats(to: $to) { medianDaysToDecision } raw: stats(to: $to, filter: { kind: $kinds }) { medianDaysToDecision } }
  team: orgNode(id: $team) { summary: stats(to: $to) { medianDaysToDecision } raw: stats(to: $to, filter: { kind: $kinds }) { medianDaysToDecision } }
  portfolio: portfolioStats(to: $to) { medianDaysToDecision }
}`;

type Medians = Record<
  'root' | 'department' | 'team',
  Record<'summary' | 'raw', { medianDaysToDecision: number | null }>
> & {
  portfolio: { medianDaysToDecision: number | null };
};

async function medians(to: Date | null): Promise<Record<string, number | null>> {
  const result = await t.exec<Medians>(MEDIANS, {
    root: rootId,
    department: departmentId,
    team: teamA,
    to: to?.toISOString() ?? null,
    kinds: [...EXPERIMENT_KINDS],
  });
  expect(result.errors).toBeUndefined();
  const d = result.data!;
  for (const node of ['root', 'department', 'team'] as const)
    expect([node, d[node].summary.medianDaysToDecision]).toEqual([node, d[node].raw.medianDaysToDecision]);
  expect(d.portfolio.medianDaysToDecision).toBe(d.root.summary.medianDaysToDecision);
  return {
    root: d.root.summary.medianDaysToDecision,
    department: d.department.summary.medianDaysToDecision,
    team: d.team.summary.medianDaysToDecision,
  };
}

/** Asserts each median is `hours` / 24 days (within float rounding: the SQL divides each value, then interpolates). */
function expectHours(actual: Record<string, number | null>, hours: Record<string, number>) {
  for (const [node, h] of Object.entries(hours))
    expect([node, actual[node]! * 24]).toEqual([node, expect.closeTo(h, 9)]);
}

beforeAll(async () => {
  await t.truncateAll();
  const [root] = await t.dataSource.query(
    `INSERT INTO org_node (key, name, kind, parent_id) VALUES ('root', 'root', 'company', NULL) RETURNING id`,
  );
  rootId = root.id;
  await t.dataSource.query(`INSERT INTO org_node_closure (ancestor_id, descendant_id, depth) VALUES ($1, $1, 0)`, [
    rootId,
  ]);
  departmentId = await insertOrgNode(t.dataSource, 'department', rootId);
  teamA = await insertOrgNode(t.dataSource, 'team-a', departmentId);
  teamB = await insertOrgNode(t.dataSource, 'team-b', rootId);
});

describe('medianDaysToDecision of a subtree over all time', () => {
  it('is null without decided experiments, then the one value', async () => {
    expect(await medians(null)).toEqual({ root: null, department: null, team: null });
    await decided('a1', teamA, 90, 30);
    expectHours(await medians(null), { root: 30, department: 30, team: 30 });
  });

  it('interpolates between two middle values in different hours, and takes the middle of an odd count', async () => {
    await decided('a2', teamA, 80, 50.5);
    await decided('b1', teamB, 70, -3); // decided before its end
    await decided('b2', teamB, 60, 50.25);
    // team and department: 30, 50.5 h; root: -3, 30, 50.25, 50.5 h (the middle values in hours 30 and 50).
    expectHours(await medians(null), { root: (30 + 50.25) / 2, department: (30 + 50.5) / 2, team: (30 + 50.5) / 2 });
    await decided('a3', teamA, 50, 50.75);
    // team: 30, 50.5, 50.75 h; root: -3, 30, 50.25, 50.5, 50.75 h: the middle ones sorted inside hour 50.
    expectHours(await medians(null), { root: 50.25, department: 50.5, team: 50.5 });
  });

  it('counts a STOPPED experiment once the 30-day rule has run, not before', async () => {
    await stopped('a-ruled', teamA, 45, 200);
    await stopped('a-waiting', teamA, 10, 300);
    // team: 30, 50.5, 50.75, 200 h (the waiting one is pending); root adds -3 and 50.25 h.
    expectHours(await medians(null), {
      root: (50.25 + 50.5) / 2,
      department: (50.5 + 50.75) / 2,
      team: (50.5 + 50.75) / 2,
    });
  });

  it('leaves out what concludes after `to`, and the STOPPED experiments the rule has not concluded by then', async () => {
    await decided('a-late', teamA, 40, 1, 5); // concluded 5 days ago
    const to = plusDays(now, -20);
    // At `to`: the ruled STOPPED one (ended 45 days before now) is within 30 days of `to`: pending.
    // team: 30, 50.5, 50.75 h; root adds -3 and 50.25 h.
    expectHours(await medians(to), { root: 50.25, department: 50.5, team: 50.5 });
    // Up to now the late one counts: team 1, 30, 50.5, 50.75, 200 h.
    expectHours(await medians(null), { team: 50.5 });
  });

  it('follows its experiments when a team moves to another department', async () => {
    await t.dataSource.query('DELETE FROM org_node_closure WHERE descendant_id = $1 AND ancestor_id <> $1', [teamB]);
    await t.dataSource.query(
      `INSERT INTO org_node_closure (ancestor_id, descendant_id, depth) SELECT ancestor_id, $1::uuid, depth + 1 FROM org_node_closure WHERE descendant_id = $2`,
      [teamB, departmentId],
    );
    await t.dataSource.query('UPDATE org_node SET parent_id = $2 WHERE id = $1', [teamB, departmentId]);
    // department and root: -3, 1, 30, 50.25, 50.5, 50.75, 200 h.
    expectHours(await medians(null), { root: 50.25, department: 50.25, team: 50.5 });
  });

  it('stays exact when a decision changes while its team moves: the move waits for the write (PostgreSQL)', async () => {
    if (!postgres) return; // One embedded session: its transactions cannot interleave.
    const [row] = await t.dataSource.query(
      `SELECT c.experiment_id FROM experiment_classification c JOIN experiment e ON e.id = c.experiment_id WHERE e.key = 'a3'`,
    );
    const [write, move] = [t.dataSource.createQueryRunner(), t.dataSource.createQueryRunner()];
    try {
      await write.startTransaction();
      await move.startTransaction();
      // 50.75 h becomes 200.75 h, in teamA (the decision and its copy, as the write path stores them); the move
      // takes teamA from the department to the root.
      for (const table of ['decision', 'experiment_classification'])
        await write.query(
          `UPDATE ${table} SET decided_at = decided_at + interval '150 hours' WHERE experiment_id = $1${table === 'decision' ? ' AND is_current' : ''}`,
          [row.experiment_id],
        );
      const moved = (async () => {
        await move.query('DELETE FROM org_node_closure WHERE descendant_id = $1 AND ancestor_id = $2', [
          teamA,
          departmentId,
        ]);
        await move.query('UPDATE org_node SET parent_id = $2 WHERE id = $1', [teamA, rootId]);
      })();
      expect(await waitForLockWait()).toBe(true);
      await write.commitTransaction();
      await moved;
      await move.commitTransaction();
    } finally {
      for (const q of [write, move]) {
        if (q.isTransactionActive) await q.rollbackTransaction();
        await q.release();
      }
    }
    const data = await loadSourceData(t.dataSource);
    expect(await staleDecisionDelays(t.dataSource, data)).toEqual([]);
    // department: teamB's -3, 50.25 h; root: -3, 1, 30, 50.25, 50.5, 200, 200.75 h; team: 1, 30, 50.5, 200, 200.75 h.
    expectHours(await medians(null), { root: 50.25, department: (-3 + 50.25) / 2, team: 50.5 });
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
