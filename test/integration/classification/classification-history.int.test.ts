import { reclassifyExperiments } from '../../../src/app/reclassify/reclassify';
import { seedDemoData } from '../../../src/db/seed/seed';
import { useTestApp } from '../helpers';
import { buildRunningExperiment, expectRefused, mutate, transition } from '../fixtures/write-fixtures';

const t = useTestApp();

const HISTORY = `query ($key: String!) { experiment(key: $key) {
  classificationHistory { fromCategory category subReason validity cause rulesetVersion changedAt } } }`;

interface Change {
  fromCategory: string | null;
  category: string;
  subReason: string | null;
  validity: string;
  cause: string;
  rulesetVersion: string;
  changedAt: string;
}

async function history(key = 'exp-1'): Promise<Change[]> {
  const result = await t.exec<{ experiment: { classificationHistory: Change[] } }>(HISTORY, { key });
  expect(result.errors).toBeUndefined();
  return result.data!.experiment.classificationHistory;
}

const winningResults = [
  { metricKey: 'conv', variantKey: 'control', n: 20000, sum: 2000 },
  { metricKey: 'conv', variantKey: 'treatment', n: 20000, sum: 2300 },
  { metricKey: 'revenue', variantKey: 'control', n: 20000, sum: 100000, sumSq: 900000 },
  { metricKey: 'revenue', variantKey: 'treatment', n: 20000, sum: 101000, sumSq: 910000 },
];

const UNITS = [
  { variantKey: 'control', units: 20000 },
  { variantKey: 'treatment', units: 20000 },
];

describe('Experiment.classificationHistory', () => {
  let experimentId: string;
  beforeEach(async () => {
    await t.truncateAll();
    experimentId = (await buildRunningExperiment(t)).experiment.id;
  });

  it('starts with the creation and appends a row only when the stored category changes, with its cause', async () => {
    expect(await history()).toEqual([
      expect.objectContaining({
        fromCategory: null,
        category: 'PENDING',
        cause: 'CREATED',
        rulesetVersion: 'ewl-2026.1',
      }),
    ]);
    // The start changed status and started_at (a version for "as of"), not the category: not listed.
    const versions = async () =>
      await t.dataSource.query(
        `SELECT cause, category, status FROM experiment_classification_history WHERE experiment_id = $1 ORDER BY seq`,
        [experimentId],
      );
    expect(await versions()).toEqual([
      { cause: 'CREATED', category: 'PENDING', status: 'DRAFT' },
      { cause: 'STATUS_CHANGED', category: 'PENDING', status: 'RUNNING' },
    ]);
    await mutate(t, 'mutation-record-results', { experimentId, units: UNITS, results: winningResults });
    expect(await history()).toHaveLength(1); // still PENDING while RUNNING: not listed
    // ... but the validity became known: a version (what "as of" reads), caused by the results.
    expect((await versions()).slice(2)).toEqual([{ cause: 'RESULTS', category: 'PENDING', status: 'RUNNING' }]);
    await mutate(t, 'mutation-record-results', { experimentId, units: UNITS, results: winningResults });
    expect(await versions()).toHaveLength(3); // the same numbers again change nothing: no version
    await transition(t, experimentId, 'STOPPED', '2025-02-01T00:00:00.000Z');
    await transition(t, experimentId, 'CONCLUDED', '2025-02-02T00:00:00.000Z');
    const rows = await history();
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      fromCategory: 'PENDING',
      category: 'WIN',
      validity: 'VALID',
      cause: 'STATUS_CHANGED',
    });
    expect(new Date(rows[1]!.changedAt).getTime()).toBeGreaterThanOrEqual(new Date(rows[0]!.changedAt).getTime());
  });

  it('records what new results did to a concluded experiment', async () => {
    await transition(t, experimentId, 'STOPPED', '2025-02-01T00:00:00.000Z');
    await transition(t, experimentId, 'CONCLUDED', '2025-02-02T00:00:00.000Z');
    await mutate(t, 'mutation-record-results', { experimentId, units: UNITS, results: winningResults });
    const rows = await history();
    expect(rows.map((r) => [r.fromCategory, r.category, r.cause])).toEqual([
      [null, 'PENDING', 'CREATED'],
      ['PENDING', rows[1]!.category, 'STATUS_CHANGED'],
      [rows[1]!.category, 'WIN', 'RESULTS'],
    ]);
    expect(rows[1]!.category).not.toBe('WIN');
  });

  it('writes no history row when the write that would cause it fails', async () => {
    await transition(t, experimentId, 'STOPPED', '2025-02-01T00:00:00.000Z');
    await transition(t, experimentId, 'CONCLUDED', '2025-02-02T00:00:00.000Z');
    const before = await history();
    // Treatment results without control results are refused (MISSING_CONTROL_DATA) after the upsert: nothing may remain.
    await expectRefused(
      t,
      'mutation-record-results',
      { experimentId, results: [winningResults[1]] },
      'BAD_USER_INPUT',
      'MISSING_CONTROL_DATA',
    );
    expect(await history()).toEqual(before);
  });

  it('blames a ruleset change on RULESET and a same-ruleset recomputation on RECLASSIFIED, and records nothing when nothing moved', async () => {
    const unchanged = await reclassifyExperiments(t.dataSource, { now: new Date() });
    expect(unchanged.moves).toEqual([]);
    expect(await history()).toHaveLength(1);
    await t.dataSource.query(
      `UPDATE experiment_classification SET category = 'INVALID', ruleset_version = 'ewl-old' WHERE experiment_id = $1`,
      [experimentId],
    );
    await reclassifyExperiments(t.dataSource, { now: new Date(), onlyStale: true });
    expect((await history()).at(-1)).toMatchObject({
      fromCategory: 'INVALID',
      category: 'PENDING',
      cause: 'RULESET',
      rulesetVersion: 'ewl-2026.1',
    });
    await t.dataSource.query(`UPDATE experiment_classification SET category = 'WIN' WHERE experiment_id = $1`, [
      experimentId,
    ]);
    await reclassifyExperiments(t.dataSource, { now: new Date() });
    expect((await history()).at(-1)).toMatchObject({ fromCategory: 'WIN', category: 'PENDING', cause: 'RECLASSIFIED' });
  });
});

describe('classification history of seeded data', () => {
  it('holds one SEEDED row per experiment, matching its stored category', async () => {
    await t.truncateAll();
    await seedDemoData(t.dataSource, {
      anchor: new Date('2026-11-01T00:00:00Z'),
      experiments: 120,
      classifiedAt: new Date('2026-11-01T00:00:00Z'),
    });
    const rows: { n: number; mismatched: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE h.category <> c.category OR h.cause <> 'SEEDED' OR h.from_category IS NOT NULL)::int AS mismatched
         FROM experiment_classification_history h JOIN experiment_classification c ON c.experiment_id = h.experiment_id`,
    );
    expect(rows[0]).toEqual({ n: 120, mismatched: 0 });
  });
});
