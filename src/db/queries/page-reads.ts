/** A position in an ordered list: the sort key's value (as text, null for a NULL key) and the row id. */
export interface CursorPosition {
  readonly value: string | null;
  readonly id: string;
}

/** What a cursor holds (JSON, base64url): the order, the sort key's value and the row id. */
export interface CursorPayload {
  readonly o: string;
  readonly v: string | null;
  readonly i: string;
}

/**
 * Opaque cursor: base64url of JSON `{ o: order, v: sort value, i: id }`. The order is part of the
 * cursor so that a cursor from one sort cannot silently be used with another: `decodeCursor`
 * (src/graphql/page-args.ts) refuses it.
 * @example decodeCursor(encodeCursor('KEY:ASC', { value: 'a', id }), 'KEY:ASC') // { value: 'a', id }
 */
export function encodeCursor(order: string, position: CursorPosition): string {
  const payload: CursorPayload = { o: order, v: position.value, i: position.id };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

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
  /** Every item matching the filter over all pages; null when not counted (the field was not selected). */
  readonly totalCount: number | null;
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
  options: { first: number; order: string; hasCursor: boolean; totalCount: number | null },
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
