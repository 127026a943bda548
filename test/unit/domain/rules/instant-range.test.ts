import { MAX_INSTANT, MIN_INSTANT, parseInstant, validateInstant } from '../../../../src/domain/rules/instant-range';
import { DomainError } from '../../../../src/domain/errors';

describe('parseInstant', () => {
  it.each([
    ['2026-03-01T09:30:00Z', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01t09:30:00z', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T10:30:00+01:00', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T09:30:00.123456789-00:30', '2026-03-01T10:00:00.123Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['0050-06-15T12:00:00Z', '0050-06-15T12:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseInstant(text)?.toISOString()).toBe(iso);
  });

  it.each([
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['a signed year', '-000001-01-01T00:00:00Z'],
    ['an expanded year', '+010000-01-01T00:00:00Z'],
    ['year 10000 reached through the offset', '9999-12-31T23:00:00-02:00'],
    ['year 0000 reached through the offset', '0001-01-01T00:30:00+01:00'],
    ['30 February', '2026-02-30T00:00:00Z'],
    ['29 February of a common year', '2100-02-29T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['day 00', '2026-01-00T00:00:00Z'],
    ['hour 24', '2026-01-01T24:00:00Z'],
    ['a leap second', '2026-06-30T23:59:60Z'],
    ['an offset of 24 hours', '2026-01-01T00:00:00+24:00'],
    ['no time zone', '2026-01-01T00:00:00'],
    ['a date only', '2026-01-01'],
    ['a timestamp in milliseconds', '1767225600000'],
    ['a NUL character', '2026-01-01T00:00:00Z\u0000'],
    ['an empty string', ''],
  ])('refuses %s', (_name, text) => {
    expect(parseInstant(text)).toBeNull();
  });
});

describe('validateInstant', () => {
  it('accepts the first and last instants of the range', () => {
    expect(validateInstant('at', MIN_INSTANT)).toBe(MIN_INSTANT);
    expect(validateInstant('at', MAX_INSTANT)).toBe(MAX_INSTANT);
  });

  it.each([
    ['before year 0001', new Date(MIN_INSTANT.getTime() - 1)],
    ['after year 9999', new Date(MAX_INSTANT.getTime() + 1)],
    ['an invalid Date', new Date(Number.NaN)],
  ])('is BAD_USER_INPUT naming the field for %s', (_name, date) => {
    let caught: unknown;
    try {
      validateInstant('input.at', date);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'DATE_OUT_OF_RANGE',
      details: { field: 'input.at' },
    });
  });
});
