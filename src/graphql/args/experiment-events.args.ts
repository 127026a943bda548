import { ArgsType, Field } from 'type-graphql';
import type { EventType as EventTypeValue } from '../../domain/events';
import { EventType } from '../types/webhook.type';

/** What the subscription `experimentEvents` receives (docs/events.md "Live subscriptions"). */
@ArgsType()
export class ExperimentEventsArgs {
  @Field(() => String, {
    nullable: true,
    description:
      "Only events of experiments owned in this org node's subtree (inside the key's own subtree); absent: every experiment the caller may read.",
  })
  orgNodeKey?: string | null;
  @Field(() => [EventType], {
    nullable: true,
    description: 'Only events of these types (at least one); absent: every type.',
  })
  types?: EventTypeValue[] | null;
}
