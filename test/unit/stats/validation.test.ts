import {
  rejectValue,
  requireCount,
  requireFinite,
  requireNonNegative,
  requireNumber,
  requireOpenUnit,
  requirePositive,
  showValue,
} from '../../../src/stats/validation';

describe('showValue', () => {
  it('prints numbers and arrays as they are', () => {
    expect(showValue(0.5)).toBe('0.5');
    expect(showValue([1, 2])).toBe('[1, 2]');
  });

  it('truncates long values to 40 characters', () => {
    const shown = showValue(Array.from({ length: 100 }, (_, i) => i));
    expect(shown).toHaveLength(41);
    expect(shown.endsWith('…')).toBe(true);
  });
});

describe('rejectValue', () => {
  it('throws a RangeError naming the parameter, the value and the allowed range', () => {
    expect(() => rejectValue({ name: 'p', value: 2, allowed: 'in (0, 1)' })).toThrow(
      new RangeError('p must be in (0, 1); got 2'),
    );
  });
});

describe('require helpers', () => {
  it.each([
    ['requireFinite', () => requireFinite({ name: 'v', value: 1 })],
    ['requireNumber', () => requireNumber({ name: 'v', value: -Infinity })],
    ['requirePositive', () => requirePositive({ name: 'v', value: 1e-300 })],
    ['requireNonNegative', () => requireNonNegative({ name: 'v', value: 0 })],
    ['requireOpenUnit', () => requireOpenUnit({ name: 'v', value: 0.5 })],
  ])('%s accepts a valid value', (_name, accept) => {
    expect(accept).not.toThrow();
  });

  it.each([
    [(value: number) => requireFinite({ name: 'v', value }), [NaN, Infinity, -Infinity]],
    [(value: number) => requireNumber({ name: 'v', value }), [NaN]],
    [(value: number) => requirePositive({ name: 'v', value }), [0, -1, Infinity, NaN]],
    [(value: number) => requireNonNegative({ name: 'v', value }), [-1e-300, Infinity, NaN]],
    [(value: number) => requireOpenUnit({ name: 'v', value }), [0, 1, NaN]],
    [(value: number) => requireCount({ name: 'v', value, min: 1 }), [0, 1.5, NaN, Infinity, 2 ** 53]],
  ])('rejects each invalid value with a RangeError (case %#)', (check, invalid) => {
    invalid.forEach((value) => expect(() => check(value)).toThrow(RangeError));
  });

  it('returns the value it accepts', () => {
    expect(requireCount({ name: 'n', value: 2, min: 2 })).toBe(2);
    expect(requireOpenUnit({ name: 'alpha', value: 0.05 })).toBe(0.05);
  });
});
