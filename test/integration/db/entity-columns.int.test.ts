import * as entities from '../../../src/db/entities';
import { declaredColumns } from '../../../src/db/rows/table-rows';
import { useTestApp } from '../helpers';

// The migrations are the schema; the entities only describe it, and the row mappings
// (src/db/rows) read and decode columns as the entities declare them. This test checks every
// registered entity's columns against the migrated database: each column exists, with the
// declared type and nullability (a NOT NULL declaration over a nullable column would decode a
// NULL timestamp as the epoch).

const t = useTestApp();

/** `udt_name` in information_schema.columns of each declared type; an array's is `_` + its element's. */
const UDT_NAMES: Readonly<Record<string, string>> = {
  uuid: 'uuid',
  text: 'text',
  boolean: 'bool',
  smallint: 'int2',
  integer: 'int4',
  bigint: 'int8',
  'double precision': 'float8',
  timestamptz: 'timestamptz',
  jsonb: 'jsonb',
};

interface ColumnShape {
  readonly column: string;
  readonly udtName: string;
  readonly nullable: boolean;
}

describe('entity column declarations', () => {
  const declared = Object.values(entities).map((entity) => ({ entity: entity.name, ...declaredColumns(entity) }));

  it('declare each table in one entity only', () => {
    const tables = declared.map((d) => d.table);
    expect(new Set(tables).size).toBe(tables.length);
  });

  it.each(declared.map((d) => [d.entity, d.table, d.columns] as const))(
    '%s maps columns of %s that exist with the declared type and nullability',
    async (_entity, table, columns) => {
      const expected: ColumnShape[] = columns.map((c) => {
        const udtName = UDT_NAMES[String(c.type)] ?? `<no udt_name for declared type ${String(c.type)}>`;
        return { column: c.name, udtName: c.array ? `_${udtName}` : udtName, nullable: c.nullable };
      });
      const found: Array<{ column_name: string; udt_name: string; is_nullable: 'YES' | 'NO' }> =
        await t.dataSource.query(
          `SELECT column_name, udt_name, is_nullable FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1 AND column_name = ANY($2::text[])`,
          [table, columns.map((c) => c.name)],
        );
      const byName = new Map(found.map((row) => [row.column_name, row]));
      const actual: ColumnShape[] = columns.map((c) => {
        const row = byName.get(c.name);
        return row === undefined
          ? { column: c.name, udtName: '<missing>', nullable: c.nullable }
          : { column: c.name, udtName: row.udt_name, nullable: row.is_nullable === 'YES' };
      });
      expect(actual).toEqual(expected);
    },
  );
});
