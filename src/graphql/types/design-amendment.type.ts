import { JSONResolver } from 'graphql-scalars';
import { DateTimeScalar } from '../scalars/date-time.scalar';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({
  simpleResolvers: true,
  description:
    "One amendment of a started experiment's pre-registered design (amendExperimentDesign), as recorded: when, why, by whom, " +
    'and the changed design parts before and after.',
})
export class DesignAmendment {
  @Field(() => ID, { description: 'Identifier of the amendment.' }) id: string;
  @Field(() => DateTimeScalar, { description: "When the design was amended (the request's clock)." }) amendedAt: Date;
  @Field({ description: "The experiment's status when it was amended: RUNNING, STOPPED or CONCLUDED." }) status: string;
  @Field({ description: 'Why the design was changed, as given.' }) reason: string;
  @Field(() => [String], {
    description:
      'The design parts changed: alpha, power, powerBudgetMode, deteriorationAlphaMode, analysisMode, plannedSampleSize, ' +
      'plannedRuntimeDays, randomizationUnit, variants, metrics.',
  })
  changedFields: string[];

  @Field(() => JSONResolver, {
    description:
      'The changed parts as they were (variants: key, isControl, plannedWeight; metrics: metricKey, role, mde, mdeScale, nim, nimScale).',
  })
  before: unknown;

  @Field(() => JSONResolver, { description: 'The changed parts as they are after the amendment.' }) after: unknown;
  @Field({ description: 'Who amended: API_KEY, INTERNAL (an in-process script or test) or ANONYMOUS.' })
  principalKind: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The name of the API key (or in-process caller) that amended; shown to admin keys, in-process callers and the same key only, null otherwise.',
  })
  apiKeyName: string | null;

  @Field(() => String, { nullable: true, description: 'The person the request named (X-Actor header), if any.' })
  actor: string | null;
}
