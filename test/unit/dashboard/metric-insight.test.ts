import {
  buildEffectDots,
  effectDotsOption,
  effectHistogramOption,
} from '../../../src/dashboard/view-model/metric-chart-options';
import {
  binLabel,
  buildHistogram,
  formatEdge,
  formatEffect,
  formatEffectInterval,
  shippedImpactRows,
  summariseModel,
} from '../../../src/dashboard/view-model/metric-insight';

describe('formatEffect', () => {
  it.each([
    [0.0037601532627889634, '+0.38%'],
    [-0.012, '-1.20%'],
    [0, '0.00%'],
    [-0.00001, '0.00%'],
    [0.00001, '0.00%'],
    [0.10901359058907859, '+10.90%'],
  ])('writes %d as %s', (value, text) => {
    expect(formatEffect(value)).toBe(text);
  });

  it('writes an interval from its lower to its upper bound', () => {
    expect(formatEffectInterval({ lower: 0.0002430929351308615, upper: 0.007277213590447066 })).toBe(
      '+0.02% to +0.73%',
    );
  });
});

describe('binLabel', () => {
  it.each([
    [{ lower: null, upper: -0.2 }, 'below -20%'],
    [{ lower: -0.01, upper: -0.005 }, '-1% to -0.5%'],
    [{ lower: 0, upper: 0.005 }, '0% to 0.5%'],
    [{ lower: 0.2, upper: null }, '20% or more'],
    [{ lower: null, upper: null }, 'any effect'],
  ])('labels %j as %s', (bin, label) => {
    expect(binLabel(bin)).toBe(label);
  });

  it('keeps up to three decimals of a percentage edge', () => {
    expect(formatEdge(0.00125)).toBe('0.125%');
  });
});

describe('buildHistogram', () => {
  it("keeps the API's bins and counts in their order", () => {
    const bins = [
      { lower: null, upper: 0, count: 3 },
      { lower: 0, upper: 0.01, count: 5 },
      { lower: 0.01, upper: null, count: 0 },
    ];
    expect(buildHistogram(bins)).toEqual({
      labels: ['below 0%', '0% to 1%', '1% or more'],
      counts: [3, 5, 0],
      rows: [
        { label: 'below 0%', count: 3 },
        { label: '0% to 1%', count: 5 },
        { label: '1% or more', count: 0 },
      ],
    });
  });

  it('draws one bar per bin, labelled, with an aria description', () => {
    const option = effectHistogramOption(buildHistogram([{ lower: null, upper: null, count: 7 }]), 'Histogram.');
    expect(option.aria).toEqual({ enabled: true, label: { description: 'Histogram.' } });
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['any effect'] });
    expect(option.series).toEqual([expect.objectContaining({ type: 'bar', data: [7] })]);
  });
});

describe('summariseModel', () => {
  const model = {
    mean: 0.0037601532627889634,
    meanInterval: { lower: 0.0002430929351308615, upper: 0.007277213590447066 },
    tau: 0.008197691274200065,
    i2: 0.5662655716065046,
    k: 47,
    fixedMean: 0.0025265868169788625,
    q: 106.05568059325826,
  };

  it('shows μ with its interval, τ, I², k, the fixed-effect mean and Q as the API gives them', () => {
    const summary = summariseModel(model, null);
    expect(summary.available).toBe(true);
    if (!summary.available) return;
    expect(summary.rows.map((r) => [r.id, r.value, r.detail])).toEqual([
      ['model-mean', '+0.38%', '95 % interval +0.02% to +0.73%'],
      ['model-tau', '0.82%', 'standard deviation between arms'],
      ['model-i2', '56.6%', 'share of the spread that is real'],
      ['model-k', '47', undefined],
      ['model-fixed-mean', '+0.25%', undefined],
      ['model-q', '106.1', undefined],
    ]);
  });

  it("gives the API's reason in words when there is no model", () => {
    expect(summariseModel(null, 'TOO_FEW_ARMS')).toEqual({
      available: false,
      reason: 'fewer than 5 arms: too few to estimate how much the true effects differ between arms',
    });
    expect(summariseModel(null, 'SOMETHING_NEW')).toEqual({ available: false, reason: 'SOMETHING_NEW' });
  });
});

describe('shippedImpactRows', () => {
  it('shows the naive and the corrected sum, its interval and their ratio', () => {
    const rows = shippedImpactRows({
      arms: 7,
      experiments: 7,
      naiveSum: 0.10901359058907859,
      shrunkSum: 0.056439061131045035,
      shrunkInterval: { lower: 0.02613408219702326, upper: 0.08674404006506681 },
      ratio: 0.5177249994800127,
    });
    expect(rows.map((r) => [r.id, r.value, r.detail])).toEqual([
      ['shipped-naive', '+10.90%', '7 shipped arms of 7 experiments'],
      ['shipped-shrunk', '+5.64%', '95 % interval +2.61% to +8.67%'],
      ['shipped-ratio', '0.52', 'below 1: the observed wins overstate what was shipped'],
    ]);
  });

  it('shows dashes without a model', () => {
    const rows = shippedImpactRows({
      arms: 1,
      experiments: 1,
      naiveSum: 0.02,
      shrunkSum: null,
      shrunkInterval: null,
      ratio: null,
    });
    expect(rows.map((r) => r.value)).toEqual(['+2.00%', '—', '—']);
    expect(rows[1]!.detail).toBe('no model to shrink by');
  });
});

describe('buildEffectDots and effectDotsOption', () => {
  const arms = [
    { experimentKey: 'pay-1', variantKey: 'treatment', effect: 0.05, shrunk: { effect: 0.03 } },
    { experimentKey: 'pay-2', variantKey: 'b', effect: -0.01, shrunk: null },
  ];

  it("lists each arm with its observed and shrunk effect in the API's order", () => {
    expect(buildEffectDots(arms)).toEqual({
      labels: ['pay-1 / treatment', 'pay-2 / b'],
      raw: [0.05, -0.01],
      shrunk: [0.03, null],
    });
  });

  it('puts each arm on its row, leaving out a shrunk effect the API does not have', () => {
    const option = effectDotsOption(buildEffectDots(arms), 'Dots.');
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['pay-1 / treatment', 'pay-2 / b'], inverse: true });
    expect(option.series).toEqual([
      expect.objectContaining({
        type: 'scatter',
        name: 'Observed',
        data: [
          [0.05, 0],
          [-0.01, 1],
        ],
      }),
      expect.objectContaining({ type: 'scatter', name: 'Shrunk', data: [[0.03, 0]] }),
    ]);
  });
});
