/**
 * Tolerance helpers for the stats tests. The accuracy contract is docs/ewl-rules.md §3.11: relative error
 * ≤ 1e-6 against scipy/mpmath wherever the true value is ≥ 1e-12; below that the value lies in
 * [0, 1e-12] and is never negative or NaN.
 */

/** docs/ewl-rules.md §3.11 relative tolerance. */
export const CONTRACT_RELATIVE_TOLERANCE = 1e-6;
/** docs/ewl-rules.md §3.11 floor: true values below this only need to land in [0, 1e-12]. */
export const CONTRACT_FLOOR = 1e-12;

/** Relative error |actual − expected|/|expected| (absolute error when expected is 0). */
export function relativeError(actual: number, expected: number): number {
  const scale = expected === 0 ? 1 : Math.abs(expected);
  return Math.abs(actual - expected) / scale;
}

/** Asserts the relative error is within `tolerance`; NaN fails. */
export function expectRelativelyClose(actual: number, expected: number, tolerance: number): void {
  expect(relativeError(actual, expected)).toBeLessThanOrEqual(tolerance);
}

/** Asserts the docs/ewl-rules.md §3.11 contract for a probability whose true value is `expected`. */
export function expectWithinContract(actual: number, expected: number): void {
  if (expected >= CONTRACT_FLOOR) {
    expectRelativelyClose(actual, expected, CONTRACT_RELATIVE_TOLERANCE);
  } else {
    expect(actual).toBeGreaterThanOrEqual(0);
    expect(actual).toBeLessThanOrEqual(CONTRACT_FLOOR);
  }
}
