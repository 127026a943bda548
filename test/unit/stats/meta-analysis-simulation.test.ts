import { normalQuantile } from '../../../src/stats/distributions';
import { type EffectEstimate, randomEffectsDerSimonianLaird, shrinkEstimate } from '../../../src/stats/meta-analysis';
import { mulberry32 } from '../domain/fixtures/random';

/**
 * The seeded simulation of issue #12: 400 arms whose true relative effects are drawn from
 * N(0.002, 0.01²), each observed with a standard error drawn uniformly from [0.002, 0.02]. The
 * figures in the test names are this seed's; the assertions hold them to the statements they make.
 */
const TRUE_MEAN = 0.002;
const TRUE_TAU = 0.01;
const ARMS = 400;
const Z_975 = 1.959963984540054;

interface Arm extends EffectEstimate {
  readonly truth: number;
}

function simulate(seed: number): Arm[] {
  const uniform = mulberry32(seed);
  // Inversion of the normal CDF; 1 - u keeps the argument inside (0, 1].
  const normal = () => normalQuantile({ p: Math.min(1 - uniform(), 1 - 1e-16) });
  return Array.from({ length: ARMS }, () => {
    const truth = TRUE_MEAN + TRUE_TAU * normal();
    const stdErr = 0.002 + 0.018 * uniform();
    return { truth, stdErr, estimate: truth + stdErr * normal() };
  });
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};

const arms = simulate(20261203);
const fit = randomEffectsDerSimonianLaird({ estimates: arms });
const shrunk = arms.map((a) =>
  shrinkEstimate({ estimate: a.estimate, stdErr: a.stdErr, mean: fit.mean, tau2: fit.tau2 }),
);

describe('DerSimonian-Laird and shrinkage on 400 simulated arms (seed 20261203)', () => {
  it('shrunk estimates have a mean squared error 0.34x the raw one', () => {
    const rawMse = mean(arms.map((a) => (a.estimate - a.truth) ** 2));
    const shrunkMse = mean(arms.map((a, i) => (shrunk[i]!.estimate - a.truth) ** 2));
    const ratio = shrunkMse / rawMse;
    expect(ratio).toBeCloseTo(0.34, 2);
    expect(ratio).toBeLessThan(0.5);
  });

  it('among significant wins the raw effects overstate the truth by 0.0071 (4.1 standard errors), the shrunk ones are unbiased', () => {
    const wins = arms.map((a, i) => ({ a, s: shrunk[i]! })).filter(({ a }) => a.estimate / a.stdErr > Z_975);
    expect(wins.length).toBeGreaterThan(30);
    const rawErrors = wins.map(({ a }) => a.estimate - a.truth);
    const shrunkErrors = wins.map(({ a, s }) => s.estimate - a.truth);
    const rawBias = mean(rawErrors);
    // Winner's curse: the raw bias is well beyond its sampling error.
    expect(rawBias).toBeCloseTo(0.0071, 3);
    expect(rawBias / (sd(rawErrors) / Math.sqrt(wins.length))).toBeGreaterThan(3);
    // The shrunk estimates' bias is inside two standard errors of zero.
    expect(Math.abs(mean(shrunkErrors))).toBeLessThan(2 * (sd(shrunkErrors) / Math.sqrt(wins.length)));
  });

  it('estimates mu within 2 standard errors and tau within 2 sampling standard deviations of the truth', () => {
    expect(Math.abs(fit.mean - TRUE_MEAN)).toBeLessThan(2 * fit.meanStdErr);
    // The sampling standard deviation of tau-hat for this design, from 100 further seeded replications.
    const taus = Array.from(
      { length: 100 },
      (_, r) => randomEffectsDerSimonianLaird({ estimates: simulate(r + 1) }).tau,
    );
    expect(Math.abs(mean(taus) - TRUE_TAU)).toBeLessThan(3 * (sd(taus) / Math.sqrt(taus.length)) + 1e-4);
    expect(Math.abs(fit.tau - TRUE_TAU)).toBeLessThan(2 * sd(taus));
  });
});
