/**
 * Pearson chi-square goodness-of-fit test of observed counts against planned shares, the
 * sample-ratio test of docs/ewl-rules.md §3.9.
 */
import { chiSquareSf } from './distributions';
import { rejectValue, requireCount, requirePositive } from './validation';

/** Result of {@link sampleRatioTest}. `expected` is per group, in input order. */
export interface SampleRatioTestResult {
  chiSquare: number;
  df: number;
  pValue: number;
  expected: number[];
  /** Largest |observed share − planned share| over the groups, in share units (0.01 = 1 point). */
  maxShareDeviation: number;
}

function checkArrays(observed: number[], weights: number[]): void {
  if (observed.length < 2) rejectValue({ name: 'observed', value: observed, allowed: 'an array of at least 2 counts' });
  if (weights.length !== observed.length) {
    rejectValue({
      name: 'weights.length',
      value: weights.length,
      allowed: `equal to observed.length (${observed.length})`,
    });
  }
  observed.forEach((value, i) => requireCount({ name: `observed[${i}]`, value, min: 0 }));
  weights.forEach((value, i) => requirePositive({ name: `weights[${i}]`, value }));
}

/**
 * Pearson's X² = Σ (Oᵢ − Eᵢ)²/Eᵢ with Eᵢ = N·wᵢ/Σw and N = ΣOᵢ, referred to χ² with k − 1
 * degrees of freedom (docs/ewl-rules.md §3.9). Weights are normalised here, so they may be given as
 * percentages or ratios. Thresholds (fail below 0.001 and so on) belong to the caller.
 *
 * @param observed - k ≥ 2 counts, integers ≥ 0, not all 0.
 * @param weights - k planned weights, finite and > 0.
 * @throws {RangeError} if the arrays differ in length, have fewer than 2 entries, hold an
 *   invalid value, or the counts sum to 0.
 * @example
 * ```ts
 * sampleRatioTest({ observed: [5000, 5200], weights: [1, 1] });
 * // { chiSquare: 3.9216, df: 1, pValue: 0.047670, expected: [5100, 5100], maxShareDeviation: 0.0098039 }
 * ```
 */
export function sampleRatioTest({
  observed,
  weights,
}: {
  observed: number[];
  weights: number[];
}): SampleRatioTestResult {
  checkArrays(observed, weights);
  const total = observed.reduce((sum, count) => sum + count, 0);
  if (total === 0) rejectValue({ name: 'sum of observed', value: total, allowed: '> 0' });
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const shares = weights.map((weight) => weight / weightSum);
  const expected = shares.map((share) => total * share);
  const chiSquare = observed.reduce((sum, count, i) => sum + (count - expected[i]) ** 2 / expected[i], 0);
  const df = observed.length - 1;
  const maxShareDeviation = Math.max(...observed.map((count, i) => Math.abs(count / total - shares[i])));
  return { chiSquare, df, pValue: chiSquareSf({ x: chiSquare, df }), expected, maxShareDeviation };
}
