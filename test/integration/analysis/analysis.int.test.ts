import { loadAnalysisInputs } from '../../../src/db/queries/analysis-input-reads';
import { findClassificationsByExperimentIds } from '../../../src/db/queries/classification-reads';
import { analyseExperiment } from '../../../src/domain/analyse-experiment';
import { RULESET_VERSION } from '../../../src/domain/ruleset';
import { toStoredClassification } from '../../../src/domain/stored-classification';
import { buildRunningExperiment, mutate, transition } from '../fixtures/write-fixtures';
import { expectError, useTestApp } from '../helpers';

const t = useTestApp();
let experimentId: string;

// docs/ewl-rules.md §10 binary vector on the success metric (z = 2.3069, superior at α_S = 0.05); the revenue
// guardrail moves up by half its 1 % margin (clears non-inferiority); the ratio metric is unchanged.
const ratioArm = (variantKey: string, sumXY = 7000) => ({
  metricKey: 'ctr',
  variantKey,
  n: 10000,
  sum: 3000,
  sumSq: 5000,
  sumX: 20000,
  sumXSq: 50000,
  sumXY,
});
const revenueArm = (variantKey: string, mean: number) => ({
  metricKey: 'revenue',
  variantKey,
  n: 10000,
  sum: 10000 * mean,
  sumSq: 100 * 9999 + 10000 * mean * mean,
});
const winningResults = {
  units: [
    { variantKey: 'control', units: 10000, multiExposedUnits: 0 },
    { variantKey: 'treatment', units: 10000, multiExposedUnits: 0 },
  ],
  results: [
    { metricKey: 'conv', variantKey: 'control', n: 10000, sum: 1000 },
    { metricKey: 'conv', variantKey: 'treatment', n: 10000, sum: 1100 },
    revenueArm('control', 50),
    revenueArm('treatment', 50.25),
    ratioArm('control'),
    ratioArm('treatment'),
  ],
};

const DETAIL = `query Detail($id: ID!, $alpha: Float, $asOf: DateTime) {
  experiment(id: $id) {
    status ewlCategory(asOf: $asOf) validity
    classification(asOf: $asOf) { validity category provisionalCategory subReason isLearning isWin recommendation rulesetVersion }
    analysis(alpha: $alpha, asOf: $asOf) {
      rulesetVersion validity category provisionalCategory subReason isLearning isWin provisional recommendation expectedDecisions
      healthChecks { type source status severity pValue threshold }
      arms { variantKey category subReason recommendation powered alphaSuccess betaPerTest
        metrics { metricKey role dataStatus dataStatusReason diffAbs stdErr pValueSuperiority pValueNonInferiority pValueDeterioration
          ciAbs { lower upper } ciLevel diffRel mdeRelative nimRelative superior nonInferior deteriorated isPowered achievedPower powerTarget requiredSampleSize { control treatment total } } }
    }
    decision { kind consistentWithAnalysis expectedDecisions }
  }
}`;

interface Detail {
  experiment: {
    status: string;
    ewlCategory: string;
    validity: string;
    classification: {
      category: string;
      provisionalCategory: string;
      subReason: string | null;
      isLearning: boolean | null;
      recommendation: string;
      rulesetVersion: string;
    };
    analysis: {
      category: string;
      provisionalCategory: string;
      validity: string;
      recommendation: string;
      provisional: boolean;
      expectedDecisions: string[];
      rulesetVersion: string;
      healthChecks: { type: string; source: string; status: string }[];
      arms: { category: string; recommendation: string; metrics: Record<string, unknown>[] }[];
    };
    decision: { kind: string; consistentWithAnalysis: boolean | null; expectedDecisions: string[] } | null;
  };
}

async function detail(variables: Record<string, unknown> = {}): Promise<Detail['experiment']> {
  const result = await t.exec<Detail>(DETAIL, { id: experimentId, ...variables });
  expect(result.errors).toBeUndefined();
  return result.data!.experiment;
}

/** The stored row equals what the pure classifier returns for the current inputs (docs/ewl-rules.md §14). */
async function expectStoredMatchesClassifier(): Promise<void> {
  const input = (await loadAnalysisInputs(t.dataSource.manager, [experimentId])).get(experimentId)!;
  const [row] = await findClassificationsByExperimentIds(t.dataSource, [experimentId]);
  const expected = toStoredClassification(input, analyseExperiment(input, { asOf: new Date() }));
  expect({ ...row, validityReasons: [...row!.validityReasons] }).toMatchObject({
    ...expected,
    validityReasons: [...expected.validityReasons],
  });
}

describe('Experiment.analysis and the stored classification', () => {
  beforeAll(async () => {
    await t.truncateAll();
    ({
      experiment: { id: experimentId },
    } = await buildRunningExperiment(t));
    await expectStoredMatchesClassifier();
    await mutate(t, 'mutation-record-results', { experimentId, ...winningResults });
  });

  it('shows a running experiment as PENDING with its provisional WIN', async () => {
    const e = await detail();
    expect([e.ewlCategory, e.classification.category, e.classification.provisionalCategory]).toEqual([
      'PENDING',
      'PENDING',
      'WIN',
    ]);
    expect([e.analysis.category, e.analysis.provisional, e.analysis.provisionalCategory]).toEqual([
      'PENDING',
      true,
      'WIN',
    ]);
    expect(e.classification.isLearning).toBeNull();
    await expectStoredMatchesClassifier();
  });

  it('computes the per-metric analysis from the stored sufficient statistics (docs/ewl-rules.md §10 vector)', async () => {
    const e = await detail();
    const conv = e.analysis.arms[0]!.metrics.find((m) => m.metricKey === 'conv')!;
    expect(conv.diffAbs as number).toBeCloseTo(0.01, 12);
    expect(conv.stdErr as number).toBeCloseTo(0.0043347, 7);
    expect(conv.pValueSuperiority as number).toBeCloseTo(0.01053, 5);
    expect(conv.ciLevel as number).toBeCloseTo(0.9, 12);
    expect((conv.ciAbs as { lower: number }).lower).toBeCloseTo(0.00287, 5);
    expect(conv).toMatchObject({
      role: 'SUCCESS',
      dataStatus: 'OK',
      dataStatusReason: null,
      superior: true,
      deteriorated: false,
      isPowered: false,
    });
    const revenue = e.analysis.arms[0]!.metrics.find((m) => m.metricKey === 'revenue')!;
    expect(revenue).toMatchObject({ role: 'GUARDRAIL', nonInferior: true, deteriorated: false, superior: null });
    // Relative sizes are stated as configured (docs/ewl-rules.md §15 D21).
    expect([conv.mdeRelative, conv.nimRelative, revenue.mdeRelative, revenue.nimRelative]).toEqual([
      0.02,
      null,
      null,
      0.01,
    ]);
    expect(e.analysis.healthChecks.map((c) => [c.type, c.source, c.status])).toEqual(
      expect.arrayContaining([
        ['SRM', 'COMPUTED', 'PASS'],
        ['NO_TRAFFIC', 'COMPUTED', 'PASS'],
      ]),
    );
    expect(e.analysis.rulesetVersion).toBe(RULESET_VERSION);
  });

  it('counts the experiment as a WIN once concluded, and finds it by category, learning and recommendation', async () => {
    await transition(t, experimentId, 'STOPPED', '2025-01-20T00:00:00.000Z');
    await transition(t, experimentId, 'CONCLUDED', '2025-01-22T00:00:00.000Z');
    const e = await detail();
    expect([
      e.ewlCategory,
      e.validity,
      e.classification.subReason,
      e.classification.isLearning,
      e.classification.recommendation,
    ]).toEqual(['WIN', 'VALID', 'SUCCESS_METRIC_IMPROVED', true, 'SHIP']);
    await expectStoredMatchesClassifier();
    for (const filter of [
      { category: ['WIN'] },
      { isLearning: true },
      { recommendation: ['SHIP'] },
      { validity: ['VALID'] },
    ]) {
      const found = await t.exec<{ experiments: { totalCount: number } }>(
        'query($f: ExperimentFilter) { experiments(filter: $f) { totalCount } }',
        { f: filter },
      );
      expect([filter, found.data!.experiments.totalCount]).toEqual([filter, 1]);
    }
    const none = await t.exec<{ experiments: { totalCount: number } }>(
      '{ experiments(filter: { category: [REGRESSION], isLearning: false }) { totalCount } }',
    );
    expect(none.data!.experiments.totalCount).toBe(0);
  });

  it('gives a what-if analysis for other parameters without changing what is stored', async () => {
    const e = await detail({ alpha: 0.001 });
    expect(e.analysis.arms[0]!.metrics.find((m) => m.metricKey === 'conv')!.superior).toBe(false);
    expect(e.analysis.category).toBe('UNDERPOWERED');
    expect(e.classification.category).toBe('WIN');
  });

  it.each([
    ['alpha: 0.7', '{ analysis(alpha: 0.7) { category } }', 'alpha'],
    ['power: 1.5', '{ analysis(power: 1.5) { category } }', 'power'],
    ['power below alpha', '{ analysis(power: 0.04) { category } }', 'power'],
    ['srmThreshold: 0', '{ analysis(srmThreshold: 0) { category } }', 'srmThreshold'],
  ])('refuses the what-if %s with BAD_USER_INPUT naming the argument', async (_name, selection, field) => {
    const result = await t.exec(`query($id: ID!) { experiment(id: $id) ${selection} }`, { id: experimentId });
    const error = expectError(result, 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe(field);
  });

  it('judges decisions against the category and follows the category when new results arrive', async () => {
    await mutate(t, 'mutation-record-decision', {
      experimentId,
      kind: 'SHIP',
      shippedVariantKey: 'treatment',
      decidedBy: 'ana',
    });
    expect((await detail()).decision).toEqual({
      kind: 'SHIP',
      consistentWithAnalysis: true,
      expectedDecisions: ['SHIP', 'SHIP_INFRA'],
    });
    // The ratio metric collapses in the treatment: a caught regression, in the same transaction as the write.
    await mutate(t, 'mutation-record-results', {
      experimentId,
      results: [{ ...ratioArm('treatment'), sum: 2000, sumSq: 2400, sumXY: 4500 }],
    });
    const e = await detail();
    expect([e.ewlCategory, e.classification.recommendation]).toEqual(['REGRESSION', 'ABORT']);
    expect(e.decision).toEqual({
      kind: 'SHIP',
      consistentWithAnalysis: false,
      expectedDecisions: ['ABORT', 'ITERATE'],
    });
    await expectStoredMatchesClassifier();
  });

  it('becomes INVALID when recorded units break the split, and when a reported blocking check fails', async () => {
    await mutate(t, 'mutation-record-results', { experimentId, units: [{ variantKey: 'treatment', units: 10500 }] });
    let e = await detail();
    expect([e.ewlCategory, e.validity, e.classification.subReason, e.analysis.recommendation]).toEqual([
      'INVALID',
      'INVALID',
      'SRM_FAILED',
      'INVESTIGATE',
    ]);
    await expectStoredMatchesClassifier();
    await mutate(t, 'mutation-record-results', { experimentId, units: [{ variantKey: 'treatment', units: 10000 }] });
    await mutate(t, 'mutation-record-health-checks', {
      experimentId,
      checks: [{ type: 'CUSTOM', name: 'logging', status: 'FAIL', severity: 'BLOCKING' }],
    });
    e = await detail();
    expect([e.ewlCategory, e.classification.subReason]).toEqual(['INVALID', 'REPORTED_CHECK_FAILED']);
    await expectStoredMatchesClassifier();
  });
});

describe('MetricArmAnalysis.mdeRelative and nimRelative for sizes set in absolute units', () => {
  const MARGINS = `query Margins($id: ID!) {
    experiment(id: $id) { analysis { arms { metrics { metricKey meanC mdeAbs nimAbs mdeRelative nimRelative } } } }
  }`;
  type Margins = { metricKey: string } & Record<
    'meanC' | 'mdeAbs' | 'nimAbs' | 'mdeRelative' | 'nimRelative',
    number | null
  >;

  beforeAll(async () => {
    await t.truncateAll();
    ({
      experiment: { id: experimentId },
    } = await buildRunningExperiment(t, {
      metrics: [
        { metricKey: 'conv', role: 'SUCCESS', mde: 0.005, mdeScale: 'ABSOLUTE' },
        { metricKey: 'revenue', role: 'GUARDRAIL', nim: 0.5, nimScale: 'ABSOLUTE' },
        { metricKey: 'ctr', role: 'DETERIORATION' },
      ],
    }));
    await mutate(t, 'mutation-record-results', { experimentId, ...winningResults });
  });

  it('divides the absolute MDE and NIM by |meanC|: 0.005 on 10 % is 5 %, 0.5 on 50 is 1 %', async () => {
    const result = await t.exec<{ experiment: { analysis: { arms: { metrics: Margins[] }[] } } }>(MARGINS, {
      id: experimentId,
    });
    expect(result.errors).toBeUndefined();
    const byKey = new Map(result.data!.experiment.analysis.arms[0]!.metrics.map((m) => [m.metricKey, m]));
    const conv = byKey.get('conv')!;
    const revenue = byKey.get('revenue')!;
    expect([conv.mdeAbs, revenue.nimAbs]).toEqual([0.005, 0.5]);
    expect(conv.mdeRelative!).toBeCloseTo(0.05, 12);
    expect(conv.mdeRelative!).toBeCloseTo(conv.mdeAbs! / Math.abs(conv.meanC!), 15);
    expect(revenue.nimRelative!).toBeCloseTo(0.01, 12);
    expect(revenue.nimRelative!).toBeCloseTo(revenue.nimAbs! / Math.abs(revenue.meanC!), 15);
    expect([conv.nimRelative, revenue.mdeRelative]).toEqual([null, null]);
    expect(byKey.get('ctr')).toMatchObject({ mdeAbs: null, nimAbs: null, mdeRelative: null, nimRelative: null });
  });
});

describe('the 30-day rule for STOPPED experiments', () => {
  beforeAll(async () => {
    await t.truncateAll();
    ({
      experiment: { id: experimentId },
    } = await buildRunningExperiment(t));
    await mutate(t, 'mutation-record-results', { experimentId, ...winningResults });
    await transition(t, experimentId, 'STOPPED', '2025-01-20T00:00:00.000Z');
  });

  it.each([
    ['2025-02-10T00:00:00.000Z', 'PENDING'],
    ['2025-02-19T00:00:00.000Z', 'PENDING'],
    ['2025-02-19T00:00:00.001Z', 'WIN'],
    ['2025-06-01T00:00:00.000Z', 'WIN'],
  ])('reads the category at %s as %s', async (asOf, category) => {
    const e = await detail({ asOf });
    expect([e.ewlCategory, e.classification.category, e.analysis.category]).toEqual([category, category, category]);
  });

  it('filters by the category at asOf', async () => {
    const query = 'query($asOf: DateTime) { experiments(filter: { category: [PENDING], asOf: $asOf }) { totalCount } }';
    const early = await t.exec<{ experiments: { totalCount: number } }>(query, { asOf: '2025-02-10T00:00:00.000Z' });
    const late = await t.exec<{ experiments: { totalCount: number } }>(query, { asOf: '2025-06-01T00:00:00.000Z' });
    expect([early.data!.experiments.totalCount, late.data!.experiments.totalCount]).toEqual([1, 0]);
  });
});

describe('planSampleSize', () => {
  it('plans the docs/ewl-rules.md §10 example and its runtime', async () => {
    const result = await t.exec<{ planSampleSize: { unitsPerArm: number[]; totalUnits: number; days: number } }>(
      '{ planSampleSize(input: { metrics: [{ key: "conv", type: BINARY, role: SUCCESS, baseline: 0.1, mde: 0.05 }], dailyTraffic: 10000 }) { unitsPerArm totalUnits days } }',
    );
    expect(result.data!.planSampleSize).toEqual({ unitsPerArm: [45498, 45498], totalUnits: 90996, days: 10 });
  });

  it('refuses a binary baseline outside (0, 1), naming it', async () => {
    const result = await t.exec(
      '{ planSampleSize(input: { metrics: [{ key: "conv", type: BINARY, role: SUCCESS, baseline: 1.5, mde: 0.05 }] }) { totalUnits } }',
    );
    expect(expectError(result, 'BAD_USER_INPUT').extensions?.field).toBe('input.metrics[0].baseline');
  });
});
