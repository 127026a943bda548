/**
 * Random-effects meta-analysis of effect estimates by the DerSimonian-Laird method of moments, the
 * empirical Bayes (plug-in) shrinkage of each estimate toward the pooled mean (docs/meta-analysis.md).
 * The estimator works from sums (k, Σw, Σw², Σwx, Q, then Σw*, Σw*x), so that a database can
 * aggregate the estimates and hand over only the sums.
 *
 * DerSimonian R, Laird N. Meta-analysis in clinical trials. Controlled Clinical Trials 7(3):177-188
 * (1986). Higgins JPT, Thompson SG. Quantifying heterogeneity in a meta-analysis. Statistics in
 * Medicine 21(11):1539-1558 (2002), for I².
 */
import { normalQuantile } from './distributions';
import { rejectValue, requireCount, requireFinite, requireNonNegative, requireOpenUnit } from './validation';

/** One estimate and its standard error. */
export interface EffectEstimate {
  readonly estimate: number;
  readonly stdErr: number;
}

/** Result of {@link randomEffectsDerSimonianLaird}. */
export interface RandomEffectsFit {
  /** Number of estimates pooled. */
  readonly k: number;
  /** Inverse-variance (fixed-effect) mean, μ_FE = Σ w x / Σ w with w = 1/s². */
  readonly fixedMean: number;
  /** Cochran's Q = Σ w (x − μ_FE)². */
  readonly q: number;
  /** Between-estimate variance τ² = max(0, (Q − (k − 1)) / (Σ w − Σ w² / Σ w)). */
  readonly tau2: number;
  /** τ = √τ². */
  readonly tau: number;
  /** Random-effects mean μ = Σ w* x / Σ w* with w* = 1/(s² + τ²). */
  readonly mean: number;
  /** Standard error of μ, 1/√(Σ w*). */
  readonly meanStdErr: number;
  /** I² = max(0, (Q − (k − 1)) / Q); 0 when Q = 0. */
  readonly i2: number;
}

/**
 * The first pass of the estimator over k estimates: k, Σw, Σw², Σwx with w = 1/s², and Cochran's Q
 * taken around μ_FE = Σwx / Σw (Q = Σ w (x − μ_FE)², summed after μ_FE is known, which keeps its
 * digits when the estimates sit far from 0 in units of their standard errors).
 */
export interface FixedEffectSums {
  readonly k: number;
  readonly sumW: number;
  readonly sumW2: number;
  readonly sumWX: number;
  readonly q: number;
}

/** The second pass: Σw* and Σw*x with w* = 1/(s² + τ²), τ² from {@link dersimonianLairdTau2}. */
export interface RandomEffectSums {
  readonly sumWStar: number;
  readonly sumWStarX: number;
}

/**
 * τ² = max(0, (Q − (k − 1)) / (Σw − Σw²/Σw)), DerSimonian and Laird's moment estimate truncated at 0.
 * src/db/sql/meta-analysis.sql.ts writes the same operations in SQL, in the same order, so both
 * give the same double.
 *
 * @param sums - k ≥ 2 and the sums of k estimates with finite standard errors > 0.
 * @example dersimonianLairdTau2({ k: 2, sumW: 102500, sumW2: 5.50625e9, sumWX: 175, q: 21.951219512195124 }) // 0.0004295
 */
export function dersimonianLairdTau2({ k, sumW, sumW2, q }: FixedEffectSums): number {
  requireCount({ name: 'k', value: k, min: 2 });
  // Σw − Σw²/Σw > 0 for k ≥ 2: it is Σw times one minus the largest weight share, and no share is 1.
  return Math.max(0, (q - (k - 1)) / (sumW - sumW2 / sumW));
}

/**
 * The random-effects fit from the two passes' sums: the random sums must have been taken with
 * τ² = dersimonianLairdTau2(fixed).
 *
 * @throws {RangeError} if fixed.k < 2.
 * @example randomEffectsFromSums({ fixed, random }).mean
 */
export function randomEffectsFromSums({
  fixed,
  random,
}: {
  fixed: FixedEffectSums;
  random: RandomEffectSums;
}): RandomEffectsFit {
  const tau2 = dersimonianLairdTau2(fixed);
  const { k, q } = fixed;
  return {
    k,
    fixedMean: fixed.sumWX / fixed.sumW,
    q,
    tau2,
    tau: Math.sqrt(tau2),
    mean: random.sumWStarX / random.sumWStar,
    meanStdErr: 1 / Math.sqrt(random.sumWStar),
    i2: q > 0 ? Math.max(0, (q - (k - 1)) / q) : 0,
  };
}

/**
 * Fits the random-effects model x_i ~ N(μ, s_i² + τ²) by DerSimonian and Laird's method of moments:
 * the two passes over the estimates, then {@link randomEffectsFromSums}.
 *
 * @param estimates - at least 2, each with a finite estimate and a finite standard error > 0.
 * @throws {RangeError} if fewer than 2 estimates are given or one is outside its domain.
 * @example
 * ```ts
 * randomEffectsDerSimonianLaird({ estimates: [
 *   { estimate: 0.012, stdErr: 0.005 }, { estimate: -0.004, stdErr: 0.006 }, { estimate: 0.02, stdErr: 0.009 },
 * ] });
 * // { k: 3, mean: 0.00829..., tau2: 6.29...e-5, ... }
 * ```
 */
export function randomEffectsDerSimonianLaird({
  estimates,
}: {
  estimates: readonly EffectEstimate[];
}): RandomEffectsFit {
  const k = requireCount({ name: 'estimates.length', value: estimates.length, min: 2 });
  let sumW = 0;
  let sumW2 = 0;
  let sumWX = 0;
  estimates.forEach(({ estimate, stdErr }, i) => {
    requireFinite({ name: `estimates[${i}].estimate`, value: estimate });
    requireFinite({ name: `estimates[${i}].stdErr`, value: stdErr });
    if (!(stdErr > 0)) rejectValue({ name: `estimates[${i}].stdErr`, value: stdErr, allowed: 'a number > 0' });
    const w = 1 / (stdErr * stdErr);
    sumW += w;
    sumW2 += w * w;
    sumWX += w * estimate;
  });
  const fixedMean = sumWX / sumW;
  let q = 0;
  for (const { estimate, stdErr } of estimates)
    q += ((estimate - fixedMean) * (estimate - fixedMean)) / (stdErr * stdErr);
  const fixed = { k, sumW, sumW2, sumWX, q };
  const tau2 = dersimonianLairdTau2(fixed);
  let sumWStar = 0;
  let sumWStarX = 0;
  for (const { estimate, stdErr } of estimates) {
    const w = 1 / (stdErr * stdErr + tau2);
    sumWStar += w;
    sumWStarX += w * estimate;
  }
  return randomEffectsFromSums({ fixed, random: { sumWStar, sumWStarX } });
}

/** Result of {@link shrinkEstimate}. */
export interface ShrunkEstimate {
  /** x̃ = μ + (1 − B)(x − μ). */
  readonly estimate: number;
  /** √((1 − B) s²), the posterior standard deviation under the plug-in prior N(μ, τ²). */
  readonly stdDev: number;
  /** The shrinkage factor B = s² / (s² + τ²), in [0, 1]; 1 when τ² = 0 (every estimate becomes μ). */
  readonly factor: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * The empirical Bayes (plug-in) estimate of one true effect under the prior N(μ, τ²) fitted by
 * {@link randomEffectsDerSimonianLaird}: the observed estimate pulled toward μ by B = s²/(s² + τ²),
 * with its posterior standard deviation and a two-sided interval at `level`. The plug-in ignores
 * the uncertainty of μ and τ², so the interval is slightly narrow for small k.
 *
 * @param estimate - finite; @param stdErr - finite and > 0; @param mean - finite; @param tau2 - finite and ≥ 0;
 * @param level - coverage in (0, 1), default 0.95.
 * @throws {RangeError} if a parameter is outside its domain.
 * @example
 * ```ts
 * shrinkEstimate({ estimate: 0.02, stdErr: 0.01, mean: 0.002, tau2: 1e-4 });
 * // { estimate: 0.011, stdDev: 0.00707..., factor: 0.5, ... }
 * ```
 */
export function shrinkEstimate({
  estimate,
  stdErr,
  mean,
  tau2,
  level = 0.95,
}: {
  estimate: number;
  stdErr: number;
  mean: number;
  tau2: number;
  level?: number;
}): ShrunkEstimate {
  requireFinite({ name: 'estimate', value: estimate });
  requireFinite({ name: 'stdErr', value: stdErr });
  if (!(stdErr > 0)) rejectValue({ name: 'stdErr', value: stdErr, allowed: 'a number > 0' });
  requireFinite({ name: 'mean', value: mean });
  requireFinite({ name: 'tau2', value: tau2 });
  requireNonNegative({ name: 'tau2', value: tau2 });
  requireOpenUnit({ name: 'level', value: level });
  const s2 = stdErr * stdErr;
  const factor = s2 / (s2 + tau2);
  const shrunk = mean + (1 - factor) * (estimate - mean);
  const stdDev = Math.sqrt((1 - factor) * s2);
  const half = normalQuantile({ p: 0.5 + level / 2 }) * stdDev;
  return { estimate: shrunk, stdDev, factor, lower: shrunk - half, upper: shrunk + half };
}
