import { achievedPower, poweredEffect, requiredSampleSize } from '../../../src/stats/power';
import { expectRelativelyClose, expectWithinContract } from './expect-close';

const equalSplit = { weightControl: 1, weightTreatment: 1 };

describe('requiredSampleSize', () => {
  // docs/ewl-rules.md §10 sample sizes per arm (exact integers). Binary success: σT² = (p + δ)(1 − p − δ);
  // NI and continuous: σT² = σC².
  it.each([
    ['binary p = 0.10, δ = 0.005, power 0.80', 0.2, 0.005, 0.09, 0.105 * 0.895, 45498],
    ['binary p = 0.10, δ = 0.005, β* = 0.2/3 (G = 2)', 0.2 / 3, 0.005, 0.09, 0.105 * 0.895, 72832],
    ['NI p = 0.30, δ_N = 0.006, power 0.80', 0.2, 0.006, 0.21, 0.21, 72130],
    ['NI p = 0.30, δ_N = 0.006, β* = 0.2/3', 0.2 / 3, 0.006, 0.21, 0.21, 115465],
    ['continuous sd 4, δ = 0.2, power 0.80', 0.2, 0.2, 16, 16, 4947],
  ])('reproduces docs/ewl-rules.md §10: %s', (_label, beta, effect, varControl, varTreatment, perArm) => {
    const sizes = requiredSampleSize({ alpha: 0.05, beta, effect, varControl, varTreatment, ...equalSplit });
    expect(sizes).toEqual({ nControl: perArm, nTreatment: perArm });
  });

  // Unequal splits, unrounded nT from scipy; nC = ⌈κ·nT⌉:
  // python3 -c "from scipy.stats import norm; n=lambda a,b,d,vc,vt,k=1.0: ((norm.isf(a)+norm.isf(b))/d)**2*(vc/k+vt); print([repr(n(*r)) for r in [(0.025,0.1,0.01,0.25,0.25,2.0),(0.01,0.05,0.5,4,9,0.5)]])"
  it.each([
    [
      {
        alpha: 0.025,
        beta: 0.1,
        effect: 0.01,
        varControl: 0.25,
        varTreatment: 0.25,
        weightControl: 2,
        weightTreatment: 1,
      },
      39402.83648040234,
      2,
    ],
    [
      { alpha: 0.01, beta: 0.05, effect: 0.5, varControl: 4, varTreatment: 9, weightControl: 1, weightTreatment: 2 },
      1072.390012580885,
      0.5,
    ],
  ])('sizes an unequal split %p from nT = %p and κ = %p', (input, nTreatment, kappa) => {
    expect(requiredSampleSize(input)).toEqual({
      nControl: Math.ceil(kappa * nTreatment),
      nTreatment: Math.ceil(nTreatment),
    });
  });

  it('only depends on the ratio of the weights', () => {
    const base = { alpha: 0.05, beta: 0.2, effect: 0.1, varControl: 1, varTreatment: 1.2 };
    expect(requiredSampleSize({ ...base, weightControl: 0.9, weightTreatment: 0.1 })).toEqual(
      requiredSampleSize({ ...base, weightControl: 90, weightTreatment: 10 }),
    );
  });

  it.each([
    ['alpha', 0],
    ['beta', 1],
    ['beta', 0.96],
    ['effect', 0],
    ['effect', -0.01],
    ['varControl', -1],
    ['weightControl', 0],
    ['weightTreatment', NaN],
  ])('throws RangeError when %s is %p', (field, value) => {
    const input = { alpha: 0.05, beta: 0.2, effect: 0.005, varControl: 0.09, varTreatment: 0.09, ...equalSplit };
    expect(() => requiredSampleSize({ ...input, [field]: value })).toThrow(RangeError);
  });

  it('throws RangeError when both variances are 0', () => {
    expect(() =>
      requiredSampleSize({ alpha: 0.05, beta: 0.2, effect: 0.005, varControl: 0, varTreatment: 0, ...equalSplit }),
    ).toThrow('varControl + varTreatment must be > 0; got 0');
  });
});

describe('poweredEffect', () => {
  it('reproduces docs/ewl-rules.md §10: 0.01055 (10.5 % of p = 0.10) with 10,000 per arm', () => {
    const effect = poweredEffect({ alpha: 0.05, beta: 0.2, stdErr: Math.sqrt((2 * 0.09) / 10000) });
    expect(effect).toBeCloseTo(0.01055, 5);
    expect(effect / 0.1).toBeCloseTo(0.105, 3);
  });

  // python3 -c "from scipy.stats import norm; import math; print(repr(float((norm.isf(0.05)+norm.isf(0.2))*math.sqrt(2*0.09/10000))))"
  it('matches scipy to the docs/ewl-rules.md §3.11 tolerance', () => {
    expectRelativelyClose(
      poweredEffect({ alpha: 0.05, beta: 0.2, stdErr: Math.sqrt((2 * 0.09) / 10000) }),
      0.010549219410760013,
      1e-6,
    );
  });

  it('is the effect at which achievedPower reaches 1 − beta', () => {
    const effect = poweredEffect({ alpha: 0.01, beta: 0.1, stdErr: 0.3 });
    expect(achievedPower({ effect, stdErr: 0.3, alpha: 0.01 })).toBeCloseTo(0.9, 12);
  });

  it.each([
    [0.05, 0.2, 0],
    [0.05, 0.2, -1],
    [0.6, 0.5, 1],
    [0.05, 0, 1],
  ])('throws RangeError for alpha = %p, beta = %p, stdErr = %p', (alpha, beta, stdErr) => {
    expect(() => poweredEffect({ alpha, beta, stdErr })).toThrow(RangeError);
  });
});

describe('achievedPower', () => {
  it('reproduces docs/ewl-rules.md §10: 0.316 at δ = 0.005 with 10,000 per arm (σT² under H1)', () => {
    const stdErr = Math.sqrt(0.09 / 10000 + (0.105 * 0.895) / 10000);
    expect(achievedPower({ effect: 0.005, stdErr, alpha: 0.05 })).toBeCloseTo(0.316, 3);
  });

  // python3 -c "from scipy.stats import norm; import math; print(repr(float(norm.cdf(0.005/math.sqrt(0.09/10000+0.105*0.895/10000)-norm.isf(0.05)))), [repr(float(norm.cdf(d/s-norm.isf(a)))) for d,s,a in [(0,1,0.05),(3,1,0.025),(-2,1,0.05),(10,1,0.05),(0.01,0.004,0.01)]])"
  it.each([
    [0.005, Math.sqrt(0.09 / 10000 + (0.105 * 0.895) / 10000), 0.05, 0.31591830054667686],
    [0, 1, 0.05, 0.049999999999999975],
    [3, 1, 0.025, 0.8508384157958044],
    [-2, 1, 0.05, 0.00013377201459869545],
    [10, 1, 0.05, 1],
    [0.01, 0.004, 0.01, 0.5689305681423249],
  ])('matches scipy at effect = %p, stdErr = %p, alpha = %p', (effect, stdErr, alpha, expected) => {
    expectWithinContract(achievedPower({ effect, stdErr, alpha }), expected);
  });

  it('increases with the effect', () => {
    const powers = [0, 0.5, 1, 2, 3].map((effect) => achievedPower({ effect, stdErr: 1, alpha: 0.05 }));
    powers.slice(1).forEach((power, i) => expect(power).toBeGreaterThan(powers[i]));
  });

  it.each([
    [NaN, 1, 0.05],
    [1, 0, 0.05],
    [1, 1, 1],
  ])('throws RangeError for effect = %p, stdErr = %p, alpha = %p', (effect, stdErr, alpha) => {
    expect(() => achievedPower({ effect, stdErr, alpha })).toThrow(RangeError);
  });
});
