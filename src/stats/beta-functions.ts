/**
 * ln B(a, b) and the regularized incomplete beta function I_x(a, b), written without the large
 * cancelling terms that make ln Γ(a) + ln Γ(b) − ln Γ(a + b) inaccurate for large a or b (the
 * Student-t tail uses a = df/2). jstat's `ibeta` stops at a 3e-7 tolerance after 100 steps, too
 * coarse for the 1e-6 contract of docs/ewl-rules.md §3.11.
 */
import { CONVERGENCE_TOLERANCE, HALF_LOG_TWO_PI, LENTZ_TINY, MAX_ITERATIONS, stirlingError } from './gamma-functions';
import { rejectValue, requirePositive } from './validation';

function requireShapes(a: number, b: number): void {
  requirePositive({ name: 'a', value: a });
  requirePositive({ name: 'b', value: b });
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), via Stirling's form so the result keeps its
 * precision when a or b is large.
 *
 * @param a - finite and > 0.
 * @param b - finite and > 0.
 * @throws {RangeError} if `a` or `b` is not a finite number > 0.
 * @example
 * ```ts
 * logBeta({ a: 0.5, b: 0.5 }); // 1.1447298858494 (ln π)
 * ```
 */
export function logBeta({ a, b }: { a: number; b: number }): number {
  requireShapes(a, b);
  // (a−½)ln a + (b−½)ln b − (a+b−½)ln(a+b) rewritten with log1p; the linear terms cancel exactly.
  const main = -(a - 0.5) * Math.log1p(b / a) - b * Math.log1p(a / b) - 0.5 * Math.log(b) + HALF_LOG_TWO_PI;
  return main + stirlingError({ x: a }) + stirlingError({ x: b }) - stirlingError({ x: a + b });
}

/** Continued fraction of I_x(a, b) by modified Lentz (Numerical Recipes `betacf`). */
function betaFraction(x: number, a: number, b: number): number {
  const clamp = (value: number): number => (Math.abs(value) < LENTZ_TINY ? LENTZ_TINY : value);
  let c = 1;
  let d = 1 / clamp(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m += 1) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 / clamp(1 + even * d);
    c = clamp(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 / clamp(1 + odd * d);
    c = clamp(1 + odd / c);
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < CONVERGENCE_TOLERANCE) return h;
  }
  throw new Error(`incomplete beta fraction did not converge for x = ${x}, a = ${a}, b = ${b}`);
}

/** I_x(a, b) from x, y = 1 − x and their logs, each computed accurately by the caller. */
function regularizedBetaFromParts(parts: {
  x: number;
  y: number;
  logX: number;
  logY: number;
  a: number;
  b: number;
}): number {
  const { x, y, logX, logY, a, b } = parts;
  const front = Math.exp(a * logX + b * logY - logBeta({ a, b }));
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(y, b, a)) / b;
}

/**
 * Regularized incomplete beta I_x(a, b). Accurate relative to its value when x is below the
 * mean a/(a + b) (the lower tail); above it the result is 1 − I_{1−x}(b, a) with 1 − x formed
 * from x, so use {@link regularizedBetaAtOdds} when 1 − x is known more precisely than x.
 *
 * @param x - in [0, 1].
 * @param a - finite and > 0.
 * @param b - finite and > 0.
 * @throws {RangeError} if `x` is outside [0, 1] or `a`/`b` is not a finite number > 0.
 * @example
 * ```ts
 * regularizedBeta({ x: 0.25, a: 1, b: 2 }); // 0.4375 (1 − 0.75²)
 * ```
 */
export function regularizedBeta({ x, a, b }: { x: number; a: number; b: number }): number {
  if (!(x >= 0 && x <= 1)) rejectValue({ name: 'x', value: x, allowed: 'in [0, 1]' });
  requireShapes(a, b);
  if (x === 0 || x === 1) return x;
  return regularizedBetaFromParts({ x, y: 1 - x, logX: Math.log(x), logY: Math.log1p(-x), a, b });
}

/**
 * I_x(a, b) at x = 1/(1 + odds), i.e. odds = (1 − x)/x. Both x and 1 − x and their logs come
 * from `odds` without rounding x first, which keeps a·ln x accurate when a is large (the
 * Student-t tail is ½·I_{1/(1+t²/df)}(df/2, ½)).
 *
 * @param odds - (1 − x)/x, ≥ 0 (Infinity gives 0).
 * @param a - finite and > 0.
 * @param b - finite and > 0.
 * @throws {RangeError} if `odds` is negative or NaN, or `a`/`b` is not a finite number > 0.
 * @example
 * ```ts
 * regularizedBetaAtOdds({ odds: 3, a: 1, b: 2 }); // 0.4375 (x = 0.25)
 * ```
 */
export function regularizedBetaAtOdds({ odds, a, b }: { odds: number; a: number; b: number }): number {
  if (!(odds >= 0)) rejectValue({ name: 'odds', value: odds, allowed: '≥ 0 (Infinity allowed)' });
  requireShapes(a, b);
  if (odds === 0) return 1;
  if (odds === Infinity) return 0;
  const logX = -Math.log1p(odds);
  return regularizedBetaFromParts({ x: 1 / (1 + odds), y: odds / (1 + odds), logX, logY: Math.log(odds) + logX, a, b });
}
