import { Field, ID, ObjectType } from 'type-graphql';
import { Variant } from './experiment.type';
import { ExternalResult, MetricResult } from './metric.type';

@ObjectType({
  description: "What recordResults wrote: the experiment's variants (with their unit counts) and the upserted results.",
})
export class RecordResultsPayload {
  @Field(() => ID, { description: 'The experiment.' }) experimentId: string;
  @Field(() => [Variant], { description: 'All variants of the experiment after the write, in display order.' })
  variants: Variant[];
  @Field(() => [MetricResult], { description: 'The metric results written by this call, in input order.' })
  metricResults: MetricResult[];
  @Field(() => [ExternalResult], { description: 'The external results written by this call, in input order.' })
  externalResults: ExternalResult[];
}
