import { confidenceInterval, wilsonInterval, Z_975 } from '../../../src/stats/intervals';
import { normalQuantile } from '../../../src/stats/distributions';
import { expectRelativelyClose } from './expect-close';

describe('confidenceInterval', () => {
  it('uses z_0.95 = 1.644854 for a 90 % interval (one-sided a = 0.05, docs/ewl-rules.md §3.4)', () => {
    const { lower, upper, level } = confidenceInterval({ estimate: 0, stdErr: 1, level: 0.9 });
    expect(upper).toBeCloseTo(1.644854, 6);
    expect(lower).toBe(-upper);
    expect(level).toBe(0.9);
  });

  it('is centred on the estimate and scales with the standard error', () => {
    const { lower, upper } = confidenceInterval({ estimate: 3, stdErr: 0.5, level: 0.95 });
    expect((lower + upper) / 2).toBeCloseTo(3, 14);
    expect(upper - lower).toBeCloseTo(2 * 0.5 * 1.959963984540054, 14);
  });

  it('collapses to the estimate when the standard error is 0', () => {
    expect(confidenceInterval({ estimate: 2, stdErr: 0, level: 0.9 })).toEqual({ lower: 2, upper: 2, level: 0.9 });
  });

  it.each([
    ['estimate', NaN],
    ['stdErr', -1],
    ['level', 1],
    ['level', 0],
  ])('throws RangeError when %s is %p', (field, value) => {
    expect(() => confidenceInterval({ estimate: 0, stdErr: 1, level: 0.9, [field]: value })).toThrow(RangeError);
  });
});

describe('wilsonInterval', () => {
  // docs/ewl-rules.md §10 Wilson 95 % vectors, 3 decimals as printed there.
  it.each([
    [64, 100, 0.542, 0.727],
    [12, 100, 0.07, 0.198],
    [0, 5, 0, 0.434],
    [5, 5, 0.566, 1],
  ])('reproduces docs/ewl-rules.md §10 for %p/%p: [%p, %p]', (successes, total, lower, upper) => {
    const interval = wilsonInterval({ successes, total });
    expect(interval.lower).toBeCloseTo(lower, 3);
    expect(interval.upper).toBeCloseTo(upper, 3);
  });

  // python3 -c "from scipy.stats import norm; import math; z=norm.ppf(0.975); w=lambda x,n:((x/n+z*z/(2*n))/(1+z*z/n)-z/(1+z*z/n)*math.sqrt(x/n*(1-x/n)/n+z*z/(4*n*n)),(x/n+z*z/(2*n))/(1+z*z/n)+z/(1+z*z/n)*math.sqrt(x/n*(1-x/n)/n+z*z/(4*n*n))); print([(x,n,*map(repr,w(x,n))) for x,n in [(64,100),(12,100),(0,5),(5,5),(1,1),(3,10),(520,800),(7,100000)]])"
  it.each([
    [64, 100, 0.5423540245160874, 0.7272877959859567],
    [12, 100, 0.0699940643701949, 0.19812099426711421],
    [0, 5, 0, 0.43448246478317476],
    [5, 5, 0.5655175352168251, 1],
    [1, 1, 0.20654931437723745, 1],
    [3, 10, 0.10779126740630099, 0.6032218525388546],
    [520, 800, 0.6163027473454656, 0.6822635897928315],
    [7, 100000, 3.390903779016498e-5, 0.00014449869695711305],
  ])('matches the closed form evaluated with scipy for %p/%p', (successes, total, lower, upper) => {
    const interval = wilsonInterval({ successes, total });
    expect(interval.estimate).toBe(successes / total);
    expectRelativelyClose(interval.lower, lower, 1e-12);
    expectRelativelyClose(interval.upper, upper, 1e-12);
  });

  it('stays inside [0, 1] and contains the estimate for every count out of 20', () => {
    for (let successes = 0; successes <= 20; successes += 1) {
      const { estimate, lower, upper } = wilsonInterval({ successes, total: 20 });
      expect(lower).toBeGreaterThanOrEqual(0);
      expect(upper).toBeLessThanOrEqual(1);
      expect(lower).toBeLessThanOrEqual(estimate);
      expect(upper).toBeGreaterThanOrEqual(estimate);
    }
  });

  it('defaults z to Φ⁻¹(0.975) and narrows with a smaller z', () => {
    expect(Z_975).toBe(normalQuantile({ p: 0.975 }));
    const wide = wilsonInterval({ successes: 30, total: 90 });
    const narrow = wilsonInterval({ successes: 30, total: 90, z: 1.644854 });
    expect(narrow.upper - narrow.lower).toBeLessThan(wide.upper - wide.lower);
  });

  it.each([
    [1, 0, undefined],
    [-1, 10, undefined],
    [11, 10, undefined],
    [2.5, 10, undefined],
    [1, 10, 0],
    [1, 10, NaN],
  ])('throws RangeError for successes = %p, total = %p, z = %p', (successes, total, z) => {
    expect(() => wilsonInterval({ successes, total, z })).toThrow(RangeError);
  });
});
