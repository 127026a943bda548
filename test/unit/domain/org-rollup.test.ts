import {
  buildRollupStats,
  CATEGORY_SUB_REASONS,
  concludedCount,
  CONCLUDED_CATEGORIES,
  emptyRollupCounts,
  RATE_FIELDS,
  RATE_NUMERATORS,
  type RollupCounts,
  rollupRate,
  SMALL_SAMPLE_CONCLUDED,
  STATS_RATES,
} from '../../../src/domain/org-rollup';

const counts = (categories: Partial<RollupCounts['categories']>, extra: Partial<RollupCounts> = {}): RollupCounts => ({
  ...emptyRollupCounts(),
  categories: { ...emptyRollupCounts().categories, ...categories },
  ...extra,
});

describe('rollupRate', () => {
  it('pools WIN, REGRESSION and POWERED_NEUTRAL over concluded with the Wilson interval of docs/ewl-rules.md §8 (64 of 100)', () => {
    const rate = rollupRate(
      counts({ WIN: 12, REGRESSION: 20, POWERED_NEUTRAL: 32, UNDERPOWERED: 30, INVALID: 6 }),
      'LEARNING_RATE',
    )!;
    expect(rate).toMatchObject({ value: 0.64, successes: 64, total: 100, smallSample: false });
    expect(rate.lower).toBeCloseTo(0.54235, 5); // docs/ewl-rules.md §8 / statsmodels proportion_confint(64, 100, method='wilson')
    expect(rate.upper).toBeCloseTo(0.72729, 5);
  });

  it('is null, not zero, when nothing concluded (PENDING and EXCLUDED are outside the denominator)', () => {
    const empty = counts({}, { pending: 7, excluded: 3 });
    for (const r of STATS_RATES) expect(rollupRate(empty, r)).toBeNull();
  });

  it.each([
    [SMALL_SAMPLE_CONCLUDED - 1, true],
    [SMALL_SAMPLE_CONCLUDED, false],
  ])('flags smallSample with %i concluded: %s', (n, small) => {
    const rate = rollupRate(counts({ UNDERPOWERED: n }), 'WIN_RATE')!;
    expect(rate).toMatchObject({ value: 0, smallSample: small, total: n });
    expect(rate.lower).toBeCloseTo(0, 12);
  });

  it('uses the single denominator: win, regression, neutral, underpowered and invalid rates sum to 1 and winRate <= learningRate', () => {
    const c = counts({ WIN: 3, REGRESSION: 5, POWERED_NEUTRAL: 7, UNDERPOWERED: 11, INVALID: 13 });
    const sum = (['WIN_RATE', 'REGRESSION_RATE', 'NEUTRAL_RATE', 'UNDERPOWERED_RATE', 'INVALID_RATE'] as const).reduce(
      (s, r) => s + rollupRate(c, r)!.value,
      0,
    );
    expect(sum).toBeCloseTo(1, 12);
    expect(rollupRate(c, 'WIN_RATE')!.value).toBeLessThanOrEqual(rollupRate(c, 'LEARNING_RATE')!.value);
    expect(concludedCount(c)).toBe(39);
  });

  it('keeps every interval inside [0, 1] around its value', () => {
    for (const [x, n] of [
      [0, 1],
      [1, 1],
      [0, 50],
      [50, 50],
      [3, 7],
    ] as const) {
      const r = rollupRate(counts({ WIN: x, INVALID: n - x }), 'WIN_RATE')!;
      expect(r.lower).toBeGreaterThanOrEqual(0);
      expect(r.upper).toBeLessThanOrEqual(1);
      expect(r.lower).toBeLessThanOrEqual(r.value);
      expect(r.upper).toBeGreaterThanOrEqual(r.value);
    }
  });
});

describe('buildRollupStats', () => {
  it('maps the counts, keeps non-zero breakdown entries largest first (ties by key) and nulls the debt age without debt', () => {
    const stats = buildRollupStats(
      counts(
        { WIN: 2, INVALID: 3 },
        {
          pending: 4,
          excluded: 1,
          restarts: 2,
          inconsistentDecisions: 1,
          undecided: 0,
          oldestUndecidedAgeDays: 12,
          medianDaysToDecision: 3.5,
          invalidByReason: [
            { key: 'SRM_FAILED', count: 1 },
            { key: 'NO_TRAFFIC', count: 0 },
            { key: 'MISSING_HEALTH_DATA', count: 2 },
          ],
          decisionsByKind: [
            { key: 'SHIP', count: 1 },
            { key: 'ABORT', count: 1 },
            { key: 'RERUN', count: 3 },
          ],
        },
      ),
    );
    expect(stats).toMatchObject({
      concluded: 5,
      counts: { win: 2, regression: 0, poweredNeutral: 0, underpowered: 0, invalid: 3, pending: 4, excluded: 1 },
      pending: 4,
      excluded: 1,
      restarts: 2,
      inconsistentDecisions: 1,
      medianDaysToDecision: 3.5,
      invalidByReason: [
        { key: 'MISSING_HEALTH_DATA', count: 2 },
        { key: 'SRM_FAILED', count: 1 },
      ],
      decisionsByKind: [
        { key: 'RERUN', count: 3 },
        { key: 'ABORT', count: 1 },
        { key: 'SHIP', count: 1 },
      ],
      decisionDebt: { count: 0, oldestAgeDays: null },
    });
    expect(stats.learningRate).toMatchObject({ successes: 2, total: 5, smallSample: true });
    expect(stats.invalidRate).toMatchObject({ value: 0.6 });
  });

  it('exposes every rate under its field and every numerator as concluded categories', () => {
    const stats = buildRollupStats(counts({ WIN: 1, POWERED_NEUTRAL: 1 }));
    for (const rate of STATS_RATES) {
      expect(stats[RATE_FIELDS[rate]]).toEqual(rollupRate(counts({ WIN: 1, POWERED_NEUTRAL: 1 }), rate));
      for (const category of RATE_NUMERATORS[rate]) expect(CONCLUDED_CATEGORIES).toContain(category);
    }
    expect(CATEGORY_SUB_REASONS).toEqual(expect.arrayContaining(['MISSING_MDE', 'INFRA_SAFE', 'SRM_FAILED']));
  });
});

describe('shippingRate', () => {
  it('is SHIP + SHIP_INFRA decisions over concluded, with the Wilson interval, and null when nothing concluded', () => {
    const stats = buildRollupStats(
      counts(
        { WIN: 10, POWERED_NEUTRAL: 10, UNDERPOWERED: 20 },
        {
          decisionsByKind: [
            { key: 'SHIP', count: 8 },
            { key: 'SHIP_INFRA', count: 4 },
            { key: 'ABORT', count: 20 },
          ],
        },
      ),
    );
    expect(stats.shippingRate).toMatchObject({ value: 0.3, successes: 12, total: 40, smallSample: false });
    // statsmodels 0.15 proportion_confint(12, 40, method='wilson') = (0.180748..., 0.454300...)
    expect(stats.shippingRate!.lower).toBeCloseTo(0.180748, 6);
    expect(stats.shippingRate!.upper).toBeCloseTo(0.4543, 6);
    expect(buildRollupStats(counts({}, { pending: 3 })).shippingRate).toBeNull();
  });
});
