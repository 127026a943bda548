import { type StoredApiKey } from '../../domain/api-key';
import { type Queryable, queryRows } from '../rows/table-rows';
import { apiKeyRows } from '../rows/tables';
import { type Row } from './row-values-reads';

/** The select list of `api_key` that `toStoredApiKey` reads (in a SELECT or a RETURNING clause). */
export const API_KEY_COLUMNS = apiKeyRows.columns();

/** Maps an `api_key` row selected with API_KEY_COLUMNS to the domain type. */
export function toStoredApiKey(row: Row): StoredApiKey {
  return apiKeyRows.decode(row);
}

/** The key with this public lookup id, or null (one unique-index lookup per authenticated request). */
export async function findApiKeyByLookupId(db: Queryable, lookupId: string): Promise<StoredApiKey | null> {
  const [key] = await queryRows(db, apiKeyRows, `SELECT ${API_KEY_COLUMNS} FROM api_key WHERE lookup_id = $1`, [
    lookupId,
  ]);
  return key ?? null;
}

/** Every key (revoked and expired ones included), newest first. */
export function findAllApiKeys(db: Queryable): Promise<StoredApiKey[]> {
  return queryRows(db, apiKeyRows, `SELECT ${API_KEY_COLUMNS} FROM api_key ORDER BY created_at DESC, id DESC`, []);
}

/** The keys with these ids (those that exist), in no particular order. */
export function findApiKeysByIds(db: Queryable, ids: readonly string[]): Promise<StoredApiKey[]> {
  return queryRows(db, apiKeyRows, `SELECT ${API_KEY_COLUMNS} FROM api_key WHERE id = ANY($1::uuid[])`, [[...ids]]);
}
