import { analyseExperiment } from '../../../src/domain/analyse-experiment';
import type {
  AnalysisInput,
  AnalysisMetric,
  CategorySubReason,
  DataCategory,
  ExternalEstimate,
} from '../../../src/domain/analysis-types';
import { ASOF, experiment, externalEstimate, externalMetric, variants } from './fixtures/analysis-builders';

// EXTERNAL mode (docs/ewl-rules.md §2.6, §3.8, §3.11, §11 A18). Success metrics default to a 5 % relative MDE;
// with the reported control mean 0.1 that is δ = 0.005. Powered by SE iff
// (z_0.95 + z_0.80)·SE = 2.486475·SE ≤ 0.005, i.e. SE ≤ 0.0020109.
const estimate = (e: Partial<Omit<ExternalEstimate, 'variantId'>> & { estimateAbs: number }) => externalEstimate(1, e);
const success = (e: ExternalEstimate) => externalMetric([e]);
const guardrail = (e: ExternalEstimate) => externalMetric([e], { role: 'GUARDRAIL', nim: 0.02 });

function analyse(metrics: AnalysisMetric[], overrides: Partial<AnalysisInput> = {}) {
  return analyseExperiment(experiment({ analysisMode: 'EXTERNAL', metrics, ...overrides }), { asOf: ASOF });
}

describe('analyseExternalMetricArm', () => {
  const rows: [string, () => AnalysisMetric[], Partial<AnalysisInput>, DataCategory, CategorySubReason][] = [
    // Platform flags are accepted as given (it may have used a sequential test).
    [
      'accepts a platform "superior" that the fixed-horizon z would not give (z = 0.25)',
      () => [success(estimate({ estimateAbs: 0.001, stdErr: 0.004, superior: true }))],
      {},
      'WIN',
      'SUCCESS_METRIC_IMPROVED',
    ],
    [
      'accepts a platform "not superior" that the fixed-horizon z would contradict (z = 3)',
      () => [success(estimate({ estimateAbs: 0.012, stdErr: 0.004, superior: false }))],
      {},
      'UNDERPOWERED',
      'BELOW_REQUIRED_SAMPLE',
    ],
    [
      'accepts a platform "deteriorated" flag',
      () => [success(estimate({ estimateAbs: 0, stdErr: 0.001, deteriorated: true }))],
      {},
      'REGRESSION',
      'METRIC_DETERIORATED',
    ],
    [
      'accepts a platform "not non-inferior" flag on a powered guardrail',
      () => [guardrail(estimate({ estimateAbs: 0.01, controlMean: 0.3, stdErr: 0.001, nonInferior: false }))],
      {},
      'POWERED_NEUTRAL',
      'GUARDRAIL_NOT_CLEARED',
    ],
    [
      'lets deterioration win over a platform that flags both superior and deteriorated',
      () => [success(estimate({ estimateAbs: 0.01, stdErr: 0.001, superior: true, deteriorated: true }))],
      {},
      'REGRESSION',
      'METRIC_DETERIORATED',
    ],
    // Flags left out are computed from estimate/SE with the fixed-horizon z rules.
    [
      'computes "superior" when the flag is absent (docs/ewl-rules.md §10: 0.01 / 0.0043347)',
      () => [success(estimate({ estimateAbs: 0.01, stdErr: 0.0043347 }))],
      {},
      'WIN',
      'SUCCESS_METRIC_IMPROVED',
    ],
    [
      'computes "deteriorated" when the flag is absent',
      () => [success(estimate({ estimateAbs: -0.01, stdErr: 0.0043347 }))],
      {},
      'REGRESSION',
      'METRIC_DETERIORATED',
    ],
    [
      'computes "non-inferior" when the flag is absent (cleared, powered: INFRA_SAFE)',
      () => [guardrail(estimate({ estimateAbs: 0, controlMean: 0.3, stdErr: 0.0015 }))],
      {},
      'POWERED_NEUTRAL',
      'INFRA_SAFE',
    ],
    // Power.
    [
      'is powered by its standard error: 2.486475 × 0.002 ≤ 0.005',
      () => [success(estimate({ estimateAbs: 0, stdErr: 0.002 }))],
      {},
      'POWERED_NEUTRAL',
      'NO_EFFECT',
    ],
    [
      'is not powered by its standard error: 2.486475 × 0.0021 > 0.005',
      () => [success(estimate({ estimateAbs: 0, stdErr: 0.0021 }))],
      {},
      'UNDERPOWERED',
      'BELOW_REQUIRED_SAMPLE',
    ],
    [
      'is powered by plannedSampleSize without SE once units reach it (20,000 of 20,000)',
      () => [success(estimate({ estimateAbs: 0, superior: false }))],
      { plannedSampleSize: 20_000 },
      'POWERED_NEUTRAL',
      'NO_EFFECT',
    ],
    [
      'is not powered by plannedSampleSize without SE below it (20,000 of 20,001)',
      () => [success(estimate({ estimateAbs: 0, superior: false }))],
      { plannedSampleSize: 20_001 },
      'UNDERPOWERED',
      'BELOW_REQUIRED_SAMPLE',
    ],
    [
      'is not powered without SE and without plannedSampleSize',
      () => [success(estimate({ estimateAbs: 0 }))],
      {},
      'UNDERPOWERED',
      'BELOW_REQUIRED_SAMPLE',
    ],
    [
      'is powered by plannedSampleSize even when a relative MDE cannot be converted (no control mean)',
      () => [success(estimate({ estimateAbs: 0, controlMean: null }))],
      { plannedSampleSize: 20_000 },
      'POWERED_NEUTRAL',
      'NO_EFFECT',
    ],
    [
      'is MISSING_MDE with SE but no control mean to convert a relative MDE',
      () => [success(estimate({ estimateAbs: 0, controlMean: null, stdErr: 0.001 }))],
      {},
      'UNDERPOWERED',
      'MISSING_MDE',
    ],
    [
      'is MISSING_MDE for a success metric without MDE, even with plannedSampleSize reached',
      () => [externalMetric([estimate({ estimateAbs: 0 })], { mde: null })],
      { plannedSampleSize: 100 },
      'UNDERPOWERED',
      'MISSING_MDE',
    ],
    ['is NO_DATA without an external result for the arm', () => [externalMetric([])], {}, 'UNDERPOWERED', 'NO_DATA'],
    [
      'still runs SRM on the variants: INVALID on a broken split',
      () => [success(estimate({ estimateAbs: 0.01, stdErr: 0.001, superior: true }))],
      { variants: variants([10000, 10500]) },
      'INVALID',
      'SRM_FAILED',
    ],
  ];

  it.each(rows)('%s', (_name, metrics, overrides, category, subReason) => {
    const result = analyse(metrics(), overrides);
    expect([result.category, result.subReason]).toEqual([category, subReason]);
  });

  it('reports computed p-values, power and the interval at the test level', () => {
    const m = analyse([success(estimate({ estimateAbs: 0.01, stdErr: 0.0043347 }))]).arms[0]!.metrics[0]!;
    // docs/ewl-rules.md §10: one-sided p = 0.01053, 90 % interval [0.00287, 0.01713].
    expect(m.pValueSuperiority).toBeCloseTo(0.01053, 5);
    expect(m.ciAbs!.lower).toBeCloseTo(0.00287, 5);
    expect(m.ciAbs!.upper).toBeCloseTo(0.01713, 5);
    expect([m.meanC, m.meanT, m.diffRel]).toEqual([0.1, 0.11, expect.closeTo(0.1, 12)]);
  });

  it('reports achieved power Φ(δ/SE − z_0.95) = 0.80376 at SE 0.002 (SciPy: norm.cdf(2.5 − 1.644854))', () => {
    const m = analyse([success(estimate({ estimateAbs: 0, stdErr: 0.002 }))]).arms[0]!.metrics[0]!;
    expect(m.achievedPower).toBeCloseTo(0.8037649, 6);
    expect(m.poweredEffectAbs).toBeCloseTo(2.4864748 * 0.002, 8);
  });

  it('orders the relative interval when the control mean is negative', () => {
    const m = analyse([success(estimate({ estimateAbs: 0.5, controlMean: -10, stdErr: 0.1 }))]).arms[0]!.metrics[0]!;
    expect(m.ciRel!.lower).toBeLessThan(m.ciRel!.upper);
    expect(m.diffRel).toBeCloseTo(-0.05, 12);
  });

  it('keeps each treatment arm on its own estimate (3 arms)', () => {
    const metric = externalMetric([
      externalEstimate(1, { estimateAbs: 0, stdErr: 0.001 }),
      externalEstimate(2, { estimateAbs: 0.01, stdErr: 0.001 }),
    ]);
    const result = analyse([metric], { variants: variants([10000, 10000, 10000]) });
    expect(result.arms.map((a) => a.category)).toEqual(['POWERED_NEUTRAL', 'WIN']);
    expect(result.category).toBe('WIN');
  });
});
