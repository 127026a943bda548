/**
 * Column helpers for hand-written reads that map rows straight into domain objects (the team-page
 * path: experiments, variants, metrics, results, decisions, classifications). They keep the
 * per-row CPU cost low, which is what a page of ~800 rows is bound by.
 */

/** A row as `dataSource.query` returns it, keyed by column name. */
export type Row = Record<string, unknown>;

/**
 * SQL for a timestamptz column read as epoch milliseconds (float8), truncated like pg's own date
 * parser truncates microseconds. pg parses timestamp text with regular expressions at about 1 µs
 * per value; a float8 and `new Date(ms)` cost a fraction of that. Read it back with `dateFromMillis`.
 * Give the output a name of its own (`..._ms`): ORDER BY resolves a bare name to an output column first.
 * @example epochMillisSql('r.updated_at', 'updated_at_ms') // floor(extract(epoch FROM r.updated_at) * 1000)::float8 AS updated_at_ms
 */
export function epochMillisSql(column: string, as: string): string {
  return `${epochMillisValueSql(column)} AS ${as}`;
}

/** The value of `epochMillisSql` without its output name (inside an expression, e.g. a JSON array). */
export function epochMillisValueSql(column: string): string {
  return `floor(extract(epoch FROM ${column}) * 1000)::float8`;
}

/** A column selected with `epochMillisSql`, as a Date (NOT NULL columns). */
export function dateFromMillis(value: unknown): Date {
  return new Date(value as number);
}

/** A nullable column selected with `epochMillisSql`, as a Date or null. */
export function dateOrNullFromMillis(value: unknown): Date | null {
  return value === null ? null : new Date(value as number);
}

/** A `bigint` column (pg returns its text) as a number; counts stay far below 2^53. */
export function numberFromBigint(value: unknown): number {
  return Number(value);
}

/** A nullable `bigint` column as a number or null. */
export function numberOrNullFromBigint(value: unknown): number | null {
  return value === null ? null : Number(value);
}
