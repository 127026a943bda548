import { confidenceInterval } from '../../../src/stats/intervals';
import { bonferroniAlpha, differenceTest, relativeEffect, welchTTest } from '../../../src/stats/tests';
import { binaryVariance, sampleVariance } from '../../../src/stats/variance';
import { CONTRACT_RELATIVE_TOLERANCE, expectRelativelyClose, expectWithinContract } from './expect-close';

// docs/ewl-rules.md §10 binary vector: C = 1000/10000, T = 1100/10000, variances p(1 − p).
const binary = {
  meanC: 0.1,
  varC: binaryVariance({ n: 10000, sum: 1000 }),
  nC: 10000,
  meanT: 0.11,
  varT: binaryVariance({ n: 10000, sum: 1100 }),
  nT: 10000,
};

// docs/ewl-rules.md §10 continuous vector: C n = 5000, sum = 50000, sumSq = 579984; T sum = 51000, sumSq = 604233.19.
const continuous = {
  meanC: 50000 / 5000,
  varC: sampleVariance({ n: 5000, sum: 50000, sumSq: 579984 }),
  nC: 5000,
  meanT: 51000 / 5000,
  varT: sampleVariance({ n: 5000, sum: 51000, sumSq: 604233.19 }),
  nT: 5000,
};

// docs/ewl-rules.md §10 guardrail NI vector: C p = 0.300, T p = 0.297, n = 20000 each, δ_N = 0.006.
const nonInferiority = {
  meanC: 0.3,
  varC: binaryVariance({ n: 20000, sum: 6000 }),
  nC: 20000,
  meanT: 0.297,
  varT: binaryVariance({ n: 20000, sum: 5940 }),
  nT: 20000,
  nullDiff: -0.006,
};

describe('differenceTest', () => {
  it('reproduces the docs/ewl-rules.md §10 binary vector (to the printed decimals)', () => {
    const result = differenceTest(binary);
    expect(result.diff).toBeCloseTo(0.01, 4);
    expect(result.stdErr).toBeCloseTo(0.0043347, 7);
    expect(result.z).toBeCloseTo(2.3069, 4);
    expect(result.pUpper).toBeCloseTo(0.01053, 5);
    const interval = confidenceInterval({ estimate: result.diff, stdErr: result.stdErr, level: 0.9 });
    expect(interval.lower).toBeCloseTo(0.00287, 5);
    expect(interval.upper).toBeCloseTo(0.01713, 5);
  });

  it('reproduces the docs/ewl-rules.md §10 continuous vector (to the printed decimals)', () => {
    const result = differenceTest(continuous);
    expect(result.stdErr).toBeCloseTo(0.081006, 6);
    expect(result.z).toBeCloseTo(2.4689, 4);
    expect(result.pTwoSided).toBeCloseTo(0.013551, 6);
  });

  it('reproduces the docs/ewl-rules.md §10 non-inferiority vector (to the printed decimals)', () => {
    const result = differenceTest(nonInferiority);
    expect(result.stdErr).toBeCloseTo(0.004576, 7);
    expect(result.z).toBeCloseTo(0.6556, 4);
    expect(result.pUpper).toBeCloseTo(0.256, 3);
    expect(confidenceInterval({ estimate: result.diff, stdErr: result.stdErr, level: 0.9 }).lower).toBeCloseTo(
      -0.01053,
      5,
    );
  });

  // python3 -c "from scipy.stats import norm; import math; f=lambda mc,vc,nc,mt,vt,nt,d0: (lambda se: (repr(mt-mc), repr(se), repr((mt-mc-d0)/se), repr(float(norm.sf((mt-mc-d0)/se))), repr(float(norm.cdf((mt-mc-d0)/se))), repr(float(2*norm.sf(abs(mt-mc-d0)/se)))))(math.sqrt(vt/nt+vc/nc)); print([f(*r) for r in [(0.1,0.09,10000,0.11,0.0979,10000,0),(0.3,0.21,20000,0.297,0.297*0.703,20000,-0.006),(5.0,4.0,40,3.2,9.0,25,0),(100,400,1000000,100.5,420,1000000,0)]])"
  it.each([
    [
      [0.1, 0.09, 10000, 0.11, 0.0979, 10000, 0],
      [0.004334743360338649, 2.3069416499939575, 0.010529036608038963, 0.9894709633919611, 0.021058073216077926],
    ],
    [
      [0.3, 0.21, 20000, 0.297, 0.297 * 0.703, 20000, -0.006],
      [0.004575975305877425, 0.655597943491253, 0.25604142453532214, 0.7439585754646778, 0.5120828490706443],
    ],
    [
      [5, 4, 40, 3.2, 9, 25, 0],
      [0.6782329983125268, -2.653955210788148, 0.9960222807144953, 0.003977719285504703, 0.007955438571009407],
    ],
    [
      [100, 400, 1e6, 100.5, 420, 1e6, 0],
      [0.028635642126552705, 17.460757394239454, 1.4256301728886867e-68, 1, 2.8512603457773734e-68],
    ],
  ])('matches scipy for %p', ([meanC, varC, nC, meanT, varT, nT, nullDiff], [stdErr, z, pUpper, pLower, pTwoSided]) => {
    const result = differenceTest({ meanC, varC, nC, meanT, varT, nT, nullDiff });
    expectRelativelyClose(result.stdErr, stdErr, 1e-12);
    expectRelativelyClose(result.z, z, 1e-12);
    expectWithinContract(result.pUpper, pUpper);
    expectWithinContract(result.pLower, pLower);
    expectWithinContract(result.pTwoSided, pTwoSided);
  });

  it('defaults nullDiff to 0', () => {
    expect(differenceTest(binary)).toEqual(differenceTest({ ...binary, nullDiff: 0 }));
  });

  it.each([
    ['meanC', NaN],
    ['varT', -0.1],
    ['nC', 0],
    ['nT', 10.5],
    ['nullDiff', Infinity],
  ])('throws RangeError when %s is %p', (field, value) => {
    expect(() => differenceTest({ ...binary, [field]: value })).toThrow(new RegExp(`^${field} must be`));
  });

  it('throws RangeError when both variances are 0 (the standard error is 0)', () => {
    expect(() => differenceTest({ ...binary, varC: 0, varT: 0 })).toThrow(RangeError);
  });
});

describe('welchTTest', () => {
  it('reproduces the docs/ewl-rules.md §10 continuous vector: ν = 9991.9, two-sided p = 0.013568', () => {
    const result = welchTTest(continuous);
    expect(result.df).toBeCloseTo(9991.9, 1);
    expect(result.t).toBeCloseTo(2.4689, 4);
    expect(result.pTwoSided).toBeCloseTo(0.013568, 6);
  });

  // python3 -c "from scipy.stats import ttest_ind_from_stats as t, t as T; import math; w=lambda vc,nc,vt,nt: (vt/nt+vc/nc)**2/((vt/nt)**2/(nt-1)+(vc/nc)**2/(nc-1)); print([(lambda r, d: (repr(float(r.statistic)), repr(d), repr(float(r.pvalue)), repr(float(T.sf(r.statistic, d)))))(t(mt, math.sqrt(vt), nt, mc, math.sqrt(vc), nc, equal_var=False), w(vc,nc,vt,nt)) for mc,vc,nc,mt,vt,nt in [(10,16,5000,10.2,16.81,5000),(5.0,4.0,40,3.2,9.0,25),(1.0,0.5,3,2.5,4.0,2)]])"
  it.each([
    [
      [10, 16, 5000, 10.2, 16.81, 5000],
      [2.4689476563338695, 9991.910156986174, 0.013567706335836646, 0.006783853167918323],
    ],
    [
      [5, 4, 40, 3.2, 9, 25],
      [-2.653955210788148, 37.408884859474156, 0.011613295561912956, 0.9941933522190435],
    ],
    [
      [1, 0.5, 3, 2.5, 4, 2],
      [1.0190493307301363, 1.1695501730103803, 0.473632600892812, 0.236816300446406],
    ],
  ])(
    'matches scipy ttest_ind_from_stats(equal_var=False) for %p',
    ([meanC, varC, nC, meanT, varT, nT], [t, df, pTwoSided, pUpper]) => {
      const result = welchTTest({ meanC, varC, nC, meanT, varT, nT });
      expectRelativelyClose(result.t, t, 1e-12);
      expectRelativelyClose(result.df, df, 1e-12);
      expectRelativelyClose(result.pTwoSided, pTwoSided, CONTRACT_RELATIVE_TOLERANCE);
      expectRelativelyClose(result.pUpper, pUpper, CONTRACT_RELATIVE_TOLERANCE);
      expect(result.pUpper + result.pLower).toBeCloseTo(1, 14);
    },
  );

  it('agrees with the z test to about 3 decimals at catalogue scale (docs/ewl-rules.md §3.2)', () => {
    expect(welchTTest(continuous).pTwoSided).toBeCloseTo(differenceTest(continuous).pTwoSided, 4);
  });

  it('throws RangeError for a group of one (its variance has no degrees of freedom)', () => {
    expect(() => welchTTest({ ...continuous, nC: 1 })).toThrow('nC must be an integer ≥ 2; got 1');
  });
});

describe('relativeEffect', () => {
  it('reproduces the docs/ewl-rules.md §10 delta-method vector: 10 %, SE_r = 0.045475, 95 % interval [1.09 %, 18.91 %]', () => {
    const { rel, stdErrRel } = relativeEffect(binary);
    expect(rel).toBeCloseTo(0.1, 12);
    expect(stdErrRel).toBeCloseTo(0.045475, 6);
    const interval = confidenceInterval({ estimate: rel, stdErr: stdErrRel, level: 0.95 });
    expect(interval.lower).toBeCloseTo(0.0109, 4);
    expect(interval.upper).toBeCloseTo(0.1891, 4);
  });

  it('is wider than the docs/ewl-rules.md §10 naive interval [1.50 %, 18.50 %] from dividing by the control mean', () => {
    const { diff, stdErr } = differenceTest(binary);
    const naive = confidenceInterval({ estimate: diff / binary.meanC, stdErr: stdErr / binary.meanC, level: 0.95 });
    expect(naive.lower).toBeCloseTo(0.015, 4);
    expect(naive.upper).toBeCloseTo(0.185, 4);
    expect(relativeEffect(binary).stdErrRel).toBeGreaterThan(stdErr / binary.meanC);
  });

  it('throws RangeError when meanC is 0 (the relative effect is undefined)', () => {
    expect(() => relativeEffect({ ...binary, meanC: 0 })).toThrow('meanC must be ≠ 0 for a relative effect; got 0');
  });
});

describe('bonferroniAlpha', () => {
  it.each([
    [0.05, 1, 0.05],
    [0.05, 2, 0.025],
    [0.05, 3 * 2, 0.05 / 6],
  ])('splits alpha = %p over %p comparisons into %p', (alpha, comparisons, expected) => {
    expect(bonferroniAlpha({ alpha, comparisons })).toBe(expected);
  });

  it.each([
    [0, 1],
    [1, 1],
    [0.05, 0],
    [0.05, 1.5],
  ])('throws RangeError for alpha = %p, comparisons = %p', (alpha, comparisons) => {
    expect(() => bonferroniAlpha({ alpha, comparisons })).toThrow(RangeError);
  });
});
