import { analyseExperiment } from '../../../src/domain/analyse-experiment';
import type {
  AnalysisInput,
  AnalysisMetric,
  ArmStatistics,
  NotEnoughDataReason,
} from '../../../src/domain/analysis-types';
import {
  ASOF,
  binaryMetric,
  continuousMetric,
  experiment,
  externalEstimate,
  externalMetric,
  metric,
  nonFiniteNumbers,
  ratioMetric,
  variants,
} from './fixtures/analysis-builders';

/** |actual − expected| ≤ tol·|expected|. */
function expectRel(actual: number | null | undefined, expected: number, tol: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
}

function analyseOne(m: AnalysisMetric, overrides: Partial<AnalysisInput> = {}) {
  const result = analyseExperiment(experiment({ metrics: [m], ...overrides }), { asOf: ASOF });
  return { result, m: result.arms[0]!.metrics[0]! };
}

const raw = (variantId: string, n: number, sum: number, sumSq: number): ArmStatistics => ({
  variantId,
  n,
  sum,
  sumSq,
  sumX: null,
  sumXSq: null,
  sumXY: null,
});

describe('analyseMetricArm: CONTINUOUS (docs/ewl-rules.md §10 vector)', () => {
  // C: n 5000, mean 10, var 16; T: n 5000, mean 10.2, var 16.81. References (SciPy 1.17, scipy.stats.norm):
  // SE = √(16/5000 + 16.81/5000) = 0.0810061726, z = 2.46894766, p_sup = norm.sf(z) = 0.00677555;
  // with a 2 % relative MDE (δ = 0.2): n = 4,947 per arm (docs/ewl-rules.md §10), achieved power
  // Φ(0.2/√(2·16/5000) − z_0.95) = 0.80376494, δ_now = 2.486475·0.08 = 0.19891799. Relative tolerance 1e-7.
  const vector = () =>
    metric('CONTINUOUS', [raw('v0', 5000, 50000, 579984), raw('v1', 5000, 51000, 604233.19)], { mde: 0.02 });

  it('reproduces SE, z, the one-sided p-value and the power numbers', () => {
    const { m, result } = analyseOne(vector(), { variants: variants([5000, 5000]) });
    expectRel(m.meanC, 10, 1e-12);
    expectRel(m.meanT, 10.2, 1e-12);
    expectRel(m.stdErr, 0.0810061726, 1e-7);
    expectRel(m.diffAbs! / m.stdErr!, 2.46894766, 1e-7);
    expectRel(m.pValueSuperiority, 0.00677555, 1e-5);
    expectRel(m.mdeAbs, 0.2, 1e-12);
    expect(m.requiredSampleSize).toEqual({ control: 4947, treatment: 4947, total: 9894 });
    expectRel(m.achievedPower, 0.80376494, 1e-7);
    expectRel(m.poweredEffectAbs, 0.19891799, 1e-7);
    expect([m.superior, m.isPowered, m.deteriorated]).toEqual([true, true, false]);
    expect(result.category).toBe('WIN');
  });

  it('is powered but not superior at α_S = 0.005 (z = 2.47 < 2.576)', () => {
    const { m, result } = analyseOne(vector(), { variants: variants([5000, 5000]), alpha: 0.005 });
    expect([m.superior, m.isPowered]).toEqual([false, false]);
    expect(result.category).toBe('UNDERPOWERED');
  });
});

describe('analyseMetricArm: RATIO (delta method, docs/ewl-rules.md §3.1)', () => {
  // Clicks per session with the user as unit: Poisson(3)+1 sessions, Binomial(sessions, 0.20 / 0.215)
  // clicks, 4,000 users per arm, numpy default_rng(20260601). References computed in numpy from the
  // raw per-user data by linearisation, L_i = (Y_i − R·X_i)/mean(X), Var(R̂) = var(L, ddof=1)/n,
  // which is algebraically the formula of docs/ewl-rules.md §3.1; norm from SciPy 1.17. Relative tolerance 1e-9
  // (the two routes differ only by rounding).
  const control = { n: 4000, sumY: 3184, sumX: 15925, sumY2: 5562, sumX2: 75163, sumXY: 14883 };
  const treatment = { n: 4000, sumY: 3438, sumX: 15979, sumY2: 6124, sumX2: 76077, sumXY: 16340 };

  it('reproduces the ratio, its standard error and the test', () => {
    const { m, result } = analyseOne(ratioMetric([control, treatment]), { variants: variants([4000, 4000]) });
    expectRel(m.meanC, 0.19993720565149137, 1e-12);
    expectRel(m.meanT, 0.21515739407972964, 1e-12);
    expectRel(m.diffAbs, 0.015220188428238274, 1e-12);
    expectRel(m.stdErr, 0.004534008657076339, 1e-9);
    expectRel(m.pValueSuperiority, 0.0003941160082153044, 1e-6);
    // Power at a 5 % relative MDE with the linearised per-unit variance n·Var(R̂_C) = 0.0412602:
    // 5,106 per arm needed, achieved power 0.7109322 (SciPy).
    expect(m.requiredSampleSize!.treatment).toBe(5106);
    expectRel(m.achievedPower, 0.7109322125211069, 1e-8);
    expect([m.superior, m.isPowered]).toEqual([true, false]);
    expect(result.category).toBe('WIN');
  });
});

describe('analyseMetricArm: intervals and directions', () => {
  it('reports the relative effect with a delta-method interval at the test level (docs/ewl-rules.md §10: 95 % [1.09 %, 18.91 %])', () => {
    const { m } = analyseOne(
      binaryMetric([
        [10000, 1000],
        [10000, 1100],
      ]),
    );
    expectRel(m.stdErrRel, 0.045475, 1e-4);
    // The displayed interval is the one of the test (90 % at α_S = 0.05); at 95 % it is the one of
    // docs/ewl-rules.md §10.
    expectRel(m.ciRel!.lower, 0.1 - 1.644854 * m.stdErrRel!, 1e-6);
    expect(Math.round((m.diffRel! - 1.959964 * m.stdErrRel!) * 10000) / 100).toBeCloseTo(1.09, 2);
    expect(Math.round((m.diffRel! + 1.959964 * m.stdErrRel!) * 10000) / 100).toBeCloseTo(18.91, 2);
  });

  it.each([
    [
      'INCREASE',
      [
        [10000, 1000],
        [10000, 1100],
      ],
      true,
      false,
    ],
    [
      'INCREASE',
      [
        [10000, 1100],
        [10000, 1000],
      ],
      false,
      true,
    ],
    [
      'DECREASE',
      [
        [10000, 1100],
        [10000, 1000],
      ],
      true,
      false,
    ],
    [
      'DECREASE',
      [
        [10000, 1000],
        [10000, 1100],
      ],
      false,
      true,
    ],
  ] as const)(
    'with preferred direction %s, counts %j: superior %p, deteriorated %p',
    (direction, arms, superior, deteriorated) => {
      const { m } = analyseOne(
        binaryMetric(
          arms.map((a) => [...a] as [number, number]),
          { direction },
        ),
      );
      expect([m.superior, m.deteriorated]).toEqual([superior, deteriorated]);
      // The un-signed interval always contains the raw difference.
      expect(m.ciAbs!.lower).toBeLessThan(m.diffAbs!);
      expect(m.ciAbs!.upper).toBeGreaterThan(m.diffAbs!);
    },
  );

  it('tests a DECREASE guardrail for non-inferiority on the signed scale (margin above the control mean)', () => {
    // The docs/ewl-rules.md §10 guardrail vector mirrored: a decrease-preferred metric that rises 0.300 → 0.303
    // (harmful by half the 2 % relative margin δ_N = 0.006). SciPy 1.17: SE = 0.00458906853,
    // z_NI = (−0.003 + 0.006)/SE = 0.65372743, p_NI = norm.sf(z_NI) = 0.25664371; the un-signed
    // 90 % interval ends at Δ + z_0.95·SE = 0.01054835 > δ_N, i.e. the signed lower bound is below
    // −δ_N: not cleared. Tolerance 1e-7.
    const { m } = analyseOne(
      binaryMetric(
        [
          [20000, 6000],
          [20000, 6060],
        ],
        { role: 'GUARDRAIL', nim: 0.02, direction: 'DECREASE' },
      ),
    );
    expectRel(m.stdErr, 0.004589068532937812, 1e-9);
    expectRel(m.pValueNonInferiority, 0.256643712383405, 1e-7);
    expectRel(m.ciAbs!.upper, 0.010548346020731632, 1e-7);
    expect([m.nonInferior, m.deteriorated]).toEqual([false, false]);
  });
});

describe('NOT_ENOUGH_DATA handling: no field is ever NaN or Infinity (issue §4)', () => {
  const ratioArm = (n: number, sumX: number) => ({ n, sumY: 10, sumX, sumY2: 30, sumX2: sumX * 2, sumXY: 20 });
  const rows: [string, () => AnalysisMetric, NotEnoughDataReason | 'OK'][] = [
    [
      'no events in either arm',
      () =>
        binaryMetric([
          [100, 0],
          [100, 0],
        ]),
      'ZERO_VARIANCE',
    ],
    [
      'every unit converted in both arms',
      () =>
        binaryMetric([
          [100, 100],
          [100, 100],
        ]),
      'ZERO_VARIANCE',
    ],
    [
      'a control rate of 0 with a relative MDE',
      () =>
        binaryMetric([
          [100, 0],
          [100, 3],
        ]),
      'OK',
    ],
    [
      'a control rate of 1 with an INCREASE success metric (treatment rate clamped)',
      () =>
        binaryMetric([
          [100, 100],
          [100, 97],
        ]),
      'OK',
    ],
    [
      'a relative NIM on a control mean of 0',
      () =>
        binaryMetric(
          [
            [100, 0],
            [100, 3],
          ],
          { role: 'GUARDRAIL', nim: 0.02 },
        ),
      'CONTROL_MEAN_ZERO',
    ],
    [
      'a continuous metric with one unit per arm',
      () =>
        continuousMetric([
          [1, 5, 0],
          [1, 5, 0],
        ]),
      'INSUFFICIENT_SAMPLE',
    ],
    [
      'a continuous metric with zero variance in both arms',
      () =>
        continuousMetric([
          [50, 5, 0],
          [50, 5, 0],
        ]),
      'ZERO_VARIANCE',
    ],
    [
      'a ratio metric with a zero denominator sum',
      () => ratioMetric([ratioArm(10, 0), ratioArm(10, 20)]),
      'INSUFFICIENT_SAMPLE',
    ],
    ['a ratio metric with one unit', () => ratioMetric([ratioArm(1, 2), ratioArm(10, 20)]), 'INSUFFICIENT_SAMPLE'],
    ['no control row', () => metric('BINARY', [raw('v1', 100, 10, 10)]), 'NO_DATA'],
    [
      'a treatment with n = 0',
      () =>
        binaryMetric([
          [100, 10],
          [0, 0],
        ]),
      'NO_DATA',
    ],
    [
      'an external estimate without standard error',
      () => externalMetric([externalEstimate(1, { estimateAbs: 0.01 })]),
      'OK',
    ],
    [
      'an external estimate with a zero standard error and control mean',
      () => externalMetric([externalEstimate(1, { estimateAbs: 0.01, stdErr: 0, controlMean: 0 })]),
      'OK',
    ],
    [
      'an external estimate without a control mean',
      () => externalMetric([externalEstimate(1, { estimateAbs: 0.01, stdErr: 0.004, controlMean: null })]),
      'OK',
    ],
  ];

  it.each(rows)('gives finite-or-null numbers for %s', (_name, build, status) => {
    const m = build();
    const analysisMode = m.externalResults.length > 0 ? 'EXTERNAL' : 'FIXED_HORIZON';
    const result = analyseExperiment(experiment({ variants: variants([100, 100]), metrics: [m], analysisMode }), {
      asOf: ASOF,
    });
    expect(nonFiniteNumbers(result)).toEqual([]);
    expect(result.arms[0]!.metrics[0]!.dataStatus).toBe(status === 'OK' ? 'OK' : 'NOT_ENOUGH_DATA');
    expect(result.arms[0]!.metrics[0]!.dataStatusReason ?? 'OK').toBe(status);
  });

  it.each([
    ['unit counts missing', variants([null, null])],
    ['no traffic at all', variants([0, 0])],
    ['a single arm', variants([100])],
  ])('gives finite-or-null numbers with %s', (_name, vs) => {
    const result = analyseExperiment(
      experiment({
        variants: vs,
        metrics: [
          binaryMetric([
            [0, 0],
            [0, 0],
          ]),
        ],
      }),
      { asOf: ASOF },
    );
    expect(nonFiniteNumbers(result)).toEqual([]);
    expect(result.category).toBe('INVALID');
  });
});
