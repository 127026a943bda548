import { chiSquareSf, erfc, normalCdf, normalQuantile, sampleRatioTest } from '../../../src/db/seed/numerics';

// Reference values: docs/ewl-rules.md §10 (SciPy) and scipy.stats.chi2.sf / norm.ppf; tolerance stated per test.
describe('sampleRatioTest', () => {
  it.each([
    [[5000, 5200], [1, 1], 3.9216, 0.04767],
    [[10000, 10500], [1, 1], 12.195, 0.000479],
    [[8900, 1100], [0.9, 0.1], 11.111, 0.000858],
    [[3300, 3350, 3550], [1, 1, 1], 10.294, 0.00582],
  ])('matches the docs/ewl-rules.md §10 vector for counts %j and weights %j', (observed, weights, statistic, p) => {
    const result = sampleRatioTest(observed, weights);
    expect(result.statistic).toBeCloseTo(statistic, 2);
    expect(Math.abs(result.pValue - p) / p).toBeLessThan(2e-3);
  });
});

describe('chiSquareSf', () => {
  it.each([
    [3, 3, 0.3916251762710878],
    [7, 5, 0.22064030768042542],
    [5, 4, 0.2872974951836458],
    [3.9215686274509802, 1, 0.047670376],
  ])('gives P(χ² > %d | df %d) ≈ %d (relative 1e-5)', (x, df, p) => {
    expect(Math.abs(chiSquareSf(x, df) - p) / p).toBeLessThan(1e-5);
  });

  it.each([
    [10.828, 1],
    [13.816, 2],
  ])('gives p ≈ 0.001 at the critical value %d for df %d (rounded to 3 decimals)', (x, df) => {
    expect(Math.abs(chiSquareSf(x, df) - 0.001) / 0.001).toBeLessThan(1e-3);
  });

  it('is 1 at zero and falls with x', () => {
    expect(chiSquareSf(0, 1)).toBe(1);
    expect(chiSquareSf(20, 2)).toBeLessThan(chiSquareSf(10, 2));
  });
});

describe('normalQuantile', () => {
  it.each([
    [0.95, 1.644854],
    [0.975, 1.959964],
    [0.8, 0.841621],
    [1 - 0.2 / 3, 1.501086],
  ])('gives z_%d ≈ %d', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 5);
  });

  it('inverts normalCdf and erfc is symmetric', () => {
    for (const p of [0.001, 0.1, 0.5, 0.9, 0.999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
    expect(erfc(0.7) + erfc(-0.7)).toBeCloseTo(2, 12);
  });
});
