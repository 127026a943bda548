/**
 * Sample size, powered effect and achieved power for a one-sided z test of a difference in
 * means (docs/ewl-rules.md §3.8). Levels are one-sided: `alpha` is the test's level a, `beta` its
 * false-negative rate b (power 1 − b).
 */
import { normalCdf, normalQuantile } from './distributions';
import { rejectValue, requireFinite, requireNonNegative, requireOpenUnit, requirePositive } from './validation';

/** Per-group sizes from {@link requiredSampleSize}, each rounded up. */
export interface GroupSizes {
  nControl: number;
  nTreatment: number;
}

/** z_{1−a} + z_{1−b}; both quantiles are taken at the small tail so 1 − a is never rounded. */
function zSum(alpha: number, beta: number): number {
  requireOpenUnit({ name: 'alpha', value: alpha });
  requireOpenUnit({ name: 'beta', value: beta });
  const sum = -normalQuantile({ p: alpha }) - normalQuantile({ p: beta });
  return sum > 0 ? sum : rejectValue({ name: 'alpha + beta', value: alpha + beta, allowed: '< 1' });
}

/**
 * Units per group for a one-sided test at level `alpha` to reach power 1 − `beta` at `effect`
 * (docs/ewl-rules.md §3.8): with κ = wC/wT, nT = ((z_{1−a} + z_{1−b})/δ)²·(σC²/κ + σT²) and nC = κ·nT,
 * each rounded up. Pass σT² under the alternative (for a binary metric (p + δ)(1 − p − δ)),
 * or σT² = σC² for a non-inferiority margin.
 *
 * @param alpha - one-sided level in (0, 1); alpha + beta < 1.
 * @param beta - false-negative rate in (0, 1).
 * @param effect - the effect (or margin) to detect, as an absolute magnitude > 0.
 * @param varControl - per-unit variance of the control group, ≥ 0.
 * @param varTreatment - per-unit variance of the treatment group, ≥ 0 (not both 0).
 * @param weightControl - allocation weight of control, > 0 (only the ratio to the other matters).
 * @param weightTreatment - allocation weight of treatment, > 0.
 * @throws {RangeError} if a parameter is outside its domain or both variances are 0.
 * @example
 * ```ts
 * requiredSampleSize({ alpha: 0.05, beta: 0.2, effect: 0.005, varControl: 0.09,
 *   varTreatment: 0.093975, weightControl: 1, weightTreatment: 1 });
 * // { nControl: 45498, nTreatment: 45498 }
 * ```
 */
export function requiredSampleSize(input: {
  alpha: number;
  beta: number;
  effect: number;
  varControl: number;
  varTreatment: number;
  weightControl: number;
  weightTreatment: number;
}): GroupSizes {
  const multiplier = zSum(input.alpha, input.beta);
  const effect = requirePositive({ name: 'effect', value: input.effect });
  requireNonNegative({ name: 'varControl', value: input.varControl });
  requireNonNegative({ name: 'varTreatment', value: input.varTreatment });
  const kappa =
    requirePositive({ name: 'weightControl', value: input.weightControl }) /
    requirePositive({ name: 'weightTreatment', value: input.weightTreatment });
  const variance = input.varControl / kappa + input.varTreatment;
  if (variance === 0) rejectValue({ name: 'varControl + varTreatment', value: 0, allowed: '> 0' });
  const nTreatment = (multiplier / effect) ** 2 * variance;
  return { nControl: Math.ceil(kappa * nTreatment), nTreatment: Math.ceil(nTreatment) };
}

/**
 * Power of a one-sided level-`alpha` z test when the true effect is `effect` and the estimate
 * has standard error `stdErr` (docs/ewl-rules.md §3.8): Φ(effect/stdErr − z_{1−a}).
 *
 * @param effect - true effect in the tested direction, finite (0 gives power = alpha).
 * @param stdErr - standard error of the estimate, finite and > 0.
 * @param alpha - one-sided level in (0, 1).
 * @throws {RangeError} if a parameter is outside its domain.
 * @example
 * ```ts
 * achievedPower({ effect: 0.005, stdErr: 0.0042892, alpha: 0.05 }); // 0.31592
 * ```
 */
export function achievedPower({ effect, stdErr, alpha }: { effect: number; stdErr: number; alpha: number }): number {
  requireFinite({ name: 'effect', value: effect });
  requirePositive({ name: 'stdErr', value: stdErr });
  requireOpenUnit({ name: 'alpha', value: alpha });
  return normalCdf({ z: effect / stdErr + normalQuantile({ p: alpha }) });
}

/**
 * Smallest effect a one-sided level-`alpha` z test detects with power 1 − `beta` when the
 * estimate has standard error `stdErr` (docs/ewl-rules.md §3.8): (z_{1−a} + z_{1−b})·stdErr.
 *
 * @param alpha - one-sided level in (0, 1); alpha + beta < 1.
 * @param beta - false-negative rate in (0, 1).
 * @param stdErr - standard error of the estimate, finite and > 0.
 * @throws {RangeError} if a parameter is outside its domain.
 * @example
 * ```ts
 * poweredEffect({ alpha: 0.05, beta: 0.2, stdErr: 0.0042426 }); // 0.010549
 * ```
 */
export function poweredEffect({ alpha, beta, stdErr }: { alpha: number; beta: number; stdErr: number }): number {
  const multiplier = zSum(alpha, beta);
  return multiplier * requirePositive({ name: 'stdErr', value: stdErr });
}
