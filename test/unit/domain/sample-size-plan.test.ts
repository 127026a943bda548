import { planSampleSize, type PlanMetricInput } from '../../../src/domain/sample-size-plan';

const binary = (overrides: Partial<PlanMetricInput> = {}): PlanMetricInput => ({
  key: 'conversion', type: 'BINARY', role: 'SUCCESS', preferredDirection: 'INCREASE', baseline: 0.1, variance: null,
  mde: 0.05, mdeScale: 'RELATIVE', nim: null, nimScale: null, ...overrides,
});

describe('planSampleSize', () => {
  // Spec §10 sample-size vectors (SciPy): exact integers.
  it('needs 45,498 per arm for a 5 % relative MDE on a 10 % rate at α 0.05 and power 0.8', () => {
    const plan = planSampleSize({ metrics: [binary()] });
    expect(plan.unitsPerArm).toEqual([45498, 45498]);
    expect(plan.totalUnits).toBe(90996);
  });

  it('needs 72,832 per arm for the same MDE when two NIM guardrails share the power budget', () => {
    const guardrail = binary({ key: 'g', role: 'GUARDRAIL', baseline: 0.3, mde: null, mdeScale: null, nim: 0.02, nimScale: 'RELATIVE' });
    const plan = planSampleSize({ metrics: [binary(), guardrail, { ...guardrail, key: 'g2' }] });
    expect(plan.metrics[0]!.unitsPerArm).toEqual([72832, 72832]);
    expect(plan.metrics[1]!.unitsPerArm).toEqual([115465, 115465]);
    expect(plan.totalUnits).toBe(230930);
  });

  it('needs 4,947 per arm for a 2 % MDE on a continuous mean of 10 with sd 4', () => {
    const plan = planSampleSize({ metrics: [binary({ type: 'CONTINUOUS', baseline: 10, variance: 16, mde: 0.2, mdeScale: 'ABSOLUTE' })] });
    expect(plan.unitsPerArm).toEqual([4947, 4947]);
  });

  it('estimates days from daily traffic', () => {
    expect(planSampleSize({ metrics: [binary()], dailyTraffic: 10000 }).days).toBe(10);
  });

  it('gives no requirement for deterioration-only metrics', () => {
    const plan = planSampleSize({ metrics: [binary(), binary({ key: 'crash', role: 'DETERIORATION', mde: null, mdeScale: null })] });
    expect(plan.metrics[1]).toMatchObject({ powered: false, totalUnits: null });
  });

  it.each([
    [{ alpha: 0.7 }, 'input.alpha'],
    [{ power: 1 }, 'input.power'],
    [{ weights: [1] }, 'input.weights'],
    [{ dailyTraffic: 0 }, 'input.dailyTraffic'],
  ])('rejects %j naming %s', (overrides, field) => {
    expect(() => planSampleSize({ metrics: [binary()], ...overrides })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: expect.objectContaining({ field }) }));
  });

  it('rejects a binary baseline outside (0, 1)', () => {
    expect(() => planSampleSize({ metrics: [binary({ baseline: 1.2 })] })).toThrow(/input.metrics\[0\].baseline/);
  });
});
