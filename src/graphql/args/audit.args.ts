import { DateTimeScalar } from '../scalars/date-time.scalar';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../page-args';

@InputType('AuditFilter', { description: 'Which audit entries to list (every given criterion must hold).' })
export class AuditFilterInput {
  @Field(() => ID, { nullable: true, description: 'Entries about this experiment.' }) experimentId?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Entity kind: experiment, org_node, metric, hypothesis, learning, api_key, webhook_subscription, webhook_delivery or catalogue.',
  })
  entityType?: string | null;
  @Field(() => ID, { nullable: true, description: 'Entries about this entity.' }) entityId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Entries written with this API key.' }) apiKeyId?: string | null;
  @Field(() => String, { nullable: true, description: 'Entries of this mutation, e.g. recordDecision.' }) operation?:
    string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Written at or after this instant.' }) from?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Written before this instant.' }) to?: Date | null;
}

/** Paging of audit entries (newest first). */
@ArgsType()
export class AuditPageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, from 1 to ${MAX_PAGE_SIZE}.` })
  first: number;
  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last entry of the previous page (pageInfo.endCursor).',
  })
  after?: string | null;
}

/** Arguments of `auditLog`. */
@ArgsType()
export class AuditLogArgs extends AuditPageArgs {
  @Field(() => AuditFilterInput, { nullable: true, description: 'Which entries (all when omitted).' })
  filter?: AuditFilterInput | null;
}
