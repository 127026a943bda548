import { badInput } from '../errors';

/** Earliest instant the API accepts: the first instant of year 0001 (UTC). */
export const MIN_INSTANT = new Date('0001-01-01T00:00:00.000Z');
/** Latest instant the API accepts: the last millisecond of year 9999 (UTC). */
export const MAX_INSTANT = new Date('9999-12-31T23:59:59.999Z');

/**
 * What an instant must look like, for error messages and the schema. Years outside 0001-9999 are
 * refused because ISO 8601 writes them with a sign and extra digits (PostgreSQL stores year 0 as
 * 1 BC and rejects JavaScript's `0000-...` text), so they would not round-trip through the API.
 */
export const INSTANT_ALLOWED = 'an ISO-8601 date-time with a time zone, years 0001 to 9999, e.g. 2026-01-31T12:00:00Z';

const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/i;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a valid Date between MIN_INSTANT and MAX_INSTANT. */
export function isInstantInRange(date: Date): boolean {
  const time = date.getTime();
  return !Number.isNaN(time) && time >= MIN_INSTANT.getTime() && time <= MAX_INSTANT.getTime();
}

/**
 * Parses an RFC 3339 / ISO-8601 date-time with a time zone (`Z` or `±hh:mm`) into a Date, or
 * returns null: the year must have four digits from 0001 to 9999, the date must exist in the
 * calendar (no 30 February), hours 00-23, minutes and seconds 00-59 (no leap second), and the
 * instant itself must lie in [MIN_INSTANT, MAX_INSTANT]. Digits past milliseconds are dropped.
 * @example parseInstant('2026-03-01T10:00:00+01:00')?.toISOString() // '2026-03-01T09:00:00.000Z'
 * @example parseInstant('0000-01-01T00:00:00Z') // null
 */
export function parseInstant(text: string): Date | null {
  const match = INSTANT_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = Number((match[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const offsetHours = Number(match[9] ?? 0);
  const offsetMinutes = Number(match[10] ?? 0);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  const offset = (match[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  const instant = new Date(date.getTime() - offset * 60_000);
  return isInstantInRange(instant) ? instant : null;
}

/**
 * Why `parseInstant` refused a text: DATE_OUT_OF_RANGE for a date JavaScript can read but outside
 * years 0001-9999 (year 0000, `+010000-...`), INVALID_VALUE for anything else.
 */
export function instantRefusalReason(text: string): 'DATE_OUT_OF_RANGE' | 'INVALID_VALUE' {
  const loose = new Date(text);
  return !Number.isNaN(loose.getTime()) && !isInstantInRange(loose) ? 'DATE_OUT_OF_RANGE' : 'INVALID_VALUE';
}

/**
 * Checks an instant a client writes (mutations, import): a valid date in [MIN_INSTANT, MAX_INSTANT].
 * @throws DomainError BAD_USER_INPUT (reason DATE_OUT_OF_RANGE) naming `field`.
 */
export function validateInstant(field: string, date: Date): Date {
  if (!isInstantInRange(date)) throw badInput(field, date, INSTANT_ALLOWED, 'DATE_OUT_OF_RANGE');
  return date;
}
