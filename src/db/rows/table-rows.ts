import { getMetadataArgsStorage } from 'typeorm';
import {
  dateFromMillis,
  dateOrNullFromMillis,
  epochMillisSql,
  epochMillisValueSql,
  numberFromBigint,
  numberOrNullFromBigint,
  type Row,
} from '../queries/row-values-reads';

/**
 * The one mapping from a table to typed rows for hand-written SQL: the select list of an entity's
 * columns and the decoder from a pg row to the entity's (= the domain's) record. Both are built
 * once per table from the entity's TypeORM column declarations, so a read names the table once
 * and the compiler checks the record against the domain type it returns.
 *
 * Column values arrive as pg parses them, except two kinds that the select list reads in a cheaper
 * form: `timestamptz` as epoch milliseconds (`<column>_ms`, see `epochMillisSql`) and `bigint`
 * (pg's text) as a number. Every other value is taken as is.
 */
export interface TableRows<T> {
  /** The table's name in SQL. */
  readonly table: string;
  /** The record's properties, one per mapped column, in the order of `columns`. */
  readonly properties: readonly string[];
  /** The select list of the mapped columns, each qualified by `alias` when one is given. */
  columns(alias?: string): string;
  /** A row selected with `columns(...)`, as the record. */
  decode(row: Row): T;
  /**
   * The mapped columns of the row aliased `alias` as one JSON array, in the order of `columns`
   * (`json_build_array(...)`): a record inside a JSON document (a relation read ahead) without a
   * key per value. The values are those `columns` selects, as JSON.
   */
  jsonArray(alias: string): string;
  /** A record selected with `jsonArray(...)` (parsed), as the record. */
  decodeArray(values: readonly unknown[]): T;
  /** The same mapping restricted to some properties (a narrower select list and record). */
  pick<K extends keyof T & string>(...properties: K[]): TableRows<Pick<T, K>>;
  /** The same mapping without some properties. */
  omit<K extends keyof T & string>(...properties: K[]): TableRows<Omit<T, K>>;
}

interface ColumnRows {
  readonly property: string;
  readonly select: (alias: string | undefined) => string;
  /** The selected value without its output name. */
  readonly value: (alias: string) => string;
  /** The name of the column in a selected row. */
  readonly output: string;
  /** Turns the selected value into the record's value; null takes the value as is. */
  readonly decode: ((value: unknown) => unknown) | null;
}

function columnRows(property: string, databaseName: string, type: unknown, nullable: boolean): ColumnRows {
  const qualified = (alias: string | undefined) => (alias === undefined ? databaseName : `${alias}.${databaseName}`);
  if (type === 'timestamptz') {
    const output = `${databaseName}_ms`;
    return {
      property,
      output,
      select: (alias) => epochMillisSql(qualified(alias), output),
      value: (alias) => epochMillisValueSql(qualified(alias)),
      decode: nullable ? dateOrNullFromMillis : dateFromMillis,
    };
  }
  return {
    property,
    output: databaseName,
    select: qualified,
    value: qualified,
    decode: type === 'bigint' ? (nullable ? numberOrNullFromBigint : numberFromBigint) : null,
  };
}

/**
 * The decoder of a list of columns, compiled once: one object literal per row, in a fixed shape,
 * costs what a hand-written mapper costs; a loop over the columns with computed keys costs about
 * ten times more per row (measured on a page of 800 experiments), and reads of a page are bound
 * by that per-row cost. Property and column names come from the entity declarations, quoted as
 * JSON strings. `source` says how a value is found: by the column's output name in a selected row,
 * or by the column's position in a record selected as a JSON array.
 */
function compileDecoder<T, R>(columns: readonly ColumnRows[], source: 'row' | 'array'): (row: R) => T {
  const decoders = columns.map((column) => column.decode);
  const fields = columns.map((column, i) => {
    const value = source === 'row' ? `row[${JSON.stringify(column.output)}]` : `row[${i}]`;
    return `${JSON.stringify(column.property)}: ${column.decode === null ? value : `decoders[${i}](${value})`}`;
  });
  const build = new Function('decoders', `return function decode(row) { return { ${fields.join(', ')} }; };`);
  return build(decoders) as (row: R) => T;
}

function tableRowsOf<T>(table: string, columns: readonly ColumnRows[]): TableRows<T> {
  const selectLists = new Map<string | undefined, string>();
  const jsonArrays = new Map<string, string>();
  return {
    table,
    properties: columns.map((column) => column.property),
    columns(alias) {
      let list = selectLists.get(alias);
      if (list === undefined) {
        list = columns.map((column) => column.select(alias)).join(', ');
        selectLists.set(alias, list);
      }
      return list;
    },
    decode: compileDecoder<T, Row>(columns, 'row'),
    jsonArray(alias) {
      let array = jsonArrays.get(alias);
      if (array === undefined) {
        // PostgreSQL passes at most 100 arguments to a function.
        if (columns.length > 100)
          throw new Error(`${table}: ${columns.length} columns do not fit one json_build_array`);
        array = `json_build_array(${columns.map((column) => column.value(alias)).join(', ')})`;
        jsonArrays.set(alias, array);
      }
      return array;
    },
    decodeArray: compileDecoder<T, readonly unknown[]>(columns, 'array'),
    pick<K extends keyof T & string>(...properties: K[]) {
      const picked = properties.map((property) => {
        const column = columns.find((c) => c.property === property);
        if (column === undefined) throw new Error(`${table} maps no property ${property}`);
        return column;
      });
      return tableRowsOf<Pick<T, K>>(table, picked);
    },
    omit<K extends keyof T & string>(...properties: K[]) {
      const omitted = new Set<string>(properties);
      return tableRowsOf<Omit<T, K>>(
        table,
        columns.filter((column) => !omitted.has(column.property)),
      );
    },
  };
}

/** A column as its entity declares it: what a row mapping is built from. */
export interface DeclaredColumn {
  /** The record's property. */
  readonly property: string;
  /** The column's name in SQL. */
  readonly name: string;
  /** The declared type (`'text'`, `'timestamptz'`, ...); for an array column, its element type. */
  readonly type: unknown;
  readonly nullable: boolean;
  readonly array: boolean;
  /** False for a column the database fills on insert (declared `insert: false`, e.g. an identity). */
  readonly inserted: boolean;
}

/**
 * The table and the columns of an entity class, from its `@Entity` and `@Column` declarations
 * (columns in declaration order).
 * @throws Error when the class is not a declared entity
 */
export function declaredColumns(entity: abstract new () => unknown): {
  table: string;
  columns: DeclaredColumn[];
} {
  const storage = getMetadataArgsStorage();
  const table = storage.tables.find((t) => t.target === entity)?.name;
  if (table === undefined) throw new Error(`${entity.name} is not a declared entity`);
  const columns = storage.columns
    .filter((column) => column.target === entity)
    .map((column) => ({
      property: column.propertyName,
      name: column.options.name ?? column.propertyName,
      type: column.options.type,
      nullable: column.options.nullable === true,
      array: column.options.array === true,
      inserted: column.options.insert !== false,
    }));
  return { table, columns };
}

/**
 * The row mapping of an entity class, from its `@Entity` and `@Column` declarations (columns in
 * declaration order). Call it once per table, at module scope.
 * @throws Error when the class is not a declared entity
 */
export function defineTableRows<T>(entity: new () => T): TableRows<T> {
  const { table, columns } = declaredColumns(entity);
  return tableRowsOf<T>(
    table,
    columns.map((column) => columnRows(column.property, column.name, column.type, column.nullable)),
  );
}

/** What runs SQL: a DataSource, an EntityManager or a QueryRunner. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Runs a statement that selects `rows.columns(...)` and decodes every row, in row order. */
export async function queryRows<T>(
  queryable: Queryable,
  rows: TableRows<T>,
  sql: string,
  parameters: unknown[],
): Promise<T[]> {
  const selected = (await queryable.query(sql, parameters)) as Row[];
  return selected.map(rows.decode);
}

/**
 * Runs a link statement that selects `"forId"` (the key a row was asked for) and then
 * `rows.columns(...)`; returns `{ forId, entity }` pairs in row order (a row may serve several keys).
 */
export async function queryLinkedRows<T>(
  queryable: Queryable,
  rows: TableRows<T>,
  sql: string,
  parameters: unknown[],
): Promise<Array<{ forId: string; entity: T }>> {
  const selected = (await queryable.query(sql, parameters)) as Row[];
  return selected.map((row) => ({ forId: String(row.forId), entity: rows.decode(row) }));
}

/**
 * The row of `rows.table` whose `id` is `id`, decoded; `lock` adds FOR UPDATE (held until the
 * transaction ends). Null when there is none.
 */
export async function queryRowById<T>(
  queryable: Queryable,
  rows: TableRows<T>,
  id: string,
  lock = false,
): Promise<T | null> {
  const [row] = await queryRows(
    queryable,
    rows,
    `SELECT ${rows.columns()} FROM ${rows.table} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return row ?? null;
}

/**
 * The row of `rows.table` whose `id` is `id`, read back by the transaction that wrote or locked it.
 * @throws Error when there is none (a programming error: the row cannot vanish inside its transaction)
 */
export async function queryWrittenRow<T>(queryable: Queryable, rows: TableRows<T>, id: string): Promise<T> {
  const row = await queryRowById(queryable, rows, id);
  if (row === null) throw new Error(`${rows.table} has no row ${id}`);
  return row;
}

/**
 * The rows of `rows.table` with these ids, decoded, in the order of `ids` (one statement).
 * @throws Error when an id names no row (callers read rows their transaction just wrote)
 */
export async function queryWrittenRows<T extends { readonly id: string }>(
  queryable: Queryable,
  rows: TableRows<T>,
  ids: readonly string[],
): Promise<T[]> {
  if (ids.length === 0) return [];
  const found = await queryRows(
    queryable,
    rows,
    `SELECT ${rows.columns()} FROM ${rows.table} WHERE id = ANY($1::uuid[])`,
    [[...ids]],
  );
  const byId = new Map(found.map((row) => [row.id, row]));
  return ids.map((id) => {
    const row = byId.get(id);
    if (row === undefined) throw new Error(`${rows.table} has no row ${id}`);
    return row;
  });
}
