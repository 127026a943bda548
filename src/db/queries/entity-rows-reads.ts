import { type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';

/**
 * Helpers for hand-written SQL that must still return entity-shaped (= domain-shaped) objects:
 * page queries add a cursor column and link queries add the id they were asked for, which
 * TypeORM's `getRawAndEntities` cannot pair up once it deduplicates entities.
 */

/** `alias.column AS "property"` for every mapped column of the entity. */
export function selectColumns(dataSource: DataSource, target: EntityTarget<ObjectLiteral>, alias: string): string {
  return dataSource
    .getMetadata(target)
    .columns.map((column) => `${alias}.${column.databaseName} AS "${column.propertyName}"`)
    .join(', ');
}

/** Picks the entity's properties out of a raw row (selected with `selectColumns`), applying column transformers. */
export function toEntity<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const entity: Record<string, unknown> = {};
  for (const column of dataSource.getMetadata(target).columns) {
    const raw = row[column.propertyName];
    const transformer = Array.isArray(column.transformer) ? undefined : column.transformer;
    entity[column.propertyName] = transformer && raw !== null ? transformer.from(raw) : raw;
  }
  return entity as T;
}

/** Runs raw SQL selecting `selectColumns(...)` plus a `"forId"` column; returns `[forId, entity]` pairs in row order. */
export async function queryLinkedEntities<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  sql: string,
  params: unknown[],
): Promise<Array<{ forId: string; entity: T }>> {
  const rows: Array<Record<string, unknown>> = await dataSource.query(sql, params);
  return rows.map((row) => ({ forId: String(row.forId), entity: toEntity(dataSource, target, row) }));
}
