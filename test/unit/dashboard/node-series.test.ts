import { buildCategoryMix, buildTrend, periodLabel } from '../../../src/dashboard/view-model/node-series';

describe('periodLabel', () => {
  it.each([
    ['a whole quarter', '2025-07-01T00:00:00.000Z', '2025-10-01T00:00:00.000Z', '2025 Q3'],
    ['the last quarter, cut at now', '2026-10-01T00:00:00.000Z', '2026-12-03T14:00:00.000Z', '2026 Q4 (to 2026-12-03)'],
    [
      'a quarter cut at an exclusive midnight',
      '2026-10-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
      '2026 Q4 (to 2026-11-30)',
    ],
    [
      'the first quarter, from a window start',
      '2025-02-15T00:00:00.000Z',
      '2025-04-01T00:00:00.000Z',
      '2025 Q1 (from 2025-02-15)',
    ],
    [
      'a window inside one quarter',
      '2025-02-15T00:00:00.000Z',
      '2025-03-01T00:00:00.000Z',
      '2025 Q1 (2025-02-15 to 2025-02-28)',
    ],
  ])('labels %s', (_name, start, end, label) => {
    expect(periodLabel(start, end)).toBe(label);
  });
});

const counts = { win: 1, regression: 2, poweredNeutral: 3, underpowered: 4, invalid: 5 };
const periods = [
  {
    periodStart: '2025-01-01T00:00:00.000Z',
    periodEnd: '2025-04-01T00:00:00.000Z',
    concluded: 15,
    learningRate: { value: 0.4, lower: 0.2, upper: 0.65, smallSample: false },
    winRate: { value: 1 / 15, lower: 0.01, upper: 0.3, smallSample: false },
    counts,
  },
  {
    periodStart: '2025-04-01T00:00:00.000Z',
    periodEnd: '2025-07-01T00:00:00.000Z',
    concluded: 0,
    learningRate: null,
    winRate: null,
    counts: { win: 0, regression: 0, poweredNeutral: 0, underpowered: 0, invalid: 0 },
  },
];

describe('buildTrend', () => {
  it('keeps the API values and intervals per period, with gaps where nothing concluded', () => {
    const trend = buildTrend(periods);
    expect(trend.labels).toEqual(['2025 Q1', '2025 Q2']);
    expect(trend.learning).toEqual({
      value: [0.4, null],
      lower: [0.2, null],
      upper: [0.65, null],
      smallSample: [false, true],
    });
    expect(trend.win.value).toEqual([1 / 15, null]);
    expect(trend.rows[0]).toEqual({
      period: '2025 Q1',
      concluded: 15,
      learningRate: '40.0%',
      learningInterval: '20.0–65.0%',
      winRate: '6.7%',
      winInterval: '1.0–30.0%',
      smallSample: false,
    });
    expect(trend.rows[1]).toMatchObject({ learningRate: '—', smallSample: true });
  });
});

describe('buildCategoryMix', () => {
  it('has one series per concluded category, stacked in the rule order, with the API counts', () => {
    const mix = buildCategoryMix(periods);
    expect(mix.series.map((s) => [s.category, s.values])).toEqual([
      ['WIN', [1, 0]],
      ['REGRESSION', [2, 0]],
      ['POWERED_NEUTRAL', [3, 0]],
      ['UNDERPOWERED', [4, 0]],
      ['INVALID', [5, 0]],
    ]);
    expect(new Set(mix.series.map((s) => s.colour)).size).toBe(5);
  });
});
