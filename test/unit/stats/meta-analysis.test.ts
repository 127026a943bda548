import { histogram, histogramFromCounts } from '../../../src/stats/histogram';
import {
  dersimonianLairdTau2,
  randomEffectsDerSimonianLaird,
  randomEffectsFromSums,
  shrinkEstimate,
} from '../../../src/stats/meta-analysis';
import { mulberry32 } from '../domain/fixtures/random';
import { expectRelativelyClose } from './expect-close';

/** The tolerance for the estimator against an established implementation. */
const TOLERANCE = 1e-9;

const est = (estimates: number[], stdErrs: number[]) =>
  estimates.map((estimate, i) => ({ estimate, stdErr: stdErrs[i]! }));

// Reference: statsmodels 0.15.0, statsmodels.stats.meta_analysis.combine_effects(effect, se**2, method_re="dl"):
// mean_effect_fe, q, tau2, mean_effect_re, sd_eff_w_re, i2. Shrunk estimates and standard deviations from numpy with
// that fit's mean_effect_re and tau2: mu + (1 - B)(x - mu), sqrt((1 - B) s^2), B = s^2 / (s^2 + tau2).
const CASES = {
  seven: {
    x: [0.012, -0.004, 0.02, 0.003, 0.008, -0.01, 0.015],
    s: [0.005, 0.006, 0.009, 0.004, 0.007, 0.008, 0.01],
    fixedMean: 0.005090294604960581,
    q: 11.93553810791748,
    tau2: 3.942824517668262e-5,
    mean: 0.005461389309413215,
    meanStdErr: 0.003465354017136164,
    i2: 0.4972995816569108,
    shrunk: [
      0.00946283222806401, 0.0005156826112159068, 0.010221335001520539, 0.003710508312595446, 0.006593301002522292,
      -0.00043270129825687034, 0.008158767308231186,
    ],
    stdDev: [
      0.003911430133503645, 0.004337984267051379, 0.005149701482701108, 0.0033736354447452084, 0.004674188912449732,
      0.0049393992686224105, 0.005317755231483551,
    ],
  },
  five: {
    x: [0.03, -0.02, 0.01, 0.05, -0.01],
    s: [0.01, 0.012, 0.008, 0.02, 0.009],
    fixedMean: 0.006725793327908869,
    q: 18.679961124672275,
    tau2: 0.0004101270730512182,
    mean: 0.009313147746845666,
    meanStdErr: 0.010457263692934335,
    i2: 0.7858667920503942,
    shrunk: [
      0.025944764874089064, -0.012382445325576759, 0.00990728531083664, 0.029910878869946363, -0.006814744995066978,
    ],
    stdDev: [
      0.008966439716617878, 0.010323709629346325, 0.007440494996865954, 0.01423025367465222, 0.008224410734503656,
    ],
  },
  two: {
    x: [0.02, -0.01],
    s: [0.005, 0.004],
    fixedMean: 0.0017073170731707324,
    q: 21.951219512195124,
    tau2: 0.00042950000000000003,
    mean: 0.004850000000000001,
    meanStdErr: 0.014999249981249064,
    i2: 0.9544444444444444,
    shrunk: [0.01916666666666667, -0.009466666666666668],
    stdDev: [0.004860541377896975, 0.00392751381394109],
  },
};

describe('randomEffectsDerSimonianLaird', () => {
  it.each(Object.entries(CASES))('matches statsmodels combine_effects(method_re="dl") for the %s case', (_, c) => {
    const fit = randomEffectsDerSimonianLaird({ estimates: est(c.x, c.s) });
    expect(fit.k).toBe(c.x.length);
    expectRelativelyClose(fit.fixedMean, c.fixedMean, TOLERANCE);
    expectRelativelyClose(fit.q, c.q, TOLERANCE);
    expectRelativelyClose(fit.tau2, c.tau2, TOLERANCE);
    expectRelativelyClose(fit.tau, Math.sqrt(c.tau2), TOLERANCE);
    expectRelativelyClose(fit.mean, c.mean, TOLERANCE);
    expectRelativelyClose(fit.meanStdErr, c.meanStdErr, TOLERANCE);
    expectRelativelyClose(fit.i2, c.i2, TOLERANCE);
  });

  it('truncates tau^2 at 0 when Q < k - 1, so the random-effects mean is the fixed-effect mean', () => {
    // statsmodels 0.15.0 reports the untruncated moment estimate here (tau2 = -2.306e-5, i2 = -50.6); with the
    // truncation of DerSimonian and Laird the weights are 1/s^2: mean_effect_fe and sd_eff_w_fe of that run.
    const fit = randomEffectsDerSimonianLaird({
      estimates: est([0.01, 0.011, 0.009, 0.0105, 0.0098], [0.004, 0.005, 0.006, 0.0045, 0.0052]),
    });
    expectRelativelyClose(fit.q, 0.07758109806625058, TOLERANCE);
    expect(fit.tau2).toBe(0);
    expect(fit.i2).toBe(0);
    expect(fit.mean).toBe(fit.fixedMean);
    expectRelativelyClose(fit.mean, 0.010136247954687424, TOLERANCE);
    expectRelativelyClose(fit.meanStdErr, 0.0021484632419764022, TOLERANCE);
  });

  it('gives I^2 = 0 and tau^2 = 0 for identical estimates (Q = 0)', () => {
    const fit = randomEffectsDerSimonianLaird({ estimates: est([0.01, 0.01, 0.01], [0.002, 0.003, 0.004]) });
    expect(fit).toMatchObject({ q: 0, tau2: 0, tau: 0, i2: 0 });
    expectRelativelyClose(fit.mean, 0.01, 1e-15);
  });

  it.each([
    ['one estimate', est([0.01], [0.002])],
    ['a zero standard error', est([0.01, 0.02], [0.002, 0])],
    ['a negative standard error', est([0.01, 0.02], [0.002, -0.001])],
    ['a non-finite estimate', est([0.01, Number.NaN], [0.002, 0.003])],
    ['an infinite standard error', est([0.01, 0.02], [0.002, Number.POSITIVE_INFINITY])],
  ])('throws RangeError for %s', (_, estimates) => {
    expect(() => randomEffectsDerSimonianLaird({ estimates })).toThrow(RangeError);
  });
});

/** The two passes summed the way a database may: in another order (here reversed), as plain sums. */
function sumsInReverse(estimates: ReadonlyArray<{ estimate: number; stdErr: number }>) {
  const arms = [...estimates].reverse();
  let sumW = 0;
  let sumW2 = 0;
  let sumWX = 0;
  for (const a of arms) {
    const w = 1 / (a.stdErr * a.stdErr);
    sumW += w;
    sumW2 += w * w;
    sumWX += a.estimate / (a.stdErr * a.stdErr);
  }
  const fixedMean = sumWX / sumW;
  let q = 0;
  for (const a of arms) q += ((a.estimate - fixedMean) * (a.estimate - fixedMean)) / (a.stdErr * a.stdErr);
  const fixed = { k: arms.length, sumW, sumW2, sumWX, q };
  const tau2 = dersimonianLairdTau2(fixed);
  let sumWStar = 0;
  let sumWStarX = 0;
  for (const a of arms) {
    sumWStar += 1 / (a.stdErr * a.stdErr + tau2);
    sumWStarX += a.estimate / (a.stdErr * a.stdErr + tau2);
  }
  return { fixed, random: { sumWStar, sumWStarX } };
}

describe('randomEffectsFromSums', () => {
  it.each(Object.entries(CASES))('matches statsmodels from the sums of the %s case', (_, c) => {
    const fit = randomEffectsFromSums(sumsInReverse(est(c.x, c.s)));
    for (const f of ['fixedMean', 'q', 'tau2', 'mean', 'meanStdErr', 'i2'] as const)
      expectRelativelyClose(fit[f], c[f], TOLERANCE);
  });

  it('equals the per-estimate fit to 1e-12 on 200 random sets summed in another order', () => {
    const uniform = mulberry32(20261204);
    let worst = 0;
    for (let set = 0; set < 200; set++) {
      const k = 2 + Math.floor(uniform() * 400);
      const centre = (uniform() - 0.5) * 0.1;
      const estimates = Array.from({ length: k }, () => ({
        estimate: centre + (uniform() - 0.5) * 0.05,
        stdErr: 0.001 + uniform() * 0.03,
      }));
      const perArm = randomEffectsDerSimonianLaird({ estimates });
      const fromSums = randomEffectsFromSums(sumsInReverse(estimates));
      expect(fromSums.k).toBe(perArm.k);
      for (const f of ['fixedMean', 'q', 'tau2', 'tau', 'mean', 'meanStdErr', 'i2'] as const) {
        const scale = Math.max(Math.abs(perArm[f]), 1e-300);
        worst = Math.max(worst, perArm[f] === 0 && fromSums[f] === 0 ? 0 : Math.abs(fromSums[f] - perArm[f]) / scale);
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-12);
  });

  it('refuses fewer than 2 estimates', () => {
    expect(() => dersimonianLairdTau2({ k: 1, sumW: 1, sumW2: 1, sumWX: 0, q: 0 })).toThrow(RangeError);
  });
});

describe('shrinkEstimate', () => {
  it.each(Object.entries(CASES))('matches numpy over the statsmodels fit for each arm of the %s case', (_, c) => {
    c.x.forEach((x, i) => {
      const shrunk = shrinkEstimate({ estimate: x, stdErr: c.s[i]!, mean: c.mean, tau2: c.tau2 });
      expectRelativelyClose(shrunk.estimate, c.shrunk[i]!, TOLERANCE);
      expectRelativelyClose(shrunk.stdDev, c.stdDev[i]!, TOLERANCE);
      // z_0.975 = 1.959963984540054 (scipy.stats.norm.ppf(0.975)).
      expectRelativelyClose(shrunk.upper - shrunk.estimate, 1.959963984540054 * c.stdDev[i]!, TOLERANCE);
      expectRelativelyClose(shrunk.estimate - shrunk.lower, 1.959963984540054 * c.stdDev[i]!, TOLERANCE);
    });
  });

  it('pulls every estimate to the mean with no spread when tau^2 = 0', () => {
    expect(shrinkEstimate({ estimate: 0.05, stdErr: 0.01, mean: 0.002, tau2: 0 })).toEqual({
      estimate: 0.002,
      stdDev: 0,
      factor: 1,
      lower: 0.002,
      upper: 0.002,
    });
  });

  it('halves the distance to the mean when s^2 = tau^2', () => {
    const shrunk = shrinkEstimate({ estimate: 0.02, stdErr: 0.01, mean: 0.002, tau2: 1e-4 });
    expect(shrunk.factor).toBe(0.5);
    expectRelativelyClose(shrunk.estimate, 0.011, 1e-15);
    expectRelativelyClose(shrunk.stdDev, Math.sqrt(0.5e-4), 1e-15);
  });

  it.each([
    [{ estimate: 0.01, stdErr: 0, mean: 0, tau2: 1e-4 }],
    [{ estimate: 0.01, stdErr: 0.01, mean: 0, tau2: -1e-4 }],
    [{ estimate: Number.NaN, stdErr: 0.01, mean: 0, tau2: 1e-4 }],
    [{ estimate: 0.01, stdErr: 0.01, mean: 0, tau2: 1e-4, level: 1 }],
  ])('throws RangeError for %p', (input) => {
    expect(() => shrinkEstimate(input)).toThrow(RangeError);
  });
});

describe('histogram', () => {
  it('counts each value in the bin [lower, upper) with open outer bins', () => {
    expect(histogram({ values: [-0.02, -0.01, 0, 0.004, 0.01, 0.5], edges: [-0.01, 0, 0.01] })).toEqual([
      { lower: Number.NEGATIVE_INFINITY, upper: -0.01, count: 1 },
      { lower: -0.01, upper: 0, count: 1 },
      { lower: 0, upper: 0.01, count: 2 },
      { lower: 0.01, upper: Number.POSITIVE_INFINITY, count: 2 },
    ]);
  });

  it('returns edges.length + 1 empty bins for no values', () => {
    expect(histogram({ values: [], edges: [0] }).map((b) => b.count)).toEqual([0, 0]);
  });

  it.each([
    [[], [0.1]],
    [[0, 0], [0.1]],
    [[0.1, 0], [0.1]],
    [[0], [Number.NaN]],
    [[Number.POSITIVE_INFINITY], [0]],
  ])('throws RangeError for edges %p and values %p', (edges, values) => {
    expect(() => histogram({ values, edges })).toThrow(RangeError);
  });
});

describe('histogramFromCounts', () => {
  it('equals histogram over the values it counted', () => {
    const values = [-0.3, -0.02, -0.01, 0, 0, 0.004, 0.01, 0.5];
    const edges = [-0.01, 0, 0.01];
    const counts = new Map<number, number>();
    for (const value of values) {
      const index = edges.filter((e) => e <= value).length;
      counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    expect(histogramFromCounts({ edges, counts })).toEqual(histogram({ values, edges }));
  });

  it('refuses a bin index outside 0..edges.length', () => {
    expect(() => histogramFromCounts({ edges: [0], counts: new Map([[2, 1]]) })).toThrow(RangeError);
  });
});
