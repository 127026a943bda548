import { type DataSource, type EntityManager } from 'typeorm';
import { generateApiKeyToken, type NewApiKeyInput, type StoredApiKey, validateNewApiKey } from '../../domain/api-key';
import { badInput, notFound } from '../../domain/errors';
import { isUuid } from '../../domain/rules/keys';
import { API_KEY_COLUMNS, toStoredApiKey } from '../../db/queries/api-key-reads';
import { findOrgNodeForWrite } from '../../db/queries/reference-writes';
import { type WriteContext } from '../write-context';

export interface CreateApiKeyCommand extends Omit<NewApiKeyInput, 'limitedToOrgNode'> {
  readonly orgNodeId?: string | null;
  readonly orgNodeKey?: string | null;
}

/** How often at most `last_used_at` is written per key: a write per request would cost more than the lookup. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Creates a key and returns it with its token, which is never stored and cannot be shown again.
 * @throws BAD_USER_INPUT (name, scopes, expiry, admin on a limited key), NOT_FOUND (org node).
 */
export async function createApiKey(
  w: WriteContext,
  input: CreateApiKeyCommand,
  random?: (size: number) => Buffer,
): Promise<{ key: StoredApiKey; token: string }> {
  const { m, now } = w;
  const limited = input.orgNodeId != null || input.orgNodeKey != null;
  const valid = validateNewApiKey(
    { name: input.name, scopes: input.scopes, expiresAt: input.expiresAt, limitedToOrgNode: limited },
    now,
  );
  const node = limited
    ? await findOrgNodeForWrite(
        m,
        { id: 'input.orgNodeId', key: 'input.orgNodeKey' },
        { id: input.orgNodeId, key: input.orgNodeKey },
      )
    : null;
  const generated = generateApiKeyToken(random);
  const rows: Record<string, unknown>[] = await m.query(
    `INSERT INTO api_key (name, lookup_id, secret_sha256, scopes, org_node_id, expires_at, created_at)
     VALUES ($1, $2, $3, $4::text[], $5, $6, $7) RETURNING ${API_KEY_COLUMNS}`,
    [valid.name, generated.lookupId, generated.secretSha256, valid.scopes, node?.id ?? null, valid.expiresAt, now],
  );
  return { key: toStoredApiKey(rows[0]!), token: generated.token };
}

/**
 * Finds a key by its id (UUID) or its public prefix (`ewl_<lookup id>`, or the bare lookup id).
 * @throws BAD_USER_INPUT when the reference is neither; NOT_FOUND when no key matches.
 */
export async function findApiKeyForWrite(m: EntityManager, field: string, ref: string): Promise<StoredApiKey> {
  const trimmed = ref.trim();
  const lookupId = /^(ewl_)?([0-9a-f]{16})$/.exec(trimmed)?.[2];
  if (!isUuid(trimmed) && lookupId === undefined)
    throw badInput(field, ref, 'an API key id (UUID) or prefix (ewl_ and 16 hex digits)');
  const rows: Record<string, unknown>[] = isUuid(trimmed)
    ? await m.query(`SELECT ${API_KEY_COLUMNS} FROM api_key WHERE id = $1 FOR UPDATE`, [trimmed.toLowerCase()])
    : await m.query(`SELECT ${API_KEY_COLUMNS} FROM api_key WHERE lookup_id = $1 FOR UPDATE`, [lookupId]);
  if (rows.length === 0) throw notFound('API key', field, ref);
  return toStoredApiKey(rows[0]!);
}

/**
 * Revokes the key `input.idOrPrefix` names from `now` on; requests with it are UNAUTHENTICATED from
 * the next one. Revoking a revoked key changes nothing and returns it (a retried revocation is not an error).
 */
export async function revokeApiKey(w: WriteContext, input: { readonly idOrPrefix: string }): Promise<StoredApiKey> {
  const { m, now } = w;
  const field = 'input.idOrPrefix';
  const key = await findApiKeyForWrite(m, field, input.idOrPrefix);
  if (key.revokedAt !== null) return key;
  // No RETURNING: TypeORM answers an UPDATE with [rows, count] rather than rows.
  await m.query('UPDATE api_key SET revoked_at = $2 WHERE id = $1', [key.id, now]);
  return findApiKeyForWrite(m, field, key.id);
}

/**
 * Notes that a key was used, at most once per LAST_USED_RESOLUTION_MS per key (the caller skips
 * the statement when the stored value is recent; the WHERE keeps concurrent requests from writing twice).
 */
export async function recordApiKeyUse(dataSource: DataSource, key: StoredApiKey, now: Date): Promise<void> {
  if (key.lastUsedAt !== null && now.getTime() - key.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  await dataSource.query(
    `UPDATE api_key SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - make_interval(secs => $3))`,
    [key.id, now, LAST_USED_RESOLUTION_MS / 1000],
  );
}
