import { type EntityManager } from 'typeorm';
import { CATALOGUE_TABLES } from '../catalogue-tables';

/** Rows per catalogue table (what a reset deletes), tables with no rows left out. */
export async function countCatalogueRows(
  manager: EntityManager,
): Promise<ReadonlyArray<{ table: string; rows: number }>> {
  const [row]: Record<string, number>[] = await manager.query(
    `SELECT ${CATALOGUE_TABLES.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}`,
  );
  return CATALOGUE_TABLES.map((table) => ({ table, rows: row?.[table] ?? 0 })).filter((t) => t.rows > 0);
}
