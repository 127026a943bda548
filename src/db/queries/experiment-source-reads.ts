import { type EntityManager } from 'typeorm';

/**
 * Ids of the experiments that exist under the given (source, externalId) pairs (one statement;
 * pairs without a source match nothing). Used to snapshot an import's targets before it writes.
 */
export async function findExperimentIdsBySource(
  m: EntityManager,
  refs: ReadonlyArray<{ readonly source: string | null; readonly externalId: string }>,
): Promise<string[]> {
  const known = refs.filter((r) => r.source !== null);
  if (known.length === 0) return [];
  const rows: Array<{ id: string }> = await m.query(
    `SELECT e.id FROM experiment e JOIN unnest($1::text[], $2::text[]) AS r(source, external_id)
       ON e.external_source = r.source AND e.external_id = r.external_id`,
    [known.map((r) => r.source), known.map((r) => r.externalId)],
  );
  return rows.map((r) => r.id);
}
