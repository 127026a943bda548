import { type EntityManager } from 'typeorm';

/** How one column is sent: the array type of its `unnest` parameter and how to read it from a record. */
interface ColumnSpec<R> {
  readonly column: string;
  readonly arrayType: string;
  readonly value: (record: R) => unknown;
  /** Cast applied when selecting from the unnested parameter (e.g. a text[] literal sent as text). */
  readonly cast?: string;
}

export interface TableSpec<R> {
  readonly table: string;
  readonly columns: ReadonlyArray<ColumnSpec<R>>;
}

/** Rows per INSERT statement: large enough to amortise round trips, small enough for PGlite's buffers. */
const ROWS_PER_STATEMENT = 5_000;

/**
 * Inserts records with one `INSERT ... SELECT FROM unnest($1::uuid[], $2::text[], ...)` statement
 * per chunk: one parameter per column whatever the row count, so the statement is prepared the
 * same way for 10 or 5,000 rows. Runs on the given (transaction's) EntityManager only.
 */
export async function insertRecords<R>(
  manager: EntityManager,
  spec: TableSpec<R>,
  records: readonly R[],
): Promise<void> {
  if (records.length === 0) return;
  const names = spec.columns.map((c) => c.column).join(', ');
  const params = spec.columns.map((c, i) => `$${i + 1}::${c.arrayType}`).join(', ');
  const select = spec.columns.map((c) => (c.cast ? `u.${c.column}::${c.cast}` : `u.${c.column}`)).join(', ');
  const sql = `INSERT INTO ${spec.table} (${names}) SELECT ${select} FROM unnest(${params}) AS u(${names})`;
  for (let start = 0; start < records.length; start += ROWS_PER_STATEMENT) {
    const slice = records.slice(start, start + ROWS_PER_STATEMENT);
    await manager.query(
      sql,
      spec.columns.map((c) => slice.map(c.value)),
    );
  }
}

/** A PostgreSQL array literal for a text[] value sent through a text parameter (unnest flattens nested arrays). */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (ch) => `\\${ch}`)}"`).join(',')}}`;
}

/** Timestamps travel as ISO strings, so no time zone of the client can shift them. */
export const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export const column = <R>(
  name: string,
  arrayType: string,
  value: (record: R) => unknown,
  cast?: string,
): ColumnSpec<R> =>
  cast === undefined ? { column: name, arrayType, value } : { column: name, arrayType, value, cast };
