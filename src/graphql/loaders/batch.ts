/**
 * Shapes a batch query's rows into DataLoader's contract: one result per key, in key order.
 * Missing keys give `null` (single) or `[]` (lists); loaders never throw for a missing key.
 */

import { groupBy } from '../../db/queries/group-rows';

/** One row per key (or null), matched by `keyOf(row)`. */
export function oneByKey<T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): Array<T | null> {
  const byKey = new Map<string, T>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

/** All rows per key, keeping the rows' order (the query's ORDER BY). */
export function manyByKey<T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): T[][] {
  const byKey = groupBy(rows, keyOf);
  return keys.map((key) => byKey.get(key) ?? []);
}

/** Rows of a link query (`{ forId, entity }`) grouped per key. */
export function linkedByKey<T>(keys: readonly string[], links: ReadonlyArray<{ forId: string; entity: T }>): T[][] {
  return manyByKey(keys, links, (link) => link.forId).map((list) => list.map((link) => link.entity));
}
