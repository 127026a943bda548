import { type DataSource } from 'typeorm';
import type { StoredEvent } from '../../domain/webhooks';
import { type Row } from './row-values-reads';
import { outboxEventRows } from '../rows/tables';

/**
 * The dispatcher's statements (docs/events.md, docs/decisions/0014-transactional-outbox.md). Each is
 * one autocommitted statement: no transaction is held while a delivery's HTTP request runs, and on
 * the embedded database (one connection) requests wait for at most one short statement.
 */

/** A delivery claimed for one attempt: where to POST what, signed with which secret. */
export interface ClaimedDelivery {
  readonly deliveryId: string;
  /** This attempt's number (1 for the first; counted at the claim). */
  readonly attempt: number;
  readonly subscriptionId: string;
  readonly url: string;
  readonly secret: string;
  readonly event: StoredEvent;
}

/**
 * Claims up to `limit` due deliveries (PENDING, due by `now`, not leased or their lease expired,
 * of an enabled subscription), oldest due first, for a lease until `lockedUntil` under `leaseId`,
 * counting the attempt. FOR UPDATE SKIP LOCKED: concurrent dispatchers (several replicas) never
 * claim the same row; a dispatcher that dies leaves its lease to expire, after which the row is
 * claimed again (at least once, never lost).
 */
export async function claimDueDeliveries(
  db: DataSource,
  c: { now: Date; lockedUntil: Date; leaseId: string; limit: number },
): Promise<ClaimedDelivery[]> {
  // TypeORM answers an UPDATE with [rows, count].
  const [rows]: [Row[], number] = await db.query(
    `WITH due AS (
       SELECT d.id FROM webhook_delivery d
        WHERE d.status = 'PENDING' AND d.next_attempt_at <= $1 AND (d.locked_until IS NULL OR d.locked_until <= $1)
          AND EXISTS (SELECT 1 FROM webhook_subscription s WHERE s.id = d.subscription_id AND s.enabled)
        ORDER BY d.next_attempt_at, d.id
        LIMIT $4
        FOR UPDATE OF d SKIP LOCKED
     )
     UPDATE webhook_delivery d SET attempts = d.attempts + 1, locked_until = $2, lease_id = $3
       FROM due, webhook_subscription s, outbox_event e
      WHERE d.id = due.id AND s.id = d.subscription_id AND e.id = d.event_id
     RETURNING d.id AS delivery_id, d.attempts AS delivery_attempt, s.id AS subscription_ref, s.url AS target_url,
               s.secret AS signing_secret, ${outboxEventRows.columns('e')}`,
    [c.now, c.lockedUntil, c.leaseId, c.limit],
  );
  return rows.map((row) => ({
    deliveryId: row.delivery_id as string,
    attempt: row.delivery_attempt as number,
    subscriptionId: row.subscription_ref as string,
    url: row.target_url as string,
    secret: row.signing_secret as string,
    event: outboxEventRows.decode(row),
  }));
}

/** What an attempt observed. */
export interface AttemptOutcome {
  readonly deliveryId: string;
  readonly leaseId: string;
  /** When the attempt ended. */
  readonly at: Date;
  readonly httpStatus: number | null;
  readonly latencyMs: number;
  /** Null for a success. */
  readonly error: string | null;
}

const ATTEMPT_COLUMNS = `locked_until = NULL, lease_id = NULL, last_attempt_at = $3, last_http_status = $4,
  last_latency_ms = $5, last_error = $6`;

const attemptParams = (o: AttemptOutcome) => [o.deliveryId, o.leaseId, o.at, o.httpStatus, o.latencyMs, o.error];

/**
 * Records a delivered attempt, if the lease is still this attempt's (a redelivery or an expired
 * lease reclaimed by another dispatcher makes it record nothing), and resets the subscription's
 * count of failed deliveries.
 */
export async function recordDelivered(db: DataSource, o: AttemptOutcome): Promise<void> {
  await db.query(
    `WITH done AS (
       UPDATE webhook_delivery SET status = 'DELIVERED', delivered_at = $3, ${ATTEMPT_COLUMNS}
        WHERE id = $1 AND lease_id = $2 RETURNING subscription_id
     )
     UPDATE webhook_subscription s SET consecutive_failures = 0
       FROM done WHERE s.id = done.subscription_id AND s.consecutive_failures > 0`,
    attemptParams(o),
  );
}

/** Records a failed attempt to be retried at `nextAttemptAt` (if the lease is still this attempt's). */
export async function recordRetry(db: DataSource, o: AttemptOutcome, nextAttemptAt: Date): Promise<void> {
  await db.query(
    `UPDATE webhook_delivery SET next_attempt_at = $7, ${ATTEMPT_COLUMNS} WHERE id = $1 AND lease_id = $2`,
    [...attemptParams(o), nextAttemptAt],
  );
}

/**
 * Records the last failed attempt: the delivery is FAILED, its subscription's count of failed
 * deliveries grows, and at `disableAfter` the subscription is disabled (no more deliveries are
 * claimed or queued for it until a redelivery enables it). Returns whether this disabled it.
 */
export async function recordGivenUp(db: DataSource, o: AttemptOutcome, disableAfter: number): Promise<boolean> {
  const [rows]: [Array<{ disabled: boolean }>, number] = await db.query(
    `WITH failed AS (
       UPDATE webhook_delivery SET status = 'FAILED', ${ATTEMPT_COLUMNS}
        WHERE id = $1 AND lease_id = $2 RETURNING subscription_id
     ), counted AS (
       -- FOR UPDATE: waits for a concurrent give-up of the same subscription and reads its count.
       SELECT s.id, s.enabled AND s.consecutive_failures + 1 >= $7 AS disables
         FROM webhook_subscription s JOIN failed ON failed.subscription_id = s.id
          FOR UPDATE OF s
     )
     UPDATE webhook_subscription s SET consecutive_failures = s.consecutive_failures + 1,
            enabled = s.enabled AND NOT counted.disables,
            disabled_at = CASE WHEN counted.disables THEN $3 ELSE s.disabled_at END,
            version = s.version + CASE WHEN counted.disables THEN 1 ELSE 0 END,
            updated_at = CASE WHEN counted.disables THEN $3 ELSE s.updated_at END
       FROM counted WHERE s.id = counted.id
     RETURNING counted.disables AS disabled`,
    [...attemptParams(o), disableAfter],
  );
  return rows[0]?.disabled ?? false;
}
