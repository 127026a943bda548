import { type EntityManager } from 'typeorm';

/**
 * API keys survive a seed reset. Emptying the catalogue truncates `org_node`, and the truncate
 * cascades to `api_key` (a key may be scoped to an org node): the keys are read first and written
 * back after the new portfolio is inserted, with their scope found again by org node KEY. A key
 * scoped to a node key that the new data does not have is not restored (restoring it unscoped
 * would widen what it sees); it is reported by name.
 */
export interface KeptApiKeys {
  /** Keys written back. */
  readonly kept: number;
  /** Names of keys whose org node no longer exists (deleted). */
  readonly dropped: readonly string[];
}

interface StashedKey {
  readonly id: string;
  readonly name: string;
  readonly lookup_id: string;
  readonly secret_sha256: string;
  readonly scopes: string[];
  readonly org_node_key: string | null;
  readonly expires_at: string | null;
  readonly created_at: string;
  readonly revoked_at: string | null;
  readonly last_used_at: string | null;
}

export interface ApiKeyStash {
  readonly keys: readonly StashedKey[];
}

/** Reads every API key with its org node's key (inside the reset's transaction, before the truncate). */
export async function stashApiKeys(manager: EntityManager): Promise<ApiKeyStash> {
  const keys: StashedKey[] = await manager.query(`
    SELECT k.id, k.name, k.lookup_id, k.secret_sha256, k.scopes, n.key AS org_node_key,
           k.expires_at::text AS expires_at, k.created_at::text AS created_at, k.revoked_at::text AS revoked_at, k.last_used_at::text AS last_used_at
    FROM api_key k LEFT JOIN org_node n ON n.id = k.org_node_id`);
  return { keys };
}

/** Writes the stashed keys back, scoped by org node key (after the new org nodes are inserted). */
export async function restoreApiKeys(manager: EntityManager, stash: ApiKeyStash): Promise<KeptApiKeys> {
  if (stash.keys.length === 0) return { kept: 0, dropped: [] };
  const restored: { id: string }[] = await manager.query(
    `
    INSERT INTO api_key (id, name, lookup_id, secret_sha256, scopes, org_node_id, expires_at, created_at, revoked_at, last_used_at)
    SELECT r.id, r.name, r.lookup_id, r.secret_sha256, r.scopes, n.id, r.expires_at, r.created_at, r.revoked_at, r.last_used_at
    FROM jsonb_to_recordset($1::jsonb) AS r(
      id uuid, name text, lookup_id text, secret_sha256 text, scopes text[], org_node_key text,
      expires_at timestamptz, created_at timestamptz, revoked_at timestamptz, last_used_at timestamptz)
    LEFT JOIN org_node n ON n.key = r.org_node_key
    WHERE r.org_node_key IS NULL OR n.id IS NOT NULL
    RETURNING id`,
    [JSON.stringify(stash.keys)],
  );
  const restoredIds = new Set(restored.map((r) => r.id));
  return { kept: restored.length, dropped: stash.keys.filter((k) => !restoredIds.has(k.id)).map((k) => k.name) };
}
