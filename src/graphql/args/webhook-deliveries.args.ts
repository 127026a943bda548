import { ArgsType, Field, ID, Int } from 'type-graphql';
import type { WebhookDeliveryStatus as WebhookDeliveryStatusValue } from '../../domain/webhooks';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../page-args';
import { WebhookDeliveryStatus } from '../types/webhook.type';

/** Which deliveries of a subscription to list (newest first). */
@ArgsType()
export class WebhookDeliveriesArgs {
  @Field(() => ID, { description: 'The subscription.' }) subscriptionId: string;
  @Field(() => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this state.' })
  status?: WebhookDeliveryStatusValue | null;
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `How many, from 1 to ${MAX_PAGE_SIZE}.` })
  first: number;
}
