import { badInput } from '../../domain/errors';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID in its canonical textual form (what PostgreSQL's `uuid` columns accept). */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** A position in an ordered list: the sort key's value (as text, null for a NULL key) and the row id. */
export interface CursorPosition {
  readonly value: string | null;
  readonly id: string;
}

interface CursorPayload {
  readonly o: string;
  readonly v: string | null;
  readonly i: string;
}

/**
 * Opaque cursor: base64url of JSON `{ o: order, v: sort value, i: id }`. The order is part of the
 * cursor so that a cursor from one sort cannot silently be used with another.
 * @example decodeCursor(encodeCursor('KEY:ASC', 'a', id), 'KEY:ASC') // { value: 'a', id }
 */
export function encodeCursor(order: string, position: CursorPosition): string {
  const payload: CursorPayload = { o: order, v: position.value, i: position.id };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by `encodeCursor` for the same order.
 * @throws DomainError BAD_USER_INPUT when the cursor is malformed or belongs to another order.
 */
export function decodeCursor(raw: string, order: string, field = 'after'): CursorPosition {
  const allowed = `a cursor returned by this connection (pageInfo.endCursor or edges.cursor) for the same orderBy`;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw badInput(field, raw, allowed);
  }
  if (typeof payload !== 'object' || payload === null) throw badInput(field, raw, allowed);
  const { o, v, i } = payload as Partial<CursorPayload>;
  const valueOk = v === null || (typeof v === 'string' && !v.includes('\u0000') && v.length <= 1000);
  if (o !== order || !valueOk || typeof i !== 'string' || !isUuid(i)) throw badInput(field, raw, allowed);
  return { value: v ?? null, id: i };
}

const TIMESTAMP_CURSOR_PATTERN = /^(\d{4,6})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z( BC)?$/;
/** PostgreSQL's timestamptz range: 4713 BC to 294276 AD. */
const LAST_CURSOR_YEAR = 294276;
const FIRST_CURSOR_YEAR_BC = 4713;

/**
 * SQL that renders a timestamptz as the exact, UTC, microsecond text kept in cursors. A year before
 * 1 AD gets PostgreSQL's ` BC` suffix (`YYYY` prints 1 BC as `0001`, which would read back as 1 AD
 * and make a descending page start before that row again); years past 9999 get more digits.
 */
export function timestampCursorSql(column: string): string {
  return (
    `(to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` +
    ` || CASE WHEN ${column} < '0001-01-01 00:00:00+00'::timestamptz THEN ' BC' ELSE '' END)`
  );
}

/** True for a cursor value produced by `timestampCursorSql` that is a real calendar instant PostgreSQL can hold. */
export function isTimestampCursorValue(value: string): boolean {
  const match = TIMESTAMP_CURSOR_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const bc = match[7] !== undefined;
  if (
    year < 1 ||
    (bc ? year > FIRST_CURSOR_YEAR_BC : year > LAST_CURSOR_YEAR) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return false;
  // 1 BC is the astronomical year 0 (a leap year in the proleptic Gregorian calendar PostgreSQL uses).
  const date = new Date(0);
  date.setUTCFullYear(bc ? 1 - year : year, month - 1, day);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Collects positional parameters for hand-written SQL: `params.add(x)` returns `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

export interface Connection<T> {
  readonly edges: Edge<T>[];
  readonly pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  readonly totalCount: number;
}

/** A fetched row with the text of its sort key, as page queries return them (`first + 1` rows at most). */
export interface PageRow<T> {
  readonly node: T;
  readonly cursorValue: string | null;
}

/**
 * Builds a Relay connection from up to `first + 1` rows: the extra row only signals `hasNextPage`.
 * `hasPreviousPage` is true when the page starts after a cursor.
 */
export function toConnection<T extends { id: string }>(
  rows: readonly PageRow<T>[],
  options: { first: number; order: string; hasCursor: boolean; totalCount: number },
): Connection<T> {
  const edges = rows.slice(0, options.first).map((row) => ({
    cursor: encodeCursor(options.order, { value: row.cursorValue, id: row.node.id }),
    node: row.node,
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > options.first,
      hasPreviousPage: options.hasCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: options.totalCount,
  };
}
