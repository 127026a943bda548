import { type EntityManager } from 'typeorm';
import { type DomainError, notFound } from '../../domain/errors';
import { outsideKeySubtree } from '../../domain/principal';
import { isUuid } from '../../domain/rules/keys';
import { validateWebhookSubscription, type WebhookSubscription } from '../../domain/webhooks';
import { type CommandContext } from '../command-context';
import { type Shows } from '../replay-visibility';
import { type AuditSubject, runCommand } from '../run-command';
import {
  type CreatedWebhookSubscription,
  createWebhookSubscription,
  deleteWebhookSubscription,
  redeliverWebhookDelivery,
  type RedeliveredWebhookDelivery,
} from './webhook-writes';

export interface CreateWebhookSubscriptionRequest {
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly orgNodeId?: string | null;
  readonly orgNodeKey?: string | null;
  readonly decisionOverdueDays?: number | null;
}

/**
 * The org node a subscription is bound to, for replays; when it has left the key's subtree since,
 * the replay answers `hidden()`, what a fresh request answers now.
 */
function showsSubscriptionNode(orgNodeId: string | null, hidden: () => DomainError): ReturnType<Shows<unknown>> {
  return orgNodeId === null ? null : { type: 'org_node', ref: { id: orgNodeId }, hidden };
}

/** A subscription or delivery a write targets by id, locked (FOR UPDATE) before the runner snapshots it. */
function lockedRef(type: 'webhook_subscription' | 'webhook_delivery', id: string) {
  return async (m: EntityManager): Promise<AuditSubject | null> => {
    if (!isUuid(id)) return null;
    const [row] = await m.query(`SELECT id FROM ${type} WHERE id = $1 FOR UPDATE`, [id]);
    return row ? { type, id: row.id, experimentId: null } : null;
  };
}

/**
 * createWebhookSubscription: one audited transaction. The input is checked before anything is read
 * (BAD_USER_INPUT naming input.url, input.eventTypes or input.decisionOverdueDays). The secret is
 * never kept for replays: a replay answers the subscription with a null secret.
 */
export function handleCreateWebhookSubscription(
  ctx: CommandContext,
  input: CreateWebhookSubscriptionRequest,
  idempotencyKey?: string | null,
): Promise<CreatedWebhookSubscription> {
  const valid = validateWebhookSubscription(input);
  return runCommand<CreatedWebhookSubscription>(
    ctx,
    {
      operation: 'createWebhookSubscription',
      args: { input },
      idempotencyKey,
      replayable: (r) => ({ subscription: r.subscription, secret: null }),
      after: (r) => ({ type: 'webhook_subscription', id: r.subscription.id, experimentId: null }),
      // The tree is visible to every key: a node that left the subtree is FORBIDDEN, as a new subscription there.
      shows: (r) =>
        showsSubscriptionNode(r.subscription.orgNodeId, () =>
          outsideKeySubtree('The org node of the subscription lies outside', 'input.orgNodeId'),
        ),
    },
    (w) => createWebhookSubscription(w, { ...valid, orgNodeId: input.orgNodeId, orgNodeKey: input.orgNodeKey }),
  );
}

/** deleteWebhookSubscription: one audited transaction (the audit row keeps the subscription as it was, without its secret). */
export function handleDeleteWebhookSubscription(
  ctx: CommandContext,
  input: { readonly id: string; readonly expectedVersion?: number | null },
  idempotencyKey?: string | null,
) {
  return runCommand<WebhookSubscription>(
    ctx,
    {
      operation: 'deleteWebhookSubscription',
      args: { input },
      idempotencyKey,
      before: lockedRef('webhook_subscription', input.id),
      shows: (r) => showsSubscriptionNode(r.orgNodeId, () => notFound('webhook subscription', 'input.id', input.id)),
    },
    (w) => deleteWebhookSubscription(w, input),
  );
}

/** redeliverWebhookDelivery: one audited transaction. */
export function handleRedeliverWebhookDelivery(
  ctx: CommandContext,
  input: { readonly id: string },
  idempotencyKey?: string | null,
) {
  return runCommand<RedeliveredWebhookDelivery>(
    ctx,
    {
      operation: 'redeliverWebhookDelivery',
      args: { input },
      idempotencyKey,
      before: lockedRef('webhook_delivery', input.id),
      after: (r) => ({ type: 'webhook_delivery', id: r.delivery.id, experimentId: null }),
      shows: (r) => showsSubscriptionNode(r.orgNodeId, () => notFound('webhook delivery', 'input.id', input.id)),
    },
    (w) => redeliverWebhookDelivery(w, input),
  );
}
