import { type DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../../domain/errors';
import { decodeResponse, IDEMPOTENCY_KEY_TTL_HOURS, idempotencyKeyReused } from '../../domain/idempotency';

/** The outcome of claiming a key: this request writes, or it replays the first response. */
export type IdempotencyClaim = { readonly kind: 'claimed' } | { readonly kind: 'replay'; readonly response: unknown };

/**
 * Claims `(scope, key)` for this request inside the mutation's transaction (docs/decisions/0009-safe-writes.md):
 * - new key: inserted (uncommitted until the write commits; a failed write releases it);
 * - a concurrent request holding the key: PostgreSQL makes this INSERT wait until it commits or
 *   rolls back, so a duplicate never writes twice: it then replays, or claims if the first failed;
 * - a used key with the same fingerprint: replay the stored response;
 * - a used key with another operation or input: CONFLICT IDEMPOTENCY_KEY_REUSED.
 */
export async function claimIdempotencyKey(
  m: EntityManager,
  scope: string,
  key: string,
  operation: string,
  fingerprint: string,
  now: Date,
): Promise<IdempotencyClaim> {
  const inserted: unknown[] = await m.query(
    `INSERT INTO idempotency_key (scope, key, operation, fingerprint, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
    [scope, key, operation, fingerprint, now],
  );
  if (inserted.length > 0) return { kind: 'claimed' };
  const [row]: Array<{ operation: string; fingerprint: string; response: string | null }> = await m.query(
    `SELECT operation, fingerprint, response::text AS response FROM idempotency_key WHERE scope = $1 AND key = $2`,
    [scope, key],
  );
  if (!row || row.response === null) {
    // Purged between the two statements, or a row without a response (cannot be committed that way): ask to retry.
    throw new DomainError(
      'CONFLICT',
      `The request with idempotency key ${JSON.stringify(key)} is still being processed; retry shortly`,
      {
        reason: 'IN_PROGRESS',
        details: { field: 'idempotencyKey', value: key },
      },
    );
  }
  if (row.fingerprint !== fingerprint) throw idempotencyKeyReused(key, row.operation);
  return { kind: 'replay', response: decodeResponse(row.response) };
}

/** Stores the response of the write that claimed the key (same transaction). */
export async function completeIdempotencyKey(
  m: EntityManager,
  scope: string,
  key: string,
  encodedResponse: string,
): Promise<void> {
  await m.query(`UPDATE idempotency_key SET response = $3::jsonb WHERE scope = $1 AND key = $2`, [
    scope,
    key,
    encodedResponse,
  ]);
}

/** Deletes keys older than twice the promised lifetime; returns how many. */
export async function purgeIdempotencyKeys(db: DataSource, now: Date): Promise<number> {
  const [, count]: [unknown, number] = await db.query(
    `DELETE FROM idempotency_key WHERE created_at < $1::timestamptz - interval '${2 * IDEMPOTENCY_KEY_TTL_HOURS} hours'`,
    [now],
  );
  return count;
}
