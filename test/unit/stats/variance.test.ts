import { binaryVariance, ratioMeanVariance, sampleVariance } from '../../../src/stats/variance';
import { expectRelativelyClose } from './expect-close';

describe('binaryVariance', () => {
  it.each([
    [10000, 1000, 0.09],
    [20000, 6000, 0.21],
    [10, 0, 0],
    [10, 10, 0],
    [1, 1, 0],
  ])('returns p(1 − p) for n = %p, sum = %p', (n, sum, expected) => {
    expect(binaryVariance({ n, sum })).toBeCloseTo(expected, 15);
  });

  it.each([
    [0, 0],
    [10, 11],
    [10, -1],
    [10, 2.5],
    [NaN, 1],
  ])('throws RangeError for n = %p, sum = %p', (n, sum) => {
    expect(() => binaryVariance({ n, sum })).toThrow(RangeError);
  });
});

describe('sampleVariance', () => {
  it.each([
    [5000, 50000, 579984, 16],
    [5000, 51000, 604233.19, 16.81],
  ])(
    'reproduces the docs/ewl-rules.md §10 continuous variances for n = %p, sum = %p, sumSq = %p',
    (n, sum, sumSq, expected) => {
      expectRelativelyClose(sampleVariance({ n, sum, sumSq }), expected, 1e-12);
    },
  );

  it('uses n − 1 in the denominator: [1, 2, 3, 4] → 5/3', () => {
    expect(sampleVariance({ n: 4, sum: 10, sumSq: 30 })).toBeCloseTo(5 / 3, 15);
  });

  it('clamps a tiny negative numerator from rounding to 0', () => {
    // 1e6 copies of 0.1: the exact numerator is 0, but sumSq − sum²/n rounds to about −1e-12.
    const n = 1e6;
    expect(sampleVariance({ n, sum: 0.1 * n, sumSq: 0.01 * n * (1 - 1e-15) })).toBe(0);
  });

  it('throws RangeError for sums that imply a negative variance', () => {
    expect(() => sampleVariance({ n: 10, sum: 100, sumSq: 900 })).toThrow(/sumSq − sum²\/n must be ≥ 0/);
  });

  it.each([
    [1, 5, 25],
    [0, 0, 0],
    [3, NaN, 1],
    [3, 1, -1],
  ])('throws RangeError for n = %p, sum = %p, sumSq = %p', (n, sum, sumSq) => {
    expect(() => sampleVariance({ n, sum, sumSq })).toThrow(RangeError);
  });
});

describe('ratioMeanVariance', () => {
  // Independent route: the delta-method variance equals var(Y − R·X, ddof = 1)/(n·mean(X)²).
  // python3 -c "import numpy as np; y=np.array([2,2,3,3.]); x=np.array([1,2,2,3.]); r=y.sum()/x.sum(); print(r, repr(float(np.var(y-r*x, ddof=1)/(len(x)*x.mean()**2))))"
  // python3 -c "import numpy as np; rng=np.random.default_rng(7); x=rng.poisson(3,50)+1.0; y=rng.binomial(x.astype(int),0.4)*1.0; r=y.sum()/x.sum(); print(len(x), y.sum(), x.sum(), (y*y).sum(), (x*x).sum(), (x*y).sum(), r, repr(float(np.var(y-r*x, ddof=1)/(len(x)*x.mean()**2))))"
  it.each([
    [{ n: 4, sumY: 10, sumX: 8, sumY2: 26, sumX2: 18, sumXY: 21 }, 1.25, 0.033854166666666664],
    [{ n: 50, sumY: 78, sumX: 197, sumY2: 168, sumX2: 943, sumXY: 354 }, 0.39593908629441626, 0.0009335916883375473],
  ])('matches numpy on raw data for %p', (input, ratio, varianceOfRatio) => {
    const result = ratioMeanVariance(input);
    expectRelativelyClose(result.ratio, ratio, 1e-15);
    expectRelativelyClose(result.varianceOfRatio, varianceOfRatio, 1e-12);
  });

  it('returns 0 when Y is exactly proportional to X', () => {
    // Y = 2X for X = [1, 2, 3]: the ratio has no sampling noise.
    expect(ratioMeanVariance({ n: 3, sumY: 12, sumX: 6, sumY2: 56, sumX2: 14, sumXY: 28 })).toEqual({
      ratio: 2,
      varianceOfRatio: 0,
    });
  });

  it('throws RangeError when the cross-product makes the variance negative', () => {
    expect(() => ratioMeanVariance({ n: 4, sumY: 10, sumX: 8, sumY2: 26, sumX2: 18, sumXY: 40 })).toThrow(
      /sY² − 2R·sXY \+ R²·sX² must be ≥ 0/,
    );
  });

  it.each([
    ['n', 1],
    ['sumX', 0],
    ['sumXY', NaN],
    ['sumY2', -1],
  ])('throws RangeError when %s is %p', (field, value) => {
    const input = { n: 4, sumY: 10, sumX: 8, sumY2: 26, sumX2: 18, sumXY: 21 };
    expect(() => ratioMeanVariance({ ...input, [field]: value })).toThrow(RangeError);
  });
});
