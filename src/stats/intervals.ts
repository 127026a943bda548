/**
 * Normal-theory confidence intervals (docs/ewl-rules.md §3.4) and the Wilson score interval for a proportion
 * (docs/ewl-rules.md §8).
 */
import { normalQuantile } from './distributions';
import {
  rejectValue,
  requireCount,
  requireFinite,
  requireNonNegative,
  requireOpenUnit,
  requirePositive,
} from './validation';

/** z_{0.975} = Φ⁻¹(0.975), the default multiplier of the Wilson interval, not rounded to 1.96
 * (docs/ewl-rules.md §8, §15 D14). */
export const Z_975 = 1.959963984540054;

/** A two-sided interval; `level` is its coverage. */
export interface ConfidenceInterval {
  lower: number;
  upper: number;
  level: number;
}

/** Result of {@link wilsonInterval}: the observed share and its interval, inside [0, 1]. */
export interface ProportionInterval {
  estimate: number;
  lower: number;
  upper: number;
}

/**
 * Two-sided normal interval estimate ± z·stdErr with z = Φ⁻¹(½ + level/2). The interval that
 * matches a one-sided test at level a is the one with `level = 1 − 2a` (docs/ewl-rules.md §3.4): for a = 0.05
 * it is the 90 % interval, z = 1.644854.
 *
 * @param estimate - finite.
 * @param stdErr - finite and ≥ 0.
 * @param level - coverage in (0, 1).
 * @throws {RangeError} if a parameter is outside its domain.
 * @example
 * ```ts
 * confidenceInterval({ estimate: 0.01, stdErr: 0.0043347, level: 0.9 });
 * // { lower: 0.0028701, upper: 0.017130, level: 0.9 }
 * ```
 */
export function confidenceInterval({
  estimate,
  stdErr,
  level,
}: {
  estimate: number;
  stdErr: number;
  level: number;
}): ConfidenceInterval {
  requireFinite({ name: 'estimate', value: estimate });
  requireNonNegative({ name: 'stdErr', value: stdErr });
  requireOpenUnit({ name: 'level', value: level });
  const half = normalQuantile({ p: 0.5 + level / 2 }) * stdErr;
  return { lower: estimate - half, upper: estimate + half, level };
}

/**
 * Wilson score interval for `successes` out of `total` (docs/ewl-rules.md §8):
 * centre = (p̂ + z²/2n)/(1 + z²/n), half = z/(1 + z²/n)·√(p̂(1 − p̂)/n + z²/4n²), clipped to
 * [0, 1]. Unlike the Wald interval it behaves at 0 and at n successes.
 *
 * @param successes - integer in [0, total].
 * @param total - integer ≥ 1 (a rate over 0 items is undefined; the caller reports null).
 * @param z - multiplier, finite and > 0; default {@link Z_975} (95 % two-sided).
 * @throws {RangeError} if a parameter is outside its domain.
 * @example
 * ```ts
 * wilsonInterval({ successes: 64, total: 100 });
 * // { estimate: 0.64, lower: 0.54235, upper: 0.72729 }
 * ```
 */
export function wilsonInterval({
  successes,
  total,
  z = Z_975,
}: {
  successes: number;
  total: number;
  z?: number;
}): ProportionInterval {
  requireCount({ name: 'total', value: total, min: 1 });
  requireCount({ name: 'successes', value: successes, min: 0 });
  if (successes > total) rejectValue({ name: 'successes', value: successes, allowed: `≤ total (${total})` });
  requirePositive({ name: 'z', value: z });
  const estimate = successes / total;
  const z2n = (z * z) / total;
  const centre = (estimate + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((estimate * (1 - estimate)) / total + z2n / (4 * total));
  return { estimate, lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}
