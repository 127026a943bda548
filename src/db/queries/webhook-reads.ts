import { type DataSource, type EntityManager } from 'typeorm';
import type { StoredEvent, WebhookDelivery, WebhookDeliveryStatus, WebhookSubscription } from '../../domain/webhooks';
import { queryRows } from '../rows/table-rows';
import { outboxEventRows, webhookDeliveryRows, webhookSubscriptionRows } from '../rows/tables';
import { nodeWithinSql } from './subtree-reads';

type Queryable = DataSource | EntityManager;

/**
 * SQL condition: the subscription `alias` lies inside the subtree of `rootSql` (bound to an org
 * node of it; a whole-organisation subscription lies inside no subtree).
 */
function subscriptionWithinSql(alias: string, rootSql: string): string {
  return `${alias}.org_node_id IS NOT NULL AND ${nodeWithinSql(`${alias}.org_node_id`, rootSql)}`;
}

/**
 * Webhook subscriptions, newest first: all of them, or (`subtreeRootId`) those bound to an org node
 * of that subtree; `orgNodeId` narrows to the subscriptions bound to that node itself.
 */
export async function findWebhookSubscriptions(
  db: Queryable,
  subtreeRootId: string | null,
  orgNodeId: string | null,
): Promise<WebhookSubscription[]> {
  const where = [
    `($1::uuid IS NULL OR ${subscriptionWithinSql('s', '$1::uuid')})`,
    '($2::uuid IS NULL OR s.org_node_id = $2::uuid)',
  ];
  return queryRows(
    db,
    webhookSubscriptionRows,
    `SELECT ${webhookSubscriptionRows.columns('s')} FROM webhook_subscription s
      WHERE ${where.join(' AND ')} ORDER BY s.created_at DESC, s.id DESC`,
    [subtreeRootId, orgNodeId],
  );
}

/** A delivery with its event. */
export interface WebhookDeliveryWithEvent extends WebhookDelivery {
  readonly event: StoredEvent;
}

/**
 * The deliveries of one subscription, newest first, at most `first`, optionally of one status,
 * each with its event (two statements); none when the subscription lies outside the subtree of
 * `subtreeRootId` (as for a missing one).
 */
export async function findWebhookDeliveries(
  db: Queryable,
  q: { subscriptionId: string; status: WebhookDeliveryStatus | null; first: number; subtreeRootId: string | null },
): Promise<WebhookDeliveryWithEvent[]> {
  const deliveries = await queryRows(
    db,
    webhookDeliveryRows,
    `SELECT ${webhookDeliveryRows.columns('d')}
       FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
      WHERE d.subscription_id = $1 AND ($2::text IS NULL OR d.status = $2)
        AND ($4::uuid IS NULL OR ${subscriptionWithinSql('s', '$4::uuid')})
      ORDER BY d.created_at DESC, d.id DESC LIMIT $3`,
    [q.subscriptionId, q.status, q.first, q.subtreeRootId],
  );
  if (deliveries.length === 0) return [];
  const events = await queryRows(
    db,
    outboxEventRows,
    `SELECT ${outboxEventRows.columns()} FROM outbox_event WHERE id = ANY($1::uuid[])`,
    [[...new Set(deliveries.map((d) => d.eventId))]],
  );
  const byId = new Map(events.map((e) => [e.id, e]));
  return deliveries.map((d) => ({ ...d, event: byId.get(d.eventId)! }));
}

/**
 * An event of the outbox by id.
 * @throws Error when there is none (callers read the event of a delivery they hold: it cannot vanish first)
 */
export async function findOutboxEvent(db: Queryable, id: string): Promise<StoredEvent> {
  const [event] = await queryRows(
    db,
    outboxEventRows,
    `SELECT ${outboxEventRows.columns()} FROM outbox_event WHERE id = $1`,
    [id],
  );
  if (event === undefined) throw new Error(`outbox_event has no row ${id}`);
  return event;
}
