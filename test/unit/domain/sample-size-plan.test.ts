import { MAX_PLANNED_UNITS, planSampleSize, type PlanMetricInput } from '../../../src/domain/sample-size-plan';

const binary = (overrides: Partial<PlanMetricInput> = {}): PlanMetricInput => ({
  key: 'conversion',
  type: 'BINARY',
  role: 'SUCCESS',
  preferredDirection: 'INCREASE',
  baseline: 0.1,
  variance: null,
  mde: 0.05,
  mdeScale: 'RELATIVE',
  nim: null,
  nimScale: null,
  ...overrides,
});

describe('planSampleSize', () => {
  // docs/ewl-rules.md §10 sample-size vectors (SciPy): exact integers.
  it('needs 45,498 per arm for a 5 % relative MDE on a 10 % rate at α 0.05 and power 0.8', () => {
    const plan = planSampleSize({ metrics: [binary()] });
    expect(plan.unitsPerArm).toEqual([45498, 45498]);
    expect(plan.totalUnits).toBe(90996);
  });

  it('needs 72,832 per arm for the same MDE when two NIM guardrails share the power budget', () => {
    const guardrail = binary({
      key: 'g',
      role: 'GUARDRAIL',
      baseline: 0.3,
      mde: null,
      mdeScale: null,
      nim: 0.02,
      nimScale: 'RELATIVE',
    });
    const plan = planSampleSize({ metrics: [binary(), guardrail, { ...guardrail, key: 'g2' }] });
    expect(plan.metrics[0]!.unitsPerArm).toEqual([72832, 72832]);
    expect(plan.metrics[1]!.unitsPerArm).toEqual([115465, 115465]);
    expect(plan.totalUnits).toBe(230930);
  });

  it('needs 4,947 per arm for a 2 % MDE on a continuous mean of 10 with sd 4', () => {
    const plan = planSampleSize({
      metrics: [binary({ type: 'CONTINUOUS', baseline: 10, variance: 16, mde: 0.2, mdeScale: 'ABSOLUTE' })],
    });
    expect(plan.unitsPerArm).toEqual([4947, 4947]);
  });

  it('estimates days from daily traffic', () => {
    expect(planSampleSize({ metrics: [binary()], dailyTraffic: 10000 }).days).toBe(10);
  });

  it('gives no requirement for deterioration-only metrics', () => {
    const plan = planSampleSize({
      metrics: [binary(), binary({ key: 'crash', role: 'DETERIORATION', mde: null, mdeScale: null })],
    });
    expect(plan.metrics[1]).toMatchObject({ powered: false, totalUnits: null });
  });

  it.each([
    [{ alpha: 0.7 }, 'input.alpha'],
    [{ power: 1 }, 'input.power'],
    [{ weights: [1] }, 'input.weights'],
    [{ dailyTraffic: 0 }, 'input.dailyTraffic'],
  ])('rejects %j naming %s', (overrides, field) => {
    expect(() => planSampleSize({ metrics: [binary()], ...overrides })).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: expect.objectContaining({ field }) }),
    );
  });

  it('rejects a binary baseline outside (0, 1)', () => {
    expect(() => planSampleSize({ metrics: [binary({ baseline: 1.2 })] })).toThrow(/input.metrics\[0\].baseline/);
  });

  const continuous = (overrides: Partial<PlanMetricInput> = {}) =>
    binary({ type: 'CONTINUOUS', baseline: 10, variance: 16, mde: 0.2, mdeScale: 'ABSOLUTE', ...overrides });

  it('plans up to MAX_PLANNED_UNITS units and no further', () => {
    // Units grow with 1 / mde²: 1.58e9 at mde 0.0005 (under 2^31 - 1), 2.47e9 at 0.0004 (over).
    expect(planSampleSize({ metrics: [continuous({ mde: 0.0005 })] }).totalUnits).toBe(1582734652);
    expect(MAX_PLANNED_UNITS).toBe(2147483647);
    expect(() => planSampleSize({ metrics: [continuous({ mde: 0.0004 })] })).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        reason: 'PLAN_TOO_LARGE',
        details: expect.objectContaining({ field: 'input.metrics[0].mde' }),
      }),
    );
  });

  it.each([
    ['a tiny relative MDE', { metrics: [binary({ mde: 1e-9 })] }, 'input.metrics[0].mde'],
    ['an MDE that vanishes in absolute units', { metrics: [binary({ mde: 5e-324 })] }, 'input.metrics[0].mde'],
    [
      'a tiny NIM',
      {
        metrics: [binary({ key: 'g', role: 'GUARDRAIL', mde: null, mdeScale: null, nim: 1e-12, nimScale: 'ABSOLUTE' })],
      },
      'input.metrics[0].nim',
    ],
    ['extreme weights', { metrics: [binary()], weights: [1e-300, 1e300] }, 'input.metrics[0].mde'],
    ['a huge variance', { metrics: [continuous({ variance: 1e300 })] }, 'input.metrics[0].mde'],
    ['tiny daily traffic', { metrics: [binary()], dailyTraffic: 1e-6 }, 'input.dailyTraffic'],
  ])('refuses %s with PLAN_TOO_LARGE naming the field', (_name, input, field) => {
    expect(() => planSampleSize(input)).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        reason: 'PLAN_TOO_LARGE',
        details: expect.objectContaining({ field }),
      }),
    );
  });

  it.each([
    [{ metrics: [continuous({ baseline: Number.POSITIVE_INFINITY })] }, 'input.metrics[0].baseline'],
    [{ metrics: [continuous({ mde: Number.POSITIVE_INFINITY })] }, 'input.metrics[0].mde'],
    [{ metrics: [continuous({ mde: 1e300, mdeScale: 'RELATIVE', baseline: 1e300 })] }, 'input.metrics[0].mde'],
    [{ metrics: [binary()], dailyTraffic: Number.POSITIVE_INFINITY }, 'input.dailyTraffic'],
  ])('refuses non-finite input %#, naming %s', (input, field) => {
    expect(() => planSampleSize(input)).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_VALUE',
        details: expect.objectContaining({ field }),
      }),
    );
  });
});
