import { type DataSource, type EntityManager } from 'typeorm';
import { type StoredApiKey } from '../../domain/api-key';
import type { ApiScope } from '../../domain/api-scopes';

type Queryable = DataSource | EntityManager;

/** Columns of `api_key` in the order `toStoredApiKey` reads them. */
export const API_KEY_COLUMNS =
  'id, name, lookup_id, secret_sha256, scopes, org_node_id, expires_at, created_at, revoked_at, last_used_at';

/** Maps an `api_key` row (API_KEY_COLUMNS) to the domain type. */
export function toStoredApiKey(row: Record<string, unknown>): StoredApiKey {
  return {
    id: row.id as string,
    name: row.name as string,
    lookupId: row.lookup_id as string,
    secretSha256: row.secret_sha256 as string,
    scopes: row.scopes as ApiScope[],
    orgNodeId: row.org_node_id as string | null,
    expiresAt: row.expires_at as Date | null,
    createdAt: row.created_at as Date,
    revokedAt: row.revoked_at as Date | null,
    lastUsedAt: row.last_used_at as Date | null,
  };
}

/** The key with this public lookup id, or null (one unique-index lookup per authenticated request). */
export async function findApiKeyByLookupId(db: Queryable, lookupId: string): Promise<StoredApiKey | null> {
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT ${API_KEY_COLUMNS} FROM api_key WHERE lookup_id = $1`,
    [lookupId],
  );
  return rows.length === 0 ? null : toStoredApiKey(rows[0]!);
}

/** Every key (revoked and expired ones included), newest first. */
export async function findAllApiKeys(db: Queryable): Promise<StoredApiKey[]> {
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT ${API_KEY_COLUMNS} FROM api_key ORDER BY created_at DESC, id DESC`,
  );
  return rows.map(toStoredApiKey);
}
