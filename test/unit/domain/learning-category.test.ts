import { analyseExperiment } from '../../../src/domain/analyse-experiment';
import type {
  AnalysisMetric,
  CategorySubReason,
  DataCategory,
  Recommendation,
} from '../../../src/domain/analysis-types';
import { bestArm } from '../../../src/domain/learning-category';
import { ASOF, binaryMetric, continuousMetric, experiment, variants } from './fixtures/analysis-builders';

// Binary fixtures. 200,000 units per arm powers a 5 % relative MDE on a 10 % base (45,498 needed)
// and a 2 % NIM on a 30 % base (≈ 96,000 needed at β* = 0.1), so "BIG" metrics are powered.
const BIG = 200_000;
const success = {
  win: () =>
    binaryMetric([
      [BIG, 20_000],
      [BIG, 22_000],
    ]), // 10 % → 11 %, z ≈ 10.8
  flat: () =>
    binaryMetric([
      [BIG, 20_000],
      [BIG, 20_000],
    ]),
  loss: () =>
    binaryMetric([
      [BIG, 22_000],
      [BIG, 20_000],
    ]), // the wrong way, z ≈ −10.8
  smallFlat: () =>
    binaryMetric([
      [2000, 200],
      [2000, 200],
    ]), // power ≈ 0.1 at the MDE
  smallWin: () =>
    binaryMetric([
      [10_000, 1000],
      [10_000, 1100],
    ]), // docs/ewl-rules.md §10: z = 2.31, power 0.316 at the MDE
  smallLoss: () =>
    binaryMetric([
      [10_000, 1100],
      [10_000, 1000],
    ]), // z = −2.31
  noMde: () =>
    binaryMetric(
      [
        [BIG, 20_000],
        [BIG, 20_000],
      ],
      { mde: null },
    ),
  noData: () =>
    binaryMetric([
      [BIG, 20_000],
      [0, 0],
    ]),
  // Control mean 0: a relative MDE cannot be converted; 1 event in treatment gives z = 1 (not superior).
  zeroControl: () =>
    binaryMetric([
      [BIG, 0],
      [BIG, 1],
    ]),
  tooFewUnits: () =>
    continuousMetric([
      [1, 5, 0],
      [1, 5, 0],
    ]), // n < 2: INSUFFICIENT_SAMPLE
  noEventsYet: () =>
    binaryMetric([
      [100, 0],
      [100, 0],
    ]), // ZERO_VARIANCE
};
const guardrail = {
  flat: () =>
    binaryMetric(
      [
        [BIG, 60_000],
        [BIG, 60_000],
      ],
      { role: 'GUARDRAIL', nim: 0.02 },
    ),
  harmed: () =>
    binaryMetric(
      [
        [BIG, 60_000],
        [BIG, 57_000],
      ],
      { role: 'GUARDRAIL', nim: 0.02 },
    ), // z ≈ −20.8
  // Down by half its margin (δ_N = 3·SE): z = −1.5 is no deterioration, (s + δ_N)/SE = 1.5 does
  // not clear non-inferiority, and the power at δ_N is 0.91 ≥ 1 − β*: powered, not cleared.
  uncleared: () =>
    binaryMetric(
      [
        [BIG, 60_000],
        [BIG, 59_565],
      ],
      { role: 'GUARDRAIL', nim: 0.0145 },
    ),
  small: () =>
    binaryMetric(
      [
        [2000, 600],
        [2000, 600],
      ],
      { role: 'GUARDRAIL', nim: 0.02 },
    ), // neither cleared nor powered
  noNimFlat: () =>
    binaryMetric(
      [
        [BIG, 60_000],
        [BIG, 60_000],
      ],
      { role: 'GUARDRAIL', nim: null },
    ),
  noNimDrop: () =>
    binaryMetric(
      [
        [BIG, 60_000],
        [BIG, 59_700],
      ],
      { role: 'GUARDRAIL', nim: null },
    ), // z ≈ −1.04: no deterioration
  noNimHarmed: () =>
    binaryMetric(
      [
        [BIG, 60_000],
        [BIG, 57_000],
      ],
      { role: 'GUARDRAIL', nim: null },
    ),
};
const deterioration = {
  flat: () =>
    binaryMetric(
      [
        [BIG, 20_000],
        [BIG, 20_000],
      ],
      { role: 'DETERIORATION' },
    ),
  harmed: () =>
    binaryMetric(
      [
        [BIG, 20_000],
        [BIG, 19_000],
      ],
      { role: 'DETERIORATION' },
    ), // z ≈ −5.3
};

type Row = [string, () => AnalysisMetric[], DataCategory, CategorySubReason, Recommendation];

describe('classifyArm through analyseExperiment (docs/ewl-rules.md §5, §6.2)', () => {
  const rows: Row[] = [
    // 1. REGRESSION: any deterioration on any metric, first match.
    [
      'is REGRESSION when a NIM guardrail deteriorates, even with a win',
      () => [success.win(), guardrail.harmed()],
      'REGRESSION',
      'METRIC_DETERIORATED',
      'ABORT',
    ],
    [
      'is REGRESSION when a guardrail without NIM deteriorates, even with a win',
      () => [success.win(), guardrail.noNimHarmed()],
      'REGRESSION',
      'METRIC_DETERIORATED',
      'ABORT',
    ],
    [
      'is REGRESSION when a deterioration-only metric deteriorates',
      () => [success.flat(), deterioration.harmed()],
      'REGRESSION',
      'METRIC_DETERIORATED',
      'ABORT',
    ],
    [
      'is REGRESSION when the success metric itself moves the wrong way',
      () => [success.loss()],
      'REGRESSION',
      'METRIC_DETERIORATED',
      'ABORT',
    ],
    [
      'is REGRESSION without power (a caught regression is decision-ready)',
      () => [success.smallLoss()],
      'REGRESSION',
      'METRIC_DETERIORATED',
      'ABORT',
    ],
    // 2. WIN: a success metric superior and every NIM guardrail non-inferior; power not required.
    [
      'is WIN when a success metric is superior and the NIM guardrail clears',
      () => [success.win(), guardrail.flat()],
      'WIN',
      'SUCCESS_METRIC_IMPROVED',
      'SHIP',
    ],
    [
      'is WIN without power (docs/ewl-rules.md §10 vector: power 0.316 at the MDE)',
      () => [success.smallWin()],
      'WIN',
      'SUCCESS_METRIC_IMPROVED',
      'SHIP',
    ],
    [
      'is WIN when one of two success metrics is superior (any-of rule)',
      () => [success.flat(), success.win()],
      'WIN',
      'SUCCESS_METRIC_IMPROVED',
      'SHIP',
    ],
    [
      'is WIN when a guardrail without NIM drops insignificantly (it blocks only through deterioration)',
      () => [success.win(), guardrail.noNimDrop()],
      'WIN',
      'SUCCESS_METRIC_IMPROVED',
      'SHIP',
    ],
    [
      'is WIN when another success metric has no MDE (power is not required for a win)',
      () => [success.win(), success.noMde()],
      'WIN',
      'SUCCESS_METRIC_IMPROVED',
      'SHIP',
    ],
    // 3. POWERED_NEUTRAL: every success metric and NIM guardrail powered.
    [
      'is POWERED_NEUTRAL / NO_EFFECT when powered and nothing moves',
      () => [success.flat(), guardrail.flat()],
      'POWERED_NEUTRAL',
      'NO_EFFECT',
      'END',
    ],
    [
      'is POWERED_NEUTRAL / NO_EFFECT with a guardrail without NIM (no power requirement)',
      () => [success.flat(), guardrail.noNimFlat()],
      'POWERED_NEUTRAL',
      'NO_EFFECT',
      'END',
    ],
    [
      'is POWERED_NEUTRAL / NO_EFFECT when nothing won and a powered guardrail did not clear',
      () => [success.flat(), guardrail.uncleared()],
      'POWERED_NEUTRAL',
      'NO_EFFECT',
      'END',
    ],
    [
      'is POWERED_NEUTRAL / GUARDRAIL_NOT_CLEARED when a success won but a powered NIM guardrail did not clear (A5)',
      () => [success.win(), guardrail.uncleared()],
      'POWERED_NEUTRAL',
      'GUARDRAIL_NOT_CLEARED',
      'END',
    ],
    [
      'is POWERED_NEUTRAL / INFRA_SAFE with no success metric and every NIM guardrail cleared (never a WIN)',
      () => [guardrail.flat()],
      'POWERED_NEUTRAL',
      'INFRA_SAFE',
      'SHIP',
    ],
    // Decision (see classifyArm): a cleared non-inferiority test is significant at α, so INFRA_SAFE needs no power.
    // C 30.0 % vs T 31.0 % on 20,000 per arm: (s + δ_N)/SE = 3.5 clears, power at δ_N = 0.006 is only 0.37.
    [
      'is POWERED_NEUTRAL / INFRA_SAFE when every NIM guardrail clears even without power',
      () => [
        binaryMetric(
          [
            [20_000, 6000],
            [20_000, 6200],
          ],
          { role: 'GUARDRAIL', nim: 0.02 },
        ),
      ],
      'POWERED_NEUTRAL',
      'INFRA_SAFE',
      'SHIP',
    ],
    [
      'is POWERED_NEUTRAL / GUARDRAIL_NOT_CLEARED with no success metric and a powered guardrail not cleared',
      () => [guardrail.uncleared()],
      'POWERED_NEUTRAL',
      'GUARDRAIL_NOT_CLEARED',
      'END',
    ],
    // 4. UNDERPOWERED and its sub-reasons.
    [
      'is UNDERPOWERED / BELOW_REQUIRED_SAMPLE when small and flat',
      () => [success.smallFlat()],
      'UNDERPOWERED',
      'BELOW_REQUIRED_SAMPLE',
      'CONTINUE',
    ],
    [
      'is UNDERPOWERED / BELOW_REQUIRED_SAMPLE when a success won but an unpowered guardrail did not clear (A5)',
      () => [success.win(), guardrail.small()],
      'UNDERPOWERED',
      'BELOW_REQUIRED_SAMPLE',
      'CONTINUE',
    ],
    [
      'is UNDERPOWERED (recommendation END) when success metrics are powered and flat but a NIM guardrail is not',
      () => [success.flat(), guardrail.small()],
      'UNDERPOWERED',
      'BELOW_REQUIRED_SAMPLE',
      'END',
    ],
    [
      'is UNDERPOWERED / MISSING_MDE when a success metric has no MDE, however large the sample',
      () => [success.flat(), success.noMde()],
      'UNDERPOWERED',
      'MISSING_MDE',
      'CONTINUE',
    ],
    [
      'is UNDERPOWERED / MISSING_MDE when a relative MDE cannot be converted (control mean 0)',
      () => [success.zeroControl()],
      'UNDERPOWERED',
      'MISSING_MDE',
      'CONTINUE',
    ],
    [
      'is UNDERPOWERED / NO_DECISION_METRICS with only deterioration metrics',
      () => [deterioration.flat()],
      'UNDERPOWERED',
      'NO_DECISION_METRICS',
      'CONTINUE',
    ],
    [
      'is UNDERPOWERED / NO_DECISION_METRICS with only guardrails without NIM',
      () => [guardrail.noNimFlat()],
      'UNDERPOWERED',
      'NO_DECISION_METRICS',
      'CONTINUE',
    ],
    [
      'is UNDERPOWERED / NO_DECISION_METRICS with no metric at all',
      () => [],
      'UNDERPOWERED',
      'NO_DECISION_METRICS',
      'CONTINUE',
    ],
    [
      'is UNDERPOWERED / NO_DATA when the treatment has no data for a success metric',
      () => [success.noData()],
      'UNDERPOWERED',
      'NO_DATA',
      'CONTINUE',
    ],
    [
      'is UNDERPOWERED / NO_DATA before MISSING_MDE',
      () => [success.noData(), success.noMde()],
      'UNDERPOWERED',
      'NO_DATA',
      'CONTINUE',
    ],
    [
      'is UNDERPOWERED / BELOW_REQUIRED_SAMPLE, not MISSING_MDE, when a continuous metric has n < 2',
      () => [success.tooFewUnits()],
      'UNDERPOWERED',
      'BELOW_REQUIRED_SAMPLE',
      'CONTINUE',
    ],
    [
      'is UNDERPOWERED / BELOW_REQUIRED_SAMPLE, not MISSING_MDE, before the first event (zero variance)',
      () => [success.noEventsYet()],
      'UNDERPOWERED',
      'BELOW_REQUIRED_SAMPLE',
      'CONTINUE',
    ],
  ];

  it.each(rows)('%s', (_name, metrics, category, subReason, recommendation) => {
    const result = analyseExperiment(experiment({ metrics: metrics() }), { asOf: ASOF });
    const arm = result.arms[0]!;
    expect([arm.category, arm.subReason, arm.recommendation]).toEqual([category, subReason, recommendation]);
    expect([result.category, result.subReason, result.recommendation]).toEqual([category, subReason, recommendation]);
    expect(result.isWin).toBe(category === 'WIN');
    expect(result.isLearning).toBe(['WIN', 'REGRESSION', 'POWERED_NEUTRAL'].includes(category));
  });

  it('warns that a guardrail without NIM is deterioration-only (§11 A6)', () => {
    const arm = analyseExperiment(experiment({ metrics: [success.win(), guardrail.noNimFlat()] }), { asOf: ASOF })
      .arms[0]!;
    expect(arm.reasons.some((r) => /has no NIM/.test(r))).toBe(true);
    expect(arm.metrics[1]!.isPowered).toBeNull();
  });

  it('is INVESTIGATE, with every arm INVALID, when the experiment is not valid (§5), whatever the metrics say', () => {
    const result = analyseExperiment(experiment({ variants: variants([10000, 10500]), metrics: [success.win()] }), {
      asOf: ASOF,
    });
    expect([result.category, result.subReason, result.recommendation]).toEqual([
      'INVALID',
      'SRM_FAILED',
      'INVESTIGATE',
    ]);
    expect(result.arms.map((a) => [a.category, a.subReason, a.recommendation])).toEqual([
      ['INVALID', 'SRM_FAILED', 'INVESTIGATE'],
    ]);
    // The per-metric analysis stays for diagnosis.
    expect(result.arms[0]!.metrics[0]!.superior).toBe(true);
  });
});

describe('experiment category over several arms (docs/ewl-rules.md §6.3, §11 A7)', () => {
  // Control, treatment 1, treatment 2; every arm's metric analysed against control with
  // α_S = α_D = 0.05/2. Small arms (2,000 units) are underpowered.
  const three = (arms: [number, number][]) => binaryMetric(arms);
  const rows: [string, [number, number][], DataCategory[], DataCategory][] = [
    [
      'takes the WIN over a REGRESSION',
      [
        [BIG, 20_000],
        [BIG, 18_000],
        [BIG, 22_000],
      ],
      ['REGRESSION', 'WIN'],
      'WIN',
    ],
    [
      'takes a REGRESSION over an UNDERPOWERED arm',
      [
        [BIG, 20_000],
        [2000, 200],
        [BIG, 18_000],
      ],
      ['UNDERPOWERED', 'REGRESSION'],
      'REGRESSION',
    ],
    [
      'takes a REGRESSION over a POWERED_NEUTRAL arm',
      [
        [BIG, 20_000],
        [BIG, 20_000],
        [BIG, 18_000],
      ],
      ['POWERED_NEUTRAL', 'REGRESSION'],
      'REGRESSION',
    ],
    [
      'takes a POWERED_NEUTRAL arm over an UNDERPOWERED one',
      [
        [BIG, 20_000],
        [BIG, 20_000],
        [2000, 200],
      ],
      ['POWERED_NEUTRAL', 'UNDERPOWERED'],
      'POWERED_NEUTRAL',
    ],
  ];
  it.each(rows)('%s', (_name, arms, armCategories, category) => {
    const result = analyseExperiment(experiment({ variants: variants([BIG, BIG, BIG]), metrics: [three(arms)] }), {
      asOf: ASOF,
    });
    expect(result.arms.map((a) => a.alphaSuccess)).toEqual([0.025, 0.025]);
    expect(result.arms.map((a) => a.category)).toEqual(armCategories);
    expect(result.category).toBe(category);
  });

  const order: DataCategory[] = ['WIN', 'REGRESSION', 'POWERED_NEUTRAL', 'UNDERPOWERED'];
  const pairs = order.flatMap((a, i) => order.slice(i + 1).map((b) => [a, b] as const));
  it.each(pairs)('bestArm ranks %s above %s in either order', (better, worse) => {
    expect(bestArm([{ category: worse }, { category: better }])?.category).toBe(better);
    expect(bestArm([{ category: better }, { category: worse }])?.category).toBe(better);
  });

  it('bestArm keeps the first arm on a tie and returns undefined without arms', () => {
    const first = { category: 'UNDERPOWERED' as const, id: 1 };
    expect(bestArm([first, { category: 'UNDERPOWERED' as const, id: 2 }])).toBe(first);
    expect(bestArm([])).toBeUndefined();
  });
});
