import { JSONResolver } from 'graphql-scalars';
import { DateTimeScalar } from '../scalars/date-time.scalar';
import { Field, ID, ObjectType } from 'type-graphql';
import { PageInfo } from './connection.type';

@ObjectType({
  simpleResolvers: true,
  description: 'One write, as recorded in the append-only audit log in the same transaction as the write.',
})
export class AuditEntry {
  @Field(() => ID, { description: 'Identifier of the audit row (increasing with time).' }) id: string;
  @Field(() => DateTimeScalar, { description: "When the write happened (the request's clock)." }) at: Date;
  @Field({ description: 'Who wrote: API_KEY, INTERNAL (an in-process script or test) or ANONYMOUS.' })
  principalKind: string;
  @Field(() => ID, { nullable: true, description: 'The API key that wrote, if any.' }) apiKeyId: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The name of that API key (or of the in-process caller). ' +
      'In Experiment.history, null to callers without admin when another API key wrote.',
  })
  apiKeyName: string | null;
  @Field(() => String, { nullable: true, description: 'The person the request named (X-Actor header), if any.' })
  actor: string | null;
  @Field({
    description:
      'The command: a mutation (e.g. recordDecision), or seedDemoData (npm run seed, the server filling an empty database).',
  })
  operation: string;
  @Field({
    description:
      'The kind of entity written: experiment, org_node, metric, hypothesis, learning, api_key, webhook_subscription, webhook_delivery or catalogue.',
  })
  entityType: string;
  @Field(() => ID, { nullable: true, description: 'The entity written.' }) entityId: string | null;
  @Field(() => ID, { nullable: true, description: 'The experiment the write concerns, if any.' }) experimentId:
    string | null;
  @Field(() => JSONResolver, {
    nullable: true,
    description:
      'The entity before the write (null for a creation). Experiments include variants, metrics, results, health checks, hypotheses and decisions.',
  })
  before: unknown;

  @Field(() => JSONResolver, { nullable: true, description: 'The entity after the write.' }) after: unknown;
  @Field(() => String, {
    nullable: true,
    description:
      'The idempotency key the write was sent with, if any. ' +
      'In Experiment.history, null to callers without admin when another API key wrote.',
  })
  idempotencyKey: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'An audit entry in a page of results.' })
export class AuditEntryEdge {
  @Field({ description: 'Opaque cursor of this position.' }) cursor: string;
  @Field(() => AuditEntry, { description: 'The audit entry.' }) node: AuditEntry;
}

@ObjectType({ simpleResolvers: true, description: 'A page of audit entries, newest first.' })
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge], { description: 'The entries of this page.' }) edges: AuditEntryEdge[];
  @Field(() => PageInfo, { description: 'Paging information.' }) pageInfo: PageInfo;
}
