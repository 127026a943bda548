/**
 * Two-sample tests on summary statistics (docs/ewl-rules.md §3.2–3.3): the unpooled z test, Welch's t test
 * and the delta-method relative effect, plus the Bonferroni split of α (docs/ewl-rules.md §3.6).
 */
import { normalCdf, normalSf, studentTCdf, studentTSf } from './distributions';
import { rejectValue, requireCount, requireFinite, requireNonNegative, requireOpenUnit } from './validation';

/** Means, per-unit variances and sizes of two independent samples, C (reference) and T. */
export interface TwoSampleSummary {
  meanC: number;
  varC: number;
  nC: number;
  meanT: number;
  varT: number;
  nT: number;
}

/** A two-sample summary plus the difference T − C under the null hypothesis (default 0). */
export interface DifferenceTestInput extends TwoSampleSummary {
  nullDiff?: number;
}

/** p-values of one statistic: pUpper tests H1 diff > nullDiff, pLower tests H1 diff < nullDiff. */
export interface PValues {
  pUpper: number;
  pLower: number;
  pTwoSided: number;
}

/** Result of {@link differenceTest}. */
export interface DifferenceTestResult extends PValues {
  diff: number;
  stdErr: number;
  z: number;
}

/** Result of {@link welchTTest}; `df` is the Welch–Satterthwaite degrees of freedom. */
export interface WelchTestResult extends PValues {
  diff: number;
  stdErr: number;
  t: number;
  df: number;
}

/** Result of {@link relativeEffect}: (meanT − meanC)/meanC and its delta-method standard error. */
export interface RelativeEffect {
  rel: number;
  stdErrRel: number;
}

function checkSummary(input: TwoSampleSummary, minN: number): void {
  requireFinite({ name: 'meanC', value: input.meanC });
  requireFinite({ name: 'meanT', value: input.meanT });
  requireNonNegative({ name: 'varC', value: input.varC });
  requireNonNegative({ name: 'varT', value: input.varT });
  requireCount({ name: 'nC', value: input.nC, min: minN });
  requireCount({ name: 'nT', value: input.nT, min: minN });
}

/** √(varT/nT + varC/nC), rejecting 0 because the test statistic would be undefined. */
function unpooledStdErr({ varC, nC, varT, nT }: TwoSampleSummary): number {
  const stdErr = Math.sqrt(varT / nT + varC / nC);
  return stdErr > 0 ? stdErr : rejectValue({ name: 'varC + varT', value: 0, allowed: '> 0 (the standard error is 0)' });
}

/**
 * Unpooled two-sample z test of diff = meanT − meanC against `nullDiff` (docs/ewl-rules.md §3.2):
 * SE = √(varT/nT + varC/nC), z = (diff − nullDiff)/SE. Works for binary data too (pass
 * p(1 − p) as the variance); unlike the pooled form it is valid for nullDiff ≠ 0.
 *
 * @param input - means (finite), variances (≥ 0, not both 0), sizes (integers ≥ 1),
 *   `nullDiff` (finite, default 0).
 * @throws {RangeError} on an invalid input, or when both variances are 0.
 * @example
 * ```ts
 * differenceTest({ meanC: 0.1, varC: 0.09, nC: 10000, meanT: 0.11, varT: 0.0979, nT: 10000 });
 * // { diff: 0.01, stdErr: 0.0043347, z: 2.3069, pUpper: 0.010529, pLower: 0.98947, pTwoSided: 0.021058 }
 * ```
 */
export function differenceTest(input: DifferenceTestInput): DifferenceTestResult {
  checkSummary(input, 1);
  const nullDiff = requireFinite({ name: 'nullDiff', value: input.nullDiff ?? 0 });
  const diff = input.meanT - input.meanC;
  const stdErr = unpooledStdErr(input);
  const z = (diff - nullDiff) / stdErr;
  const pUpper = normalSf({ z });
  const pLower = normalCdf({ z });
  return { diff, stdErr, z, pUpper, pLower, pTwoSided: 2 * Math.min(pUpper, pLower) };
}

/**
 * Welch's t test: the statistic of {@link differenceTest} referred to Student's t with the
 * Welch–Satterthwaite degrees of freedom
 * ν = (vT/nT + vC/nC)² / [(vT/nT)²/(nT − 1) + (vC/nC)²/(nC − 1)] (docs/ewl-rules.md §3.2).
 *
 * @param input - as {@link differenceTest}, but each size must be an integer ≥ 2.
 * @throws {RangeError} on an invalid input, or when both variances are 0.
 * @example
 * ```ts
 * welchTTest({ meanC: 10, varC: 16, nC: 5000, meanT: 10.2, varT: 16.81, nT: 5000 });
 * // { diff: 0.2, stdErr: 0.081006, t: 2.4689, df: 9991.9, pUpper: 0.0067839, pLower: 0.99322, pTwoSided: 0.013568 }
 * ```
 */
export function welchTTest(input: DifferenceTestInput): WelchTestResult {
  checkSummary(input, 2);
  const nullDiff = requireFinite({ name: 'nullDiff', value: input.nullDiff ?? 0 });
  const diff = input.meanT - input.meanC;
  const stdErr = unpooledStdErr(input);
  const shareT = input.varT / input.nT;
  const shareC = input.varC / input.nC;
  const df = (shareT + shareC) ** 2 / (shareT ** 2 / (input.nT - 1) + shareC ** 2 / (input.nC - 1));
  const t = (diff - nullDiff) / stdErr;
  const pUpper = studentTSf({ t, df });
  const pLower = studentTCdf({ t, df });
  return { diff, stdErr, t, df, pUpper, pLower, pTwoSided: 2 * Math.min(pUpper, pLower) };
}

/**
 * Relative effect r = (meanT − meanC)/meanC with the delta-method standard error
 * SE_r = √(varT/(nT·meanC²) + meanT²·varC/(nC·meanC⁴)) (docs/ewl-rules.md §3.3), which, unlike dividing the
 * absolute interval by meanC, includes the noise of meanC itself.
 *
 * @param input - as {@link differenceTest}; `meanC` must not be 0.
 * @throws {RangeError} on an invalid input, or when `meanC` is 0 (r is undefined; the caller
 *   decides whether to report the absolute effect only).
 * @example
 * ```ts
 * relativeEffect({ meanC: 0.1, varC: 0.09, nC: 10000, meanT: 0.11, varT: 0.0979, nT: 10000 });
 * // { rel: 0.1, stdErrRel: 0.045475 }
 * ```
 */
export function relativeEffect(input: TwoSampleSummary): RelativeEffect {
  checkSummary(input, 1);
  const { meanC, varC, nC, meanT, varT, nT } = input;
  if (meanC === 0) rejectValue({ name: 'meanC', value: meanC, allowed: '≠ 0 for a relative effect' });
  const meanC2 = meanC * meanC;
  const stdErrRel = Math.sqrt(varT / (nT * meanC2) + (meanT * meanT * varC) / (nC * meanC2 * meanC2));
  return { rel: (meanT - meanC) / meanC, stdErrRel };
}

/**
 * Bonferroni-corrected level: α split evenly over `comparisons` tests (docs/ewl-rules.md §3.6, e.g.
 * α/(S·(k − 1)) for S success metrics and k arms).
 *
 * @param alpha - level in (0, 1).
 * @param comparisons - number of tests, an integer ≥ 1.
 * @throws {RangeError} if `alpha` is not in (0, 1) or `comparisons` is not an integer ≥ 1.
 * @example
 * ```ts
 * bonferroniAlpha({ alpha: 0.05, comparisons: 4 }); // 0.0125
 * ```
 */
export function bonferroniAlpha({ alpha, comparisons }: { alpha: number; comparisons: number }): number {
  requireOpenUnit({ name: 'alpha', value: alpha });
  return alpha / requireCount({ name: 'comparisons', value: comparisons, min: 1 });
}
