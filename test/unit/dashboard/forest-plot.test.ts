import { axisBounds, niceStep } from '../../../src/dashboard/view-model/forest-axis';
import {
  buildForestPlot,
  type ExperimentMetricInput,
  type MetricArmInput,
  metricMargin,
  metricVerdict,
} from '../../../src/dashboard/view-model/forest-plot';
import { formatRelative, formatRelativeInterval } from '../../../src/dashboard/view-model/relative-format';

const metric = (overrides: Partial<ExperimentMetricInput> & { id: string }): ExperimentMetricInput => ({
  role: 'SUCCESS',
  mde: null,
  mdeScale: null,
  nim: null,
  nimScale: null,
  metric: { key: overrides.id, name: `Metric ${overrides.id}`, preferredDirection: 'INCREASE' },
  ...overrides,
});

const analysis = (overrides: Partial<MetricArmInput> & { metricId: string }): MetricArmInput => ({
  metricKey: overrides.metricId,
  dataStatus: 'OK',
  dataStatusReason: null,
  dataStatusDetail: null,
  meanC: 0.2,
  mdeRelative: null,
  nimRelative: null,
  diffRel: 0.01,
  ciRel: { lower: -0.005, upper: 0.025 },
  ciLevel: 0.9,
  superior: false,
  nonInferior: null,
  deteriorated: false,
  isPowered: false,
  ...overrides,
});

describe('metricVerdict', () => {
  it.each([
    ['SUCCESS', { superior: true, isPowered: false }, 'Improved', 'good'],
    ['SUCCESS', { superior: false, isPowered: true }, 'No significant effect (powered)', 'neutral'],
    ['SUCCESS', { superior: false, isPowered: false }, 'No significant effect (not powered)', 'caution'],
    ['SUCCESS', { deteriorated: true, isPowered: true }, 'Deteriorated', 'bad'],
    ['GUARDRAIL', { nonInferior: true }, 'Non-inferior (margin cleared)', 'good'],
    ['GUARDRAIL', { nonInferior: false }, 'Margin not cleared', 'caution'],
    ['GUARDRAIL', { nonInferior: null }, 'No deterioration', 'neutral'],
    ['GUARDRAIL', { nonInferior: true, deteriorated: true }, 'Deteriorated', 'bad'],
    ['DETERIORATION', {}, 'No deterioration', 'neutral'],
    ['DETERIORATION', { deteriorated: true }, 'Deteriorated', 'bad'],
    ['SUCCESS', { dataStatus: 'NOT_ENOUGH_DATA', superior: null }, 'Not enough data', 'caution'],
  ] as const)('reads a %s metric with %j as "%s" (%s)', (role, flags, label, tone) => {
    expect(metricVerdict(role, analysis({ metricId: 'm', ...flags }))).toEqual({ label, tone });
  });
});

describe('metricMargin', () => {
  it.each([
    ['an MDE of a metric to increase: on the positive side', 'SUCCESS', 'INCREASE', 0.2, 0.02],
    ['an MDE of a metric to decrease: on the negative side', 'SUCCESS', 'DECREASE', 0.2, -0.02],
    ['an MDE with a negative control mean: flipped', 'SUCCESS', 'INCREASE', -3, -0.02],
    ['a NIM of a metric to increase: on the negative (bad) side', 'GUARDRAIL', 'INCREASE', 0.2, -0.02],
    ['a NIM of a metric to decrease: on the positive (bad) side', 'GUARDRAIL', 'DECREASE', 0.2, 0.02],
  ] as const)('places %s', (_, role, preferredDirection, meanC, x) => {
    const m = metric({
      id: 'm',
      role,
      ...(role === 'SUCCESS' ? { mde: 0.02, mdeScale: 'RELATIVE' } : { nim: 0.02, nimScale: 'RELATIVE' }),
      metric: { key: 'm', name: 'M', preferredDirection },
    });
    expect(metricMargin(m, { meanC, mdeRelative: 0.02, nimRelative: 0.02 })).toEqual({
      kind: role === 'SUCCESS' ? 'MDE' : 'NIM',
      text: `${role === 'SUCCESS' ? 'MDE' : 'NIM'} 2.00% (relative)`,
      x,
    });
  });

  it.each([
    ['an absolute MDE of a metric to increase', 'SUCCESS', 'INCREASE', 10, 0.05],
    ['an absolute MDE of a metric to decrease', 'SUCCESS', 'DECREASE', 10, -0.05],
    ['an absolute MDE with a negative control mean', 'SUCCESS', 'INCREASE', -10, -0.05],
    ['an absolute NIM of a metric to increase', 'GUARDRAIL', 'INCREASE', 10, -0.05],
    ['an absolute NIM of a metric to decrease', 'GUARDRAIL', 'DECREASE', 10, 0.05],
  ] as const)("draws %s at the API's relative size, on its side", (_, role, preferredDirection, meanC, x) => {
    const kind = role === 'SUCCESS' ? 'MDE' : 'NIM';
    const m = metric({
      id: 'm',
      role,
      ...(role === 'SUCCESS' ? { mde: 0.5, mdeScale: 'ABSOLUTE' } : { nim: 0.5, nimScale: 'ABSOLUTE' }),
      metric: { key: 'm', name: 'M', preferredDirection },
    });
    // The API's sizes, deliberately not 0.5 / |meanC|: the margin is placed where the API says, not recomputed.
    expect(metricMargin(m, { meanC, mdeRelative: 0.05, nimRelative: 0.05 })).toEqual({
      kind,
      text: `${kind} 0.5 (absolute units, 5.00% relative)`,
      x,
    });
  });

  it('takes the size from the API, not from the configured relative value', () => {
    const m = metric({ id: 'm', mde: 0.02, mdeScale: 'RELATIVE' });
    expect(metricMargin(m, { meanC: 1, mdeRelative: 0.03, nimRelative: null })?.x).toBe(0.03);
  });

  it('has no margin for a deterioration metric, a guardrail without NIM or a success metric without MDE', () => {
    const sizes = { meanC: 1, mdeRelative: 0.1, nimRelative: 0.1 };
    expect(metricMargin(metric({ id: 'm', role: 'DETERIORATION', mde: 0.1, mdeScale: 'RELATIVE' }), sizes)).toBeNull();
    expect(metricMargin(metric({ id: 'm', role: 'GUARDRAIL' }), sizes)).toBeNull();
    expect(metricMargin(metric({ id: 'm' }), sizes)).toBeNull();
  });

  it('states but does not draw a margin the API gives no relative size for (control mean 0 or unknown)', () => {
    const relative = metric({ id: 'm', mde: 0.05, mdeScale: 'RELATIVE' });
    const absolute = metric({ id: 'm', mde: 0.5, mdeScale: 'ABSOLUTE' });
    for (const meanC of [0, null]) {
      expect(metricMargin(relative, { meanC, mdeRelative: null, nimRelative: null })).toEqual({
        kind: 'MDE',
        text: 'MDE 5.00% (relative)',
        x: null,
      });
      expect(metricMargin(absolute, { meanC, mdeRelative: null, nimRelative: null })).toEqual({
        kind: 'MDE',
        text: 'MDE 0.5 (absolute units)',
        x: null,
      });
    }
  });
});

describe('buildForestPlot', () => {
  const metrics = [
    metric({ id: 'conv', mde: 0.02, mdeScale: 'RELATIVE' }),
    metric({ id: 'latency', role: 'GUARDRAIL', nim: 0.006, nimScale: 'ABSOLUTE' }),
    metric({ id: 'errors', role: 'DETERIORATION' }),
  ];

  it("draws the metrics with a relative effect in the API's order and lists the others with the API's reason", () => {
    const plot = buildForestPlot(metrics, [
      analysis({
        metricId: 'conv',
        diffRel: 0.031,
        ciRel: { lower: 0.012, upper: 0.05 },
        superior: true,
        mdeRelative: 0.02,
      }),
      analysis({
        metricId: 'latency',
        diffRel: -0.01,
        ciRel: { lower: -0.03, upper: 0.01 },
        nonInferior: true,
        nimRelative: 0.05,
      }),
      analysis({
        metricId: 'errors',
        dataStatus: 'NOT_ENOUGH_DATA',
        dataStatusReason: 'NO_DATA',
        diffRel: null,
        ciRel: null,
      }),
    ]);
    expect(
      plot.rows.map((r) => [r.metricKey, r.name, r.effect, r.lower, r.upper, r.verdict.label, r.margin?.x]),
    ).toEqual([
      ['conv', 'Metric conv', 0.031, 0.012, 0.05, 'Improved', 0.02],
      ['latency', 'Metric latency', -0.01, -0.03, 0.01, 'Non-inferior (margin cleared)', -0.05],
    ]);
    expect(plot.missing).toEqual([
      expect.objectContaining({ metricKey: 'errors', reason: 'No data in an arm.', verdict: expect.anything() }),
    ]);
    // Bounds hold every interval, margin and zero.
    expect(plot.min).toBeLessThanOrEqual(-0.05);
    expect(plot.max).toBeGreaterThanOrEqual(0.05);
  });

  it("prefers the API's detail, and explains a missing relative effect with a zero control mean", () => {
    const plot = buildForestPlot(metrics, [
      analysis({ metricId: 'conv', diffRel: null, ciRel: null, meanC: 0 }),
      analysis({
        metricId: 'latency',
        dataStatus: 'NOT_ENOUGH_DATA',
        dataStatusReason: 'CONTROL_MEAN_ZERO',
        dataStatusDetail: 'A relative NIM cannot be converted: the control mean is 0.',
        diffRel: null,
        ciRel: null,
        meanC: 0,
      }),
    ]);
    expect(plot.rows).toEqual([]);
    expect(plot.missing.map((m) => m.reason)).toEqual([
      'The control mean is 0: the API gives the absolute effect only.',
      'A relative NIM cannot be converted: the control mean is 0.',
    ]);
  });

  it('names a metric the experiment does not list by its key', () => {
    const plot = buildForestPlot([], [analysis({ metricId: 'x', metricKey: 'orphan' })]);
    expect(plot.rows[0]).toMatchObject({ name: 'orphan', margin: null });
  });
});

describe('axis bounds', () => {
  it('rounds outward to a step of 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0.1)).toBe(0.02);
    expect(niceStep(0.7)).toBe(0.2);
    expect(axisBounds(-0.03, 0.05)).toEqual({ min: -0.04, max: 0.06 });
  });

  it('spans at least 2 points around zero when every value is zero', () => {
    const { min, max } = axisBounds(0, 0);
    expect(min).toBeLessThan(0);
    expect(max).toBeGreaterThan(0);
    expect(max - min).toBeGreaterThanOrEqual(0.02);
  });
});

describe('relative effect formats', () => {
  it('writes signed percentages with two decimals, and zero unsigned', () => {
    expect(formatRelative(0.01234)).toBe('+1.23%');
    expect(formatRelative(-0.004)).toBe('−0.40%');
    expect(formatRelative(-0.00001)).toBe('0.00%');
    expect(formatRelativeInterval(-0.004, 0.021)).toBe('−0.40% to +2.10%');
  });
});
