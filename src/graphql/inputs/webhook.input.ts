import { ArrayMaxSize, IsUUID } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { EVENT_TYPES, type EventType as EventTypeValue } from '../../domain/events';
import { DECISION_OVERDUE_DAYS, WEBHOOK_URL_MAX_LENGTH } from '../../domain/webhooks';
import { EventType } from '../types/webhook.type';

@InputType({
  description:
    "A new webhook subscription: the events of an org node's subtree (orgNodeId or orgNodeKey; omit both for the whole organisation, keys without an org node only) POSTed to url.",
})
export class CreateWebhookSubscriptionInput {
  @Field({
    description: `Where deliveries are POSTed: an absolute http:// or https:// URL of at most ${WEBHOOK_URL_MAX_LENGTH} characters, without credentials.`,
  })
  url: string;
  @Field(() => [EventType], { description: 'The event types to deliver; at least one.' })
  @ArrayMaxSize(EVENT_TYPES.length)
  eventTypes: EventTypeValue[];
  @Field(() => ID, { nullable: true, description: "Deliver the events of this org node's subtree." })
  orgNodeId?: string | null;
  @Field(() => String, { nullable: true, description: 'The org node by key (instead of orgNodeId).' })
  orgNodeKey?: string | null;
  @Field(() => Int, {
    nullable: true,
    description: `With EXPERIMENT_DECISION_OVERDUE (and only then): days after conclusion without a decision, ${DECISION_OVERDUE_DAYS.min} to ${DECISION_OVERDUE_DAYS.max}.`,
  })
  decisionOverdueDays?: number | null;
}

@InputType({ description: 'The webhook subscription to delete, with its deliveries.' })
export class DeleteWebhookSubscriptionInput {
  @Field(() => Int, {
    nullable: true,
    description:
      'Optimistic concurrency: the version you read; a stale one is refused with CONFLICT VERSION_MISMATCH. Omit to delete unconditionally.',
  })
  expectedVersion?: number | null;
  @Field(() => ID, { description: 'The subscription.' }) @IsUUID() id: string;
}

@InputType({ description: 'The delivery to send again.' })
export class RedeliverWebhookDeliveryInput {
  @Field(() => ID, { description: 'The delivery.' }) @IsUUID() id: string;
}
