import { DateTimeScalar } from '../scalars/date-time.scalar';
import { Field, InputType } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { describeTextLength, TEXT_LIMITS } from '../../domain/rules/field-limits';
import { MAX_VARIANTS, MIN_VARIANTS } from '../../domain/rules/variant-set';
import { DecisionKind, ExperimentStatus } from '../enums';
import { experimentAttributeInput } from './experiment-attributes.input';
import { ExperimentMetricInput, HypothesisDraftInput, VariantInput } from './experiment-design.input';
import { MetricResultInput } from './record-results.input';

// No defaultValue on these fields (nor on the attribute fields, experiment-attributes.input.ts): an
// omitted field keeps the stored value when the experiment exists, so GraphQL must not fill it in.
// Every field is checked by src/domain/import (the same checks as an NDJSON line of `npm run
// import`), with errors per item instead of per call.

@InputType({
  description:
    'A decision to append unless one with the same kind, decidedAt and decidedBy is already recorded (re-imports do not double it).',
})
export class ImportDecisionInput {
  @Field(() => DecisionKind, { description: 'What was decided.' }) kind: d.DecisionKind;
  @Field(() => String, { nullable: true, description: "The shipped variant's key (SHIP / SHIP_INFRA only)." })
  shippedVariantKey?: string | null;
  @Field(() => String, {
    nullable: true,
    description: `Why (${describeTextLength(TEXT_LIMITS.decision.rationale)}).`,
  })
  rationale?: string | null;
  @Field({ description: `Who decided (${describeTextLength(TEXT_LIMITS.decision.decidedBy)}).` }) decidedBy: string;
  @Field(() => DateTimeScalar, {
    description: 'When it was decided (required: it identifies the decision on a re-import; not in the future).',
  })
  decidedAt: Date;
}

/** The fields before the attributes (experiment-attributes.input.ts); its own input type is not in the schema. */
@InputType('ImportExperimentItemIdInput')
abstract class ImportExperimentItemId {
  @Field(() => String, {
    nullable: true,
    description: `System the experiment comes from (${describeTextLength(TEXT_LIMITS.experiment.externalSource)}); default: the input's source.`,
  })
  source?: string | null;
  @Field({
    description: `Its id in that system (${describeTextLength(TEXT_LIMITS.experiment.externalId)}); unique with source.`,
  })
  externalId: string;
  @Field(() => String, {
    nullable: true,
    description: 'Key of a new experiment; default `source:externalId`. An existing experiment keeps its key.',
  })
  key?: string | null;
}

@InputType({
  description:
    'One experiment of another system, matched by (source, externalId). Omitted fields take their defaults when the experiment is created ' +
    'and keep their stored values when it exists. The rules of createExperiment, updateExperiment, transitionExperiment, recordResults and recordDecision apply.',
})
export class ImportExperimentItemInput extends experimentAttributeInput('import', ImportExperimentItemId) {
  @Field(() => HypothesisDraftInput, {
    nullable: true,
    description: 'The hypothesis, matched by statement; added or edited only while the experiment is DRAFT.',
  })
  hypothesis?: HypothesisDraftInput | null;
  @Field(() => [VariantInput], {
    nullable: true,
    description: `The arms (${MIN_VARIANTS}-${MAX_VARIANTS}, one control), matched by key; required for a new experiment.`,
  })
  variants?: VariantInput[] | null;
  @Field(() => [ExperimentMetricInput], {
    nullable: true,
    description: 'The metrics with their roles, matched by catalogue metric.',
  })
  metrics?: ExperimentMetricInput[] | null;
  @Field(() => ExperimentStatus, {
    nullable: true,
    description: 'Where the experiment stands; default DRAFT. It may move several steps forward, never back.',
  })
  status?: d.ExperimentStatus | null;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Start date; required from RUNNING on, absent for DRAFT; fixed once stored.',
  })
  startedAt?: Date | null;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'End date; required from STOPPED on (not before startedAt); fixed once stored.',
  })
  endedAt?: Date | null;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Conclusion date; required for CONCLUDED and ARCHIVED (not before endedAt); fixed once stored.',
  })
  concludedAt?: Date | null;
  @Field(() => [MetricResultInput], {
    nullable: true,
    description: 'Sufficient statistics per metric, variant and period, upserted; not for DRAFT experiments.',
  })
  results?: MetricResultInput[] | null;
  @Field(() => [ImportDecisionInput], {
    nullable: true,
    description: 'Decisions, appended unless already recorded; the latest becomes current.',
  })
  decisions?: ImportDecisionInput[] | null;
}

@InputType({ description: 'Up to 1,000 experiments to upsert by (source, externalId) in one transaction.' })
export class ImportExperimentsInput {
  @Field(() => String, { nullable: true, description: 'Source of the items that name none, e.g. growthbook.' })
  source?: string | null;
  @Field(() => [ImportExperimentItemInput], {
    description: 'The experiments (at most 1,000; more is refused as BAD_USER_INPUT on input.items).',
  })
  items: ImportExperimentItemInput[];
}
