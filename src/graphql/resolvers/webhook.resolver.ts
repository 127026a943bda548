import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { validateUuid } from '../../domain/rules/keys';
import type * as w from '../../domain/webhooks';
import {
  findOutboxEvent,
  findWebhookDeliveries,
  findWebhookSubscriptions,
  type WebhookDeliveryWithEvent,
} from '../../db/queries/webhook-reads';
import {
  handleCreateWebhookSubscription,
  handleDeleteWebhookSubscription,
  handleRedeliverWebhookDelivery,
} from '../../app/webhook/webhook-commands';
import { IDEMPOTENCY_KEY_ARG } from '../args/idempotency.args';
import { WebhookDeliveriesArgs } from '../args/webhook-deliveries.args';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
import {
  CreateWebhookSubscriptionInput,
  DeleteWebhookSubscriptionInput,
  RedeliverWebhookDeliveryInput,
} from '../inputs/webhook.input';
import { validateFirst } from '../page-args';
import { OrgNode } from '../types/org-node.type';
import { CreateWebhookSubscriptionPayload, WebhookDelivery, WebhookSubscription } from '../types/webhook.type';

/** Webhook subscriptions and their delivery log (scope webhooks; docs/events.md). */
@Resolver(() => WebhookSubscription)
export class WebhookResolver {
  @Query(() => [WebhookSubscription], {
    description: 'Webhook subscriptions, newest first (a key limited to an org node: those of its subtree).',
  })
  webhookSubscriptions(@Ctx() ctx: Context): Promise<w.WebhookSubscription[]> {
    return findWebhookSubscriptions(ctx.dataSource, ctx.access.subtreeRootId, null);
  }

  @Query(() => [WebhookDelivery], {
    description: "A subscription's delivery log, newest first: attempts, status, HTTP status, latency, last error.",
  })
  webhookDeliveries(@Args() args: WebhookDeliveriesArgs, @Ctx() ctx: Context): Promise<WebhookDeliveryWithEvent[]> {
    validateUuid('subscriptionId', args.subscriptionId);
    return findWebhookDeliveries(ctx.dataSource, {
      subscriptionId: args.subscriptionId,
      status: args.status ?? null,
      first: validateFirst(args.first),
      subtreeRootId: ctx.access.subtreeRootId,
    });
  }

  @Mutation(() => CreateWebhookSubscriptionPayload, {
    description:
      'Subscribes a URL to the events of an org subtree and returns the signing secret, once (docs/events.md).',
  })
  async createWebhookSubscription(
    @Arg('input', () => CreateWebhookSubscriptionInput, { description: 'The subscription.' })
    input: CreateWebhookSubscriptionInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<CreateWebhookSubscriptionPayload> {
    return handleCreateWebhookSubscription(commandContextOf(ctx), input, idempotencyKey);
  }

  @Mutation(() => WebhookSubscription, {
    description:
      'Deletes a webhook subscription with its deliveries (pending ones are never sent); returns it as it was.',
  })
  deleteWebhookSubscription(
    @Arg('input', () => DeleteWebhookSubscriptionInput, { description: 'The subscription.' })
    input: DeleteWebhookSubscriptionInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<w.WebhookSubscription> {
    return handleDeleteWebhookSubscription(commandContextOf(ctx), input, idempotencyKey);
  }

  @Mutation(() => WebhookDelivery, {
    description:
      'Sends a delivery again, due now with a fresh attempt budget; enables its subscription again if it was disabled.',
  })
  async redeliverWebhookDelivery(
    @Arg('input', () => RedeliverWebhookDeliveryInput, { description: 'The delivery.' })
    input: RedeliverWebhookDeliveryInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<WebhookDeliveryWithEvent> {
    const { delivery } = await handleRedeliverWebhookDelivery(commandContextOf(ctx), input, idempotencyKey);
    return { ...delivery, event: await findOutboxEvent(ctx.dataSource, delivery.eventId) };
  }

  @FieldResolver(() => OrgNode, {
    nullable: true,
    description: "The org node whose subtree's events are delivered; null: the whole organisation.",
  })
  orgNode(@Root() subscription: w.WebhookSubscription, @Ctx() ctx: Context): Promise<d.OrgNode | null> | null {
    return subscription.orgNodeId === null ? null : ctx.loaders.orgNodeById.load(subscription.orgNodeId);
  }
}
