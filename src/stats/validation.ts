/**
 * Input checks shared by the stats layer. Every public function validates its named parameters
 * with these and throws `RangeError` with the parameter name, the bad value and the allowed range.
 */

const MAX_SHOWN_LENGTH = 40;

/**
 * Formats a value for an error message, truncated so huge inputs do not flood logs.
 *
 * @example
 * ```ts
 * showValue(0.5); // '0.5'
 * ```
 */
export function showValue(value: unknown): string {
  const text = Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
  return text.length > MAX_SHOWN_LENGTH ? `${text.slice(0, MAX_SHOWN_LENGTH)}…` : text;
}

/**
 * Throws a `RangeError` naming the parameter, the value and the allowed range.
 *
 * @throws {RangeError} always.
 * @example
 * ```ts
 * rejectValue({ name: 'p', value: 2, allowed: 'in (0, 1)' });
 * // throws RangeError: p must be in (0, 1); got 2
 * ```
 */
export function rejectValue({ name, value, allowed }: { name: string; value: unknown; allowed: string }): never {
  throw new RangeError(`${name} must be ${allowed}; got ${showValue(value)}`);
}

/**
 * Checks that `value` is a finite number.
 *
 * @throws {RangeError} if `value` is NaN or ±Infinity.
 * @example
 * ```ts
 * requireFinite({ name: 'z', value: 1.5 }); // returns 1.5
 * ```
 */
export function requireFinite({ name, value }: { name: string; value: number }): number {
  return Number.isFinite(value) ? value : rejectValue({ name, value, allowed: 'a finite number' });
}

/**
 * Checks that `value` is not NaN (±Infinity is allowed).
 *
 * @throws {RangeError} if `value` is NaN.
 * @example
 * ```ts
 * requireNumber({ name: 'z', value: -Infinity }); // returns -Infinity
 * ```
 */
export function requireNumber({ name, value }: { name: string; value: number }): number {
  return Number.isNaN(value) ? rejectValue({ name, value, allowed: 'a number' }) : value;
}

/**
 * Checks that `value` is finite and strictly positive.
 *
 * @throws {RangeError} if `value` is not a finite number > 0.
 * @example
 * ```ts
 * requirePositive({ name: 'df', value: 3 }); // returns 3
 * ```
 */
export function requirePositive({ name, value }: { name: string; value: number }): number {
  return Number.isFinite(value) && value > 0 ? value : rejectValue({ name, value, allowed: 'a finite number > 0' });
}

/**
 * Checks that `value` is finite and not negative.
 *
 * @throws {RangeError} if `value` is not a finite number ≥ 0.
 * @example
 * ```ts
 * requireNonNegative({ name: 'variance', value: 0 }); // returns 0
 * ```
 */
export function requireNonNegative({ name, value }: { name: string; value: number }): number {
  return Number.isFinite(value) && value >= 0 ? value : rejectValue({ name, value, allowed: 'a finite number ≥ 0' });
}

/**
 * Checks that `value` is a probability strictly between 0 and 1.
 *
 * @throws {RangeError} if `value` is not in the open interval (0, 1).
 * @example
 * ```ts
 * requireOpenUnit({ name: 'alpha', value: 0.05 }); // returns 0.05
 * ```
 */
export function requireOpenUnit({ name, value }: { name: string; value: number }): number {
  return value > 0 && value < 1 ? value : rejectValue({ name, value, allowed: 'in (0, 1)' });
}

/**
 * Checks that `value` is an integer of at least `min` (a count such as a sample size).
 *
 * @throws {RangeError} if `value` is not a safe integer ≥ `min`.
 * @example
 * ```ts
 * requireCount({ name: 'n', value: 10, min: 2 }); // returns 10
 * ```
 */
export function requireCount({ name, value, min }: { name: string; value: number; min: number }): number {
  return Number.isSafeInteger(value) && value >= min
    ? value
    : rejectValue({ name, value, allowed: `an integer ≥ ${min}` });
}
