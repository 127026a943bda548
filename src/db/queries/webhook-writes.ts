import { type EntityManager } from 'typeorm';
import type { EventType } from '../../domain/events';
import type { WebhookDelivery, WebhookSubscription } from '../../domain/webhooks';
import { queryRows, queryWrittenRow } from '../rows/table-rows';
import { webhookDeliveryRows, webhookSubscriptionRows } from '../rows/tables';

/** A new subscription's stored values (checked by validateWebhookSubscription). */
export interface NewWebhookSubscription {
  readonly url: string;
  readonly eventTypes: readonly EventType[];
  readonly orgNodeId: string | null;
  readonly decisionOverdueDays: number | null;
  readonly secret: string;
  readonly createdByApiKeyId: string | null;
}

/** Inserts a subscription (enabled, no failures) at `now` and returns it as the API shows it. */
export async function insertWebhookSubscription(
  m: EntityManager,
  s: NewWebhookSubscription,
  now: Date,
): Promise<WebhookSubscription> {
  const [row]: Array<{ id: string }> = await m.query(
    `INSERT INTO webhook_subscription (url, event_types, org_node_id, decision_overdue_days, secret, created_by_api_key_id, created_at, updated_at)
     VALUES ($1, $2::text[], $3, $4, $5, $6, $7, $7) RETURNING id`,
    [s.url, s.eventTypes, s.orgNodeId, s.decisionOverdueDays, s.secret, s.createdByApiKeyId, now],
  );
  return queryWrittenRow(m, webhookSubscriptionRows, row!.id);
}

/** Deletes a subscription with its deliveries (their log goes with it). */
export async function deleteWebhookSubscriptionRow(m: EntityManager, id: string): Promise<void> {
  await m.query('DELETE FROM webhook_subscription WHERE id = $1', [id]);
}

/** Loads and locks (FOR UPDATE) a delivery by id; null when there is none. */
export async function lockWebhookDelivery(m: EntityManager, id: string): Promise<WebhookDelivery | null> {
  const [row] = await queryRows(
    m,
    webhookDeliveryRows,
    `SELECT ${webhookDeliveryRows.columns()} FROM webhook_delivery WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return row ?? null;
}

/**
 * Makes a delivery due again at `now` with a fresh attempt budget (PENDING, attempts 0, no lease:
 * an attempt still in flight records nothing), keeping its last attempt's outcome for the log.
 */
export async function resetWebhookDelivery(m: EntityManager, id: string, now: Date): Promise<WebhookDelivery> {
  await m.query(
    `UPDATE webhook_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = $2, locked_until = NULL,
            lease_id = NULL, delivered_at = NULL WHERE id = $1`,
    [id, now],
  );
  return queryWrittenRow(m, webhookDeliveryRows, id);
}

/** Enables a disabled subscription at `now` with its failure count reset (and its version bumped). */
export async function enableWebhookSubscriptionRow(m: EntityManager, id: string, now: Date): Promise<void> {
  await m.query(
    `UPDATE webhook_subscription SET enabled = true, disabled_at = NULL, consecutive_failures = 0,
            version = version + 1, updated_at = $2 WHERE id = $1 AND NOT enabled`,
    [id, now],
  );
}
