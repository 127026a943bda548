import { analyseExperiment } from '../../../src/domain/analyse-experiment';
import {
  daysRun,
  emptyCompanionCounts,
  exactMedian,
  precisionFactsOf,
  ranLongerThanPlanned,
} from '../../../src/domain/companion-numbers';
import { buildRollupStats, emptyRollupCounts } from '../../../src/domain/org-rollup';
import { ASOF, binaryMetric, continuousMetric, experiment, variants } from './fixtures/analysis-builders';

/** The stored facts of an input: analysed as the stored classification is (no display detail). */
const stored = (input: ReturnType<typeof experiment>) =>
  precisionFactsOf(input, analyseExperiment(input, { asOf: ASOF, detail: false }));

describe('precisionFactsOf', () => {
  // docs/ewl-rules.md §10 CONTINUOUS vector: control n 5000, mean 10, var 16; MDE 2 % relative. Powered effect
  // (z_0.95 + z_0.8)·√(16/5000 + 16/5000) = 2.486474860524386 · 0.08 (SciPy 1.17 norm.ppf), over |m_C| = 10.
  const vector = (options = {}) =>
    continuousMetric(
      [
        [5000, 10, 16],
        [5000, 10.2, 16.81],
      ],
      { mde: 0.02, ...options },
    );

  it('stores the relative MDE and the relative powered effect of a success metric, also without display detail', () => {
    const facts = stored(experiment({ variants: variants([5000, 5000]), metrics: [vector()] }));
    expect(facts.mdeRelative).toEqual([0.02]);
    expect(facts.poweredEffectRelative).toHaveLength(1);
    expect(facts.poweredEffectRelative![0]).toBeCloseTo((2.486474860524386 * 0.08) / 10, 12);
  });

  it('leaves out an ABSOLUTE MDE from the MDEs but keeps its powered effect, and drops a metric without an MDE', () => {
    const absolute = vector({ mde: 0.2, mdeScale: 'ABSOLUTE' });
    const withoutMde = vector({ mde: null });
    const facts = stored(experiment({ variants: variants([5000, 5000]), metrics: [absolute, withoutMde] }));
    expect(facts.mdeRelative).toEqual([]);
    expect(facts.poweredEffectRelative).toHaveLength(1);
  });

  it('counts success metrics only: guardrails and deterioration metrics add nothing', () => {
    const guardrail = binaryMetric(
      [
        [10000, 1000],
        [10000, 1010],
      ],
      { role: 'GUARDRAIL', nim: 0.01 },
    );
    const deterioration = binaryMetric(
      [
        [10000, 500],
        [10000, 505],
      ],
      { role: 'DETERIORATION' },
    );
    const facts = stored(experiment({ metrics: [vector(), guardrail, deterioration] }));
    expect(facts.mdeRelative).toEqual([0.02]);
    expect(facts.poweredEffectRelative).toHaveLength(1);
  });

  it('takes the largest powered effect over the treatment arms (the one every arm was powered to detect)', () => {
    const metric = continuousMetric(
      [
        [5000, 10, 16],
        [5000, 10.2, 16.81],
        [2500, 10.1, 16],
      ],
      { mde: 0.02 },
    );
    const input = experiment({ variants: variants([5000, 5000, 2500]), metrics: [metric] });
    const detailed = analyseExperiment(input, { asOf: ASOF });
    const perArm = detailed.arms.map((arm) => arm.metrics[0]!.poweredEffectAbs! / Math.abs(arm.metrics[0]!.meanC!));
    expect(perArm[1]).toBeGreaterThan(perArm[0]!); // the smaller arm is less precise
    expect(stored(input).poweredEffectRelative).toEqual([Math.max(...perArm)]);
  });

  it('keeps one value per success metric, in design order', () => {
    const first = vector({ mde: 0.03 });
    const second = vector({ mde: 0.01 });
    expect(stored(experiment({ variants: variants([5000, 5000]), metrics: [first, second] })).mdeRelative).toEqual([
      0.03, 0.01,
    ]);
  });

  it.each(['DRAFT', 'RUNNING'] as const)('stores nothing while the experiment has not ended (%s)', (status) => {
    const input = experiment({ status, endedAt: null, concludedAt: null, metrics: [vector()] });
    expect(stored(input)).toEqual({ mdeRelative: null, poweredEffectRelative: null });
  });
});

describe('daysRun and ranLongerThanPlanned', () => {
  it.each([
    ['2026-01-01T00:00:00Z', '2026-01-15T00:00:00Z', 14],
    ['2026-01-01T00:00:00Z', '2026-01-15T12:00:00Z', 14.5],
    ['2026-03-28T00:00:00Z', '2026-04-01T00:00:00Z', 4], // elapsed time, whatever daylight saving does
  ])('counts %s to %s as %d days', (from, to, days) => {
    expect(daysRun(new Date(from), new Date(to))).toBe(days);
  });

  it.each([
    [14, 14, false],
    [14.0417, 14, true],
    [13.5, 14, false],
  ])('says %d days run against a plan of %d days is longer: %s', (days, plan, longer) => {
    expect(ranLongerThanPlanned(days, plan)).toBe(longer);
  });
});

describe('exactMedian', () => {
  it.each([
    [[], null],
    [[7], 7],
    [[3, 1, 2], 2],
    [[3, 1, 2, 10], 2.5],
    [[0.01, 0.05, 0.02, 0.03], 0.025],
  ])('is the middle value or the mean of the two middle ones: %j -> %s', (values, median) => {
    expect(exactMedian(values)).toBe(median);
  });
});

describe('buildRollupStats companions', () => {
  it('reports volume, precision and runtime, with the overrun share over the experiments with a plan', () => {
    const stats = buildRollupStats({
      ...emptyRollupCounts(),
      categories: { ...emptyRollupCounts().categories, WIN: 3, UNDERPOWERED: 2 },
      started: 7,
      companions: {
        daysRun: { median: 18.25, count: 5 },
        withPlan: 4,
        longerThanPlanned: 1,
        mdeRelative: { median: 0.025, count: 6 },
        poweredEffectRelative: { median: 0.035, count: 4 },
      },
    });
    expect(stats.volume).toEqual({ started: 7, concluded: 5 });
    expect(stats.precision).toEqual({
      mdeRelative: { median: 0.025, count: 6 },
      poweredEffectRelative: { median: 0.035, count: 4 },
    });
    expect(stats.runtime.daysRun).toEqual({ median: 18.25, count: 5 });
    expect(stats.runtime.longerThanPlanned).toMatchObject({ successes: 1, total: 4, value: 0.25, smallSample: true });
  });

  it('has a null overrun share, not 0 %, when no concluded experiment had a plan', () => {
    const stats = buildRollupStats({ ...emptyRollupCounts(), companions: emptyCompanionCounts() });
    expect(stats.runtime.longerThanPlanned).toBeNull();
    expect(stats.precision.mdeRelative).toEqual({ median: null, count: 0 });
  });
});
