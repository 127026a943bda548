import { notFound } from '../../domain/errors';
import { validateUuid } from '../../domain/rules/keys';
import {
  generateWebhookSecret,
  type ValidWebhookSubscription,
  type WebhookDelivery,
  type WebhookSubscription,
} from '../../domain/webhooks';
import { findByIdForWrite, findOrgNodeForWrite } from '../../db/queries/reference-writes';
import { bumpVersion } from '../../db/queries/version-writes';
import {
  deleteWebhookSubscriptionRow,
  enableWebhookSubscriptionRow,
  insertWebhookSubscription,
  lockWebhookDelivery,
  resetWebhookDelivery,
} from '../../db/queries/webhook-writes';
import { webhookSubscriptionRows } from '../../db/rows/tables';
import { type WriteContext } from '../write-context';

export interface CreateWebhookSubscriptionCommand extends ValidWebhookSubscription {
  readonly orgNodeId?: string | null;
  readonly orgNodeKey?: string | null;
}

/** A created subscription with its signing secret, shown once. */
export interface CreatedWebhookSubscription {
  readonly subscription: WebhookSubscription;
  /** Null in an idempotent replay: the stored response never holds it. */
  readonly secret: string | null;
}

/**
 * Creates a subscription bound to an org node's subtree (or, for an unbounded principal, none: the
 * whole organisation) with a new signing secret. A key limited to a subtree may bind it only to a
 * node inside (SubtreeGuard, WEBHOOK_INSIDE).
 * @throws NOT_FOUND (org node), FORBIDDEN OUTSIDE_KEY_SUBTREE.
 */
export async function createWebhookSubscription(
  w: WriteContext,
  input: CreateWebhookSubscriptionCommand,
  random?: (size: number) => Buffer,
): Promise<CreatedWebhookSubscription> {
  const { m, now } = w;
  const fields = { id: 'input.orgNodeId', key: 'input.orgNodeKey' };
  const node =
    input.orgNodeId != null || input.orgNodeKey != null
      ? await findOrgNodeForWrite(m, fields, { id: input.orgNodeId, key: input.orgNodeKey })
      : null;
  await w.subtree.assertSubscriptionNodeInside(m, node, input.orgNodeId != null ? fields.id : fields.key);
  const secret = generateWebhookSecret(random);
  const subscription = await insertWebhookSubscription(
    m,
    {
      url: input.url,
      eventTypes: input.eventTypes,
      orgNodeId: node?.id ?? null,
      decisionOverdueDays: input.decisionOverdueDays,
      secret,
      createdByApiKeyId: w.principal.kind === 'API_KEY' ? w.principal.keyId : null,
    },
    now,
  );
  return { subscription, secret };
}

/** Loads and locks a subscription by id; one bound outside the key's subtree is NOT_FOUND like a missing one. */
async function findSubscriptionForWrite(w: WriteContext, field: string, id: string): Promise<WebhookSubscription> {
  const subscription = await findByIdForWrite(w.m, webhookSubscriptionRows, 'webhook subscription', field, id, true);
  await w.subtree.assertSubscriptionVisible(w.m, subscription.orgNodeId, () =>
    notFound('webhook subscription', field, id),
  );
  return subscription;
}

/**
 * Deletes a subscription with its deliveries (pending ones are never sent; the log goes too).
 * Returns it as it was.
 * @throws NOT_FOUND, CONFLICT VERSION_MISMATCH.
 */
export async function deleteWebhookSubscription(
  w: WriteContext,
  input: { readonly id: string; readonly expectedVersion?: number | null },
): Promise<WebhookSubscription> {
  const subscription = await findSubscriptionForWrite(w, 'input.id', input.id);
  await bumpVersion(w.m, 'webhook_subscription', subscription.id, input.expectedVersion);
  await deleteWebhookSubscriptionRow(w.m, subscription.id);
  return subscription;
}

/** A delivery made due again, with the org node its subscription is bound to (what a replay re-checks). */
export interface RedeliveredWebhookDelivery {
  readonly delivery: WebhookDelivery;
  readonly orgNodeId: string | null;
}

/**
 * Sends a delivery again: due now, with a fresh attempt budget, whatever its state (a DELIVERED
 * one is sent once more; receivers deduplicate by event id). A disabled subscription is enabled
 * again with its failure count reset: redelivering is how a fixed receiver is taken back.
 * @throws NOT_FOUND (missing, or of a subscription outside the key's subtree).
 */
export async function redeliverWebhookDelivery(
  w: WriteContext,
  input: { readonly id: string },
): Promise<RedeliveredWebhookDelivery> {
  const { m, now } = w;
  validateUuid('input.id', input.id);
  // The delivery first, then its subscription: the dispatcher's statements take them in this order.
  const delivery = await lockWebhookDelivery(m, input.id);
  if (delivery === null) throw notFound('webhook delivery', 'input.id', input.id);
  const subscription = await findByIdForWrite(
    m,
    webhookSubscriptionRows,
    'webhook subscription',
    'input.id',
    delivery.subscriptionId,
    true,
  );
  await w.subtree.assertSubscriptionVisible(m, subscription.orgNodeId, () =>
    notFound('webhook delivery', 'input.id', input.id),
  );
  await enableWebhookSubscriptionRow(m, subscription.id, now);
  return { delivery: await resetWebhookDelivery(m, delivery.id, now), orgNodeId: subscription.orgNodeId };
}
