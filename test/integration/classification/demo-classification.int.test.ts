import { loadAnalysisInputs } from '../../../src/db/queries/analysis-input-reads';
import { findClassificationsByExperimentIds } from '../../../src/db/queries/classification-reads';
import { reclassifyExperiments } from '../../../src/app/reclassify/reclassify';
import { seedDemoData } from '../../../src/db/seed/seed';
import { analyseExperiment } from '../../../src/domain/analyse-experiment';
import { RULESET_VERSION } from '../../../src/domain/ruleset';
import { toStoredClassification } from '../../../src/domain/stored-classification';
import { useTestApp } from '../helpers';

const t = useTestApp();
const ANCHOR = new Date('2026-11-01T00:00:00Z');

describe('stored classification of the demo portfolio', () => {
  beforeAll(async () => {
    await t.truncateAll();
    await seedDemoData(t.dataSource, { anchor: ANCHOR, classifiedAt: ANCHOR });
  });

  it('stores, for every experiment, exactly what the pure classifier returns for its current inputs', async () => {
    const ids: string[] = (await t.dataSource.query('SELECT id FROM experiment ORDER BY id')).map(
      (r: { id: string }) => r.id,
    );
    const inputs = await loadAnalysisInputs(t.dataSource.manager, ids);
    const stored = new Map(
      (await findClassificationsByExperimentIds(t.dataSource, ids)).map((r) => [r.experimentId, r]),
    );
    expect(stored.size).toBe(500);
    for (const id of ids) {
      const input = inputs.get(id)!;
      const expected = toStoredClassification(input, analyseExperiment(input, { asOf: new Date() }));
      const row = stored.get(id)!;
      expect({ id, ...row, validityReasons: [...row.validityReasons] }).toMatchObject({
        id,
        ...expected,
        validityReasons: [...expected.validityReasons],
      });
    }
  });

  it('shows every category in a mix like a real programme (learning rate well above win rate)', async () => {
    const rows: { category: string; n: number }[] = await t.dataSource.query(
      'SELECT category, count(*)::int AS n FROM experiment_classification GROUP BY category ORDER BY category',
    );
    const counts = Object.fromEntries(rows.map((r) => [r.category, r.n]));
    for (const category of ['WIN', 'REGRESSION', 'POWERED_NEUTRAL', 'UNDERPOWERED', 'INVALID', 'PENDING', 'EXCLUDED']) {
      expect([category, counts[category] ?? 0]).toEqual([category, expect.any(Number)]);
      expect(counts[category]).toBeGreaterThan(0);
    }
    const concluded = ['WIN', 'REGRESSION', 'POWERED_NEUTRAL', 'UNDERPOWERED', 'INVALID'].reduce(
      (s, c) => s + counts[c]!,
      0,
    );
    const learningRate = (counts.WIN! + counts.REGRESSION! + counts.POWERED_NEUTRAL!) / concluded;
    const winRate = counts.WIN! / concluded;
    // Spotify reports ≈ 64 % vs ≈ 12 % (docs/ewl-rules.md §12); the demo only has to look like a real programme.
    expect(learningRate).toBeGreaterThan(0.45);
    expect(learningRate).toBeLessThan(0.8);
    expect(winRate).toBeGreaterThan(0.05);
    expect(winRate).toBeLessThan(0.25);
    expect(learningRate).toBeGreaterThan(3 * winRate);
  });

  it('reclassify finds nothing to move when the stored rows are current, and restores a tampered row', async () => {
    const unchanged = await reclassifyExperiments(t.dataSource, { now: new Date() });
    expect(unchanged.experiments).toBe(500);
    expect(unchanged.moves).toEqual([]);
    const [victim] = await t.dataSource.query(
      `SELECT experiment_id FROM experiment_classification WHERE category = 'WIN' LIMIT 1`,
    );
    await t.dataSource.query(
      `UPDATE experiment_classification SET category = 'INVALID', ruleset_version = 'ewl-old' WHERE experiment_id = $1`,
      [victim.experiment_id],
    );
    const stale = await reclassifyExperiments(t.dataSource, { now: new Date(), onlyStale: true });
    expect(stale.experiments).toBe(1);
    expect(stale.moves).toEqual([{ from: 'INVALID', to: 'WIN', count: 1 }]);
    const [row] = await t.dataSource.query(
      `SELECT category, ruleset_version FROM experiment_classification WHERE experiment_id = $1`,
      [victim.experiment_id],
    );
    expect(row).toEqual({ category: 'WIN', ruleset_version: RULESET_VERSION });
  });
});

describe('analysis fields on a page of experiments', () => {
  const PAGE = `query($first: Int) { experiments(first: $first) { edges { node {
    ewlCategory validity classification { category recommendation }
    analysis { category arms { category metrics { pValueSuperiority isPowered } } }
    decision { consistentWithAnalysis expectedDecisions }
  } } } }`;

  it('runs the same number of SQL statements for 5 and for 50 experiments (no N+1)', async () => {
    const small = await t.execCounting(PAGE, { first: 5 });
    const large = await t.execCounting(PAGE, { first: 50 });
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(12);
  });
});
