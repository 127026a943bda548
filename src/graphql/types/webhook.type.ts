import { JSONResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EVENT_TYPES, type EventType as EventTypeValue } from '../../domain/events';
import {
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_DISABLE_AFTER_FAILED_DELIVERIES,
  type WebhookDeliveryStatus as WebhookDeliveryStatusValue,
} from '../../domain/webhooks';
import { enumOf } from '../enums';
import { DateTimeScalar } from '../scalars/date-time.scalar';

/** GraphQL enum names (no dots allowed) for the event types: EXPERIMENT_STATUS_CHANGED is `experiment.status_changed`. */
export const eventTypeName = (type: EventTypeValue) => type.replace('.', '_').toUpperCase();

export const EventType = Object.fromEntries(EVENT_TYPES.map((t) => [eventTypeName(t), t])) as Record<
  string,
  EventTypeValue
>;
export const WebhookDeliveryStatus = enumOf(WEBHOOK_DELIVERY_STATUSES);

const EVENT_TYPE_DESCRIPTIONS: Readonly<Record<EventTypeValue, string>> = {
  'experiment.status_changed': 'The lifecycle status moved (from null: the experiment is new).',
  'experiment.category_changed': 'The stored EwL category moved, with the cause of the recomputation.',
  'experiment.invalid': 'The validity became INVALID.',
  'decision.recorded': 'A decision was recorded, with consistentWithAnalysis.',
  'decision.inconsistent': 'A recorded decision does not fit the analysis (e.g. SHIP on a REGRESSION).',
  'learning.added': 'A learning linked to the experiment was added.',
  'experiment.decision_overdue':
    'Concluded at least decisionOverdueDays days ago without a decision; once per experiment and threshold.',
};

registerEnumType(EventType, {
  name: 'EventType',
  description:
    'What happened to an experiment (docs/events.md); a delivery names it in dotted form (X-EwL-Event-Type).',
  valuesConfig: Object.fromEntries(
    EVENT_TYPES.map((t) => [eventTypeName(t), { description: `${t}: ${EVENT_TYPE_DESCRIPTIONS[t]}` }]),
  ),
});
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description:
    'PENDING: waiting for its (next) attempt; DELIVERED: the receiver answered 2xx; FAILED: every attempt failed (redeliverWebhookDelivery sends it again).',
});

@ObjectType({
  description:
    "A webhook subscription (docs/events.md): the events of an org node's subtree, POSTed signed to a URL. Its secret is shown once, by createWebhookSubscription.",
})
export class WebhookSubscription {
  @Field(() => ID, { description: 'Identifier.' }) id: string;
  @Field({ description: 'Where deliveries are POSTed.' }) url: string;
  @Field(() => [EventType], { description: 'The event types delivered.' }) eventTypes: readonly EventTypeValue[];
  @Field(() => ID, {
    nullable: true,
    description: "The org node whose subtree's events are delivered; null: the whole organisation.",
  })
  orgNodeId: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Days after conclusion without a decision before experiment.decision_overdue; null without that type.',
  })
  decisionOverdueDays: number | null;
  @Field({
    description: `False once ${WEBHOOK_DISABLE_AFTER_FAILED_DELIVERIES} deliveries in a row have failed; redeliverWebhookDelivery enables it again.`,
  })
  enabled: boolean;
  @Field(() => Int, { description: 'Deliveries given up (FAILED) in a row; a delivered one resets it.' })
  consecutiveFailures: number;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was disabled; null while enabled.' })
  disabledAt: Date | null;
  @Field(() => ID, { nullable: true, description: 'The API key that created it (null: an in-process caller).' })
  createdByApiKeyId: string | null;
  @Field(() => DateTimeScalar, { description: 'When it was created.' }) createdAt: Date;
  @Field(() => DateTimeScalar, { description: 'Last change (creation, disabling, enabling).' }) updatedAt: Date;
  @Field(() => Int, { description: 'Optimistic-concurrency version (deleteWebhookSubscription expectedVersion).' })
  version: number;
}

@ObjectType({
  description: 'A new webhook subscription with its signing secret. Store the secret now: it is shown only here.',
})
export class CreateWebhookSubscriptionPayload {
  @Field(() => WebhookSubscription, { description: 'The subscription.' }) subscription: WebhookSubscription;
  @Field(() => String, {
    nullable: true,
    description:
      'The signing secret (whsec_...): verify X-EwL-Signature with it (docs/events.md). Shown once: a replay of the same request (same idempotencyKey) returns a null secret.',
  })
  secret: string | null;
}

@ObjectType({
  description:
    'An event (docs/events.md): the JSON body of a webhook delivery, and what the subscription experimentEvents yields.',
})
export class WebhookEvent {
  @Field(() => ID, { description: 'The event id (X-EwL-Event-Id): receivers deduplicate by it.' }) id: string;
  @Field(() => EventType, { description: 'What happened.' }) type: EventTypeValue;
  @Field(() => DateTimeScalar, { description: 'When the change committed (the write clock).' }) occurredAt: Date;
  @Field(() => ID, { description: 'The experiment.' }) experimentId: string;
  @Field({ description: "The experiment's key." }) experimentKey: string;
  @Field(() => ID, { description: "The experiment's owner node when the event occurred." }) ownerNodeId: string;
  @Field({ description: "That node's key." }) ownerNodeKey: string;
  @Field(() => JSONResolver, { description: "The event's data (before/after of what changed; docs/events.md)." })
  payload: unknown;
}

@ObjectType({ description: "One event's delivery to one subscription: its state and its last attempt." })
export class WebhookDelivery {
  @Field(() => ID, { description: 'Identifier (X-EwL-Delivery-Id).' }) id: string;
  @Field(() => ID, { description: 'The subscription.' }) subscriptionId: string;
  @Field(() => WebhookEvent, { description: 'The event delivered.' }) event: WebhookEvent;
  @Field(() => WebhookDeliveryStatus, { description: 'PENDING, DELIVERED or FAILED.' })
  status: WebhookDeliveryStatusValue;
  @Field(() => Int, { description: 'Attempts started since it was created or last redelivered.' }) attempts: number;
  @Field(() => DateTimeScalar, { description: 'When the next attempt is due (while PENDING).' }) nextAttemptAt: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the last attempt ended.' })
  lastAttemptAt: Date | null;
  @Field(() => Int, { nullable: true, description: "The last attempt's HTTP status (null: no answer)." })
  lastHttpStatus: number | null;
  @Field(() => Int, { nullable: true, description: "The last attempt's duration in milliseconds." })
  lastLatencyMs: number | null;
  @Field(() => String, { nullable: true, description: "The last failed attempt's error (null after a success)." })
  lastError: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was delivered.' }) deliveredAt: Date | null;
  @Field(() => DateTimeScalar, { description: 'When the event was queued for this subscription.' }) createdAt: Date;
}
