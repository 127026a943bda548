import { analyseExperiment } from '../../../src/domain/analyse-experiment';
import type { AnalysisInput, AnalysisMetric } from '../../../src/domain/analysis-types';
import type { EffectScale } from '../../../src/domain/experiment';
import { toAbsolute, toRelative } from '../../../src/domain/metric-analysis';
import {
  ASOF,
  binaryMetric,
  continuousMetric,
  experiment,
  externalEstimate,
  externalMetric,
} from './fixtures/analysis-builders';

function analyseOne(m: AnalysisMetric, overrides: Partial<AnalysisInput> = {}) {
  return analyseExperiment(experiment({ metrics: [m], ...overrides }), { asOf: ASOF }).arms[0]!.metrics[0]!;
}

describe('toRelative (docs/ewl-rules.md §15 D21)', () => {
  it.each<[string, number | null, EffectScale | null, number | null, number | null]>([
    ['keeps a relative size as set', 0.02, 'RELATIVE', 10, 0.02],
    ['keeps a relative size as set for a negative control mean', 0.02, 'RELATIVE', -10, 0.02],
    ['divides an absolute size by the control mean', 0.5, 'ABSOLUTE', 50, 0.01],
    ['divides an absolute size by |control mean|, never giving a negative size', 0.5, 'ABSOLUTE', -50, 0.01],
    ['is null without a size', null, 'ABSOLUTE', 50, null],
    ['is null without a scale', 0.5, null, 50, null],
    ['is null for a control mean of 0 (absolute size)', 0.5, 'ABSOLUTE', 0, null],
    ['is null for a control mean of 0 (relative size)', 0.02, 'RELATIVE', 0, null],
    ['is null for an unknown control mean', 0.5, 'ABSOLUTE', null, null],
    ['is null rather than Infinity for a control mean that underflows the division', 1e300, 'ABSOLUTE', 1e-300, null],
  ])('%s', (_name, value, scale, meanC, expected) => {
    const actual = toRelative(value, scale, meanC);
    if (expected === null) expect(actual).toBeNull();
    else expect(actual).toBeCloseTo(expected, 15);
  });

  it.each<[number, EffectScale, number]>([
    [0.02, 'RELATIVE', 10],
    [0.02, 'RELATIVE', -3.5],
    [0.5, 'ABSOLUTE', 50],
    [0.5, 'ABSOLUTE', -0.25],
  ])('is the absolute size the tests use over |control mean| (%p %s, m_C = %p)', (value, scale, meanC) => {
    expect(toRelative(value, scale, meanC)! * Math.abs(meanC)).toBeCloseTo(toAbsolute(value, scale, meanC)!, 12);
  });
});

describe('analyseMetricArm: mdeRelative and nimRelative', () => {
  // Control: n 5000, mean 10, variance 16; treatment: mean 10.2, variance 16.81 (docs/ewl-rules.md §10 vector).
  const arms: [number, number, number][] = [
    [5000, 10, 16],
    [5000, 10.2, 16.81],
  ];

  it('states an absolute MDE of 0.2 on a control mean of 10 as 2 %, the size the power rule uses', () => {
    const absolute = analyseOne(continuousMetric(arms, { mde: 0.2, mdeScale: 'ABSOLUTE' }));
    const relative = analyseOne(continuousMetric(arms, { mde: 0.02, mdeScale: 'RELATIVE' }));
    expect(absolute.mdeRelative).toBeCloseTo(0.02, 15);
    expect(relative.mdeRelative).toBe(0.02);
    expect(absolute.mdeAbs).toBeCloseTo(relative.mdeAbs!, 12);
    expect(absolute.achievedPower).toBeCloseTo(relative.achievedPower!, 12);
    expect([absolute.nimRelative, relative.nimRelative]).toEqual([null, null]);
  });

  it('states an absolute NIM on a negative control mean as a positive size that gives the same test', () => {
    const neg: [number, number, number][] = [
      [4000, -50, 100],
      [4000, -50.2, 100],
    ];
    const absolute = analyseOne(continuousMetric(neg, { role: 'GUARDRAIL', nim: 0.5, nimScale: 'ABSOLUTE' }));
    const relative = analyseOne(continuousMetric(neg, { role: 'GUARDRAIL', nim: 0.01, nimScale: 'RELATIVE' }));
    expect(absolute.nimRelative).toBeCloseTo(0.01, 15);
    expect(relative.nimRelative).toBe(0.01);
    expect(absolute.pValueNonInferiority).toBeCloseTo(relative.pValueNonInferiority!, 12);
    expect(absolute.nonInferior).toBe(relative.nonInferior);
    expect([absolute.mdeRelative, relative.mdeRelative]).toEqual([null, null]);
  });

  it('is null for a deterioration-only metric and for a guardrail without NIM', () => {
    const deterioration = analyseOne(continuousMetric(arms, { role: 'DETERIORATION' }));
    const plainGuardrail = analyseOne(continuousMetric(arms, { role: 'GUARDRAIL', nim: null }));
    for (const m of [deterioration, plainGuardrail]) expect([m.mdeRelative, m.nimRelative]).toEqual([null, null]);
  });

  it('is null when the control mean is 0, while the absolute MDE still stands', () => {
    const m = analyseOne(
      binaryMetric(
        [
          [1000, 0],
          [1000, 10],
        ],
        { mde: 0.005, mdeScale: 'ABSOLUTE' },
      ),
    );
    expect([m.meanC, m.mdeAbs, m.mdeRelative]).toEqual([0, 0.005, null]);
  });

  it('is null when an arm has no data', () => {
    const m = analyseOne(continuousMetric([arms[0]!], { mde: 0.2, mdeScale: 'ABSOLUTE' }));
    expect([m.dataStatus, m.mdeRelative]).toEqual(['NOT_ENOUGH_DATA', null]);
  });
});

describe('analyseExternalMetricArm: mdeRelative and nimRelative', () => {
  const external = (controlMean: number | null, role: 'SUCCESS' | 'GUARDRAIL') =>
    analyseOne(
      externalMetric([externalEstimate(1, { estimateAbs: 0.01, stdErr: 0.004, controlMean })], {
        role,
        ...(role === 'SUCCESS' ? { mde: 0.005, mdeScale: 'ABSOLUTE' } : { nim: 0.002, nimScale: 'ABSOLUTE' }),
      }),
      { analysisMode: 'EXTERNAL' },
    );

  it('divides the absolute sizes by the reported control mean', () => {
    expect(external(0.1, 'SUCCESS').mdeRelative).toBeCloseTo(0.05, 15);
    expect(external(0.1, 'GUARDRAIL').nimRelative).toBeCloseTo(0.02, 15);
  });

  it('is null when the platform reports no control mean', () => {
    expect(external(null, 'SUCCESS').mdeRelative).toBeNull();
    expect(external(null, 'GUARDRAIL').nimRelative).toBeNull();
  });
});
