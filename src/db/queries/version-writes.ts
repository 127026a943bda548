import { type EntityManager } from 'typeorm';
import { versionMismatch } from '../../domain/optimistic-concurrency';

/** Tables with an optimistic-concurrency `version` column. */
export type VersionedTable = 'experiment' | 'org_node' | 'metric' | 'hypothesis' | 'learning' | 'webhook_subscription';

/**
 * Increments a record's version, and when `expected` is given only if the record still has it:
 * the check is in the UPDATE's WHERE (TypeORM's version column does not check on save). Call it
 * first in the write, so a stale request changes nothing. Returns the new version.
 * @throws DomainError CONFLICT VERSION_MISMATCH naming `field`, with the current version.
 */
export async function bumpVersion(
  m: EntityManager,
  table: VersionedTable,
  id: string,
  expected: number | null | undefined,
  field = 'input.expectedVersion',
): Promise<number> {
  const [rows]: [Array<{ version: number }>, number] = await m.query(
    `UPDATE ${table} SET version = version + 1 WHERE id = $1 AND ($2::int IS NULL OR version = $2::int) RETURNING version`,
    [id, expected ?? null],
  );
  if (rows.length === 1) return rows[0]!.version;
  const [current]: Array<{ version: number }> = await m.query(`SELECT version FROM ${table} WHERE id = $1`, [id]);
  throw versionMismatch(field, expected!, current!.version);
}
