import { type EntityManager } from 'typeorm';
import { declaredColumns } from './rows/table-rows';

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
  records: readonly NoInfer<R>[],
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

/** A record as written: the entity's properties, read-only (domain records satisfy it). */
export type Stored<T> = { readonly [K in keyof T]: T[K] extends ReadonlyArray<infer E> ? readonly E[] : T[K] };

/** The `unnest` parameter type of each column type the entities declare. */
const ARRAY_TYPES: Readonly<Record<string, string>> = {
  uuid: 'uuid[]',
  text: 'text[]',
  boolean: 'bool[]',
  'double precision': 'float8[]',
  integer: 'int4[]',
  bigint: 'int8[]',
  timestamptz: 'timestamptz[]',
};

/**
 * The bulk-insert mapping of an entity class, from its `@Entity` and `@Column` declarations (the
 * declarations the row decoders of `src/db/rows` read too): every column the entity inserts, read
 * from the record's property of the same name. `generated` names the properties the database
 * fills (declared `insert: false`, e.g. an identity), which records need not have. Timestamps
 * travel as ISO strings; `text[]` columns as array literals, cast back. Call it once per table, at
 * module scope.
 * @throws Error when the class is not a declared entity, when `generated` is not exactly its
 * `insert: false` properties, or when it declares a column type without a mapping
 */
export function insertSpecOf<T, G extends keyof T & string = never>(
  entity: new () => T,
  generated: readonly G[] = [],
): TableSpec<Stored<Omit<T, G>>> {
  type R = Stored<Omit<T, G>>;
  const { table, columns: declared } = declaredColumns(entity);
  const notInserted = declared.filter((c) => !c.inserted).map((c) => c.property);
  if (notInserted.sort().join() !== [...generated].sort().join())
    throw new Error(`${table}: generated properties are [${notInserted.join(', ')}], not [${generated.join(', ')}]`);
  const columns = declared
    .filter((c) => c.inserted)
    .map((c): ColumnSpec<R> => {
      const name = c.name;
      const read = (record: R) => (record as Record<string, unknown>)[c.property];
      const type = String(c.type);
      if (c.array) {
        if (type !== 'text') throw new Error(`${table}.${name}: only text[] array columns are mapped`);
        return column(name, 'text[]', (r) => textArrayLiteral(read(r) as readonly string[]), 'text[]');
      }
      const arrayType = ARRAY_TYPES[type];
      if (arrayType === undefined) throw new Error(`${table}.${name}: no bulk-insert mapping for type ${type}`);
      return type === 'timestamptz'
        ? column(name, arrayType, (r) => iso(read(r) as Date | null))
        : column(name, arrayType, read);
    });
  return { table, columns };
}
