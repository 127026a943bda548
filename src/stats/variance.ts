/**
 * Means and variances from sufficient statistics (docs/ewl-rules.md §3.1): counts, sums and sums of squares
 * and cross-products, as stored per group.
 */
import { rejectValue, requireCount, requireFinite, requireNonNegative } from './validation';

/**
 * A negative variance numerator larger than this fraction of the terms that cancel in it is
 * rejected as inconsistent input; a smaller one is rounding error and is clamped to 0. 1e-9 is
 * about the worst-case relative error of summing 10⁷ doubles (10⁷ × 1.1e-16).
 */
export const VARIANCE_ROUNDING_TOLERANCE = 1e-9;

/** Result of {@link ratioMeanVariance}. */
export interface RatioEstimate {
  /** ΣY/ΣX. */
  ratio: number;
  /** Delta-method variance of the ratio estimate itself (already divided by n). */
  varianceOfRatio: number;
}

/** Clamps a numerator that is negative only by rounding; rejects one that is negative beyond it. */
function clampRounding({ name, numerator, scale }: { name: string; numerator: number; scale: number }): number {
  if (numerator >= 0) return numerator;
  if (-numerator <= VARIANCE_ROUNDING_TOLERANCE * scale) return 0;
  return rejectValue({ name, value: numerator, allowed: '≥ 0 (the sums are inconsistent)' });
}

/**
 * Population variance p(1 − p) of a 0/1 variable with `sum` ones among `n` (docs/ewl-rules.md §3.1).
 *
 * @param n - number of observations, an integer ≥ 1.
 * @param sum - number of ones, an integer in [0, n].
 * @throws {RangeError} if `n` or `sum` is outside its domain.
 * @example
 * ```ts
 * binaryVariance({ n: 10000, sum: 1000 }); // 0.09
 * ```
 */
export function binaryVariance({ n, sum }: { n: number; sum: number }): number {
  requireCount({ name: 'n', value: n, min: 1 });
  requireCount({ name: 'sum', value: sum, min: 0 });
  if (sum > n) rejectValue({ name: 'sum', value: sum, allowed: `≤ n (${n})` });
  const mean = sum / n;
  return mean * (1 - mean);
}

/**
 * Sample variance (sumSq − sum²/n)/(n − 1) with Bessel's correction (docs/ewl-rules.md §3.1).
 *
 * @param n - number of observations, an integer ≥ 2 (one value has no sample variance).
 * @param sum - Σy, finite.
 * @param sumSq - Σy², finite and ≥ 0.
 * @throws {RangeError} if a parameter is outside its domain or the numerator is negative beyond
 *   {@link VARIANCE_ROUNDING_TOLERANCE} (tiny negatives from rounding are clamped to 0).
 * @example
 * ```ts
 * sampleVariance({ n: 5000, sum: 50000, sumSq: 579984 }); // 16
 * ```
 */
export function sampleVariance({ n, sum, sumSq }: { n: number; sum: number; sumSq: number }): number {
  requireCount({ name: 'n', value: n, min: 2 });
  requireFinite({ name: 'sum', value: sum });
  requireNonNegative({ name: 'sumSq', value: sumSq });
  const numerator = clampRounding({ name: 'sumSq − sum²/n', numerator: sumSq - (sum * sum) / n, scale: sumSq });
  return numerator / (n - 1);
}

/**
 * Ratio ΣY/ΣX of two per-unit quantities and the delta-method variance of that ratio
 * (docs/ewl-rules.md §3.1): with R = ΣY/ΣX, μX = ΣX/n and sample (co)variances sY², sX², sXY,
 * Var(R̂) ≈ (sY² − 2R·sXY + R²·sX²)/(n·μX²).
 *
 * @param n - number of units, an integer ≥ 2.
 * @param sumY - ΣY, finite.
 * @param sumX - ΣX, finite and ≠ 0.
 * @param sumY2 - ΣY², finite and ≥ 0.
 * @param sumX2 - ΣX², finite and ≥ 0.
 * @param sumXY - ΣXY, finite.
 * @throws {RangeError} if a parameter is outside its domain, `sumX` is 0, or a variance comes
 *   out negative beyond {@link VARIANCE_ROUNDING_TOLERANCE}.
 * @example
 * ```ts
 * ratioMeanVariance({ n: 4, sumY: 10, sumX: 8, sumY2: 26, sumX2: 18, sumXY: 21 });
 * // { ratio: 1.25, varianceOfRatio: 0.033854 } (Y = [2, 2, 3, 3], X = [1, 2, 2, 3])
 * ```
 */
export function ratioMeanVariance(input: {
  n: number;
  sumY: number;
  sumX: number;
  sumY2: number;
  sumX2: number;
  sumXY: number;
}): RatioEstimate {
  const { n, sumY, sumX, sumY2, sumX2 } = input;
  const varY = sampleVariance({ n, sum: sumY, sumSq: sumY2 });
  const varX = sampleVariance({ n, sum: sumX, sumSq: sumX2 });
  const sumXY = requireFinite({ name: 'sumXY', value: input.sumXY });
  if (sumX === 0) rejectValue({ name: 'sumX', value: sumX, allowed: '≠ 0 (the ratio is undefined)' });
  const ratio = sumY / sumX;
  const covXY = (sumXY - (sumX * sumY) / n) / (n - 1);
  const numerator = clampRounding({
    name: 'sY² − 2R·sXY + R²·sX²',
    numerator: varY - 2 * ratio * covXY + ratio * ratio * varX,
    scale: (sumY2 + 2 * Math.abs(ratio * sumXY) + ratio * ratio * sumX2) / (n - 1),
  });
  const meanX = sumX / n;
  return { ratio, varianceOfRatio: numerator / (n * meanX * meanX) };
}
