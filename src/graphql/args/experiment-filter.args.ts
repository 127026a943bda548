import { DateTimeScalar } from '../scalars/date-time.scalar';
import { Field, ID, InputType } from 'type-graphql';
import type * as d from '../../domain/experiment';
import type * as a from '../../domain/analysis-types';
import { LearningCategory, Recommendation, Validity } from '../analysis-enums';
import { DecisionKind, ExperimentKind, ExperimentStatus, MetricRole } from '../enums';
import { STALE_STOPPED_DAYS } from '../../domain/ruleset';

const LIST_NOTE = 'Null or an empty list does not restrict.';

/**
 * The criteria on an experiment's own attributes, shared by `experiments` (ExperimentFilter) and the
 * statistics (StatsFilter): a filterable attribute added here is both (and
 * `ATTRIBUTE_FILTER_FIELDS` in src/db/queries/experiment-filter-reads.ts lists it for the roll-ups).
 */
@InputType()
export abstract class ExperimentAttributeFilterInput {
  @Field(() => [ExperimentKind], {
    nullable: true,
    description: `Kind is one of these. ${LIST_NOTE} In statistics, out-of-scope experiments (countsTowardEwl false) only ever count as excluded.`,
  })
  kind?: d.ExperimentKind[] | null;

  @Field(() => [String], { nullable: true, description: `The experiment has ALL of these tags. ${LIST_NOTE}` })
  tagsAll?: string[] | null;

  @Field(() => [String], { nullable: true, description: `The experiment has AT LEAST ONE of these tags. ${LIST_NOTE}` })
  tagsAny?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: `The product surface is one of these (compared trimmed and lower-cased). ${LIST_NOTE}`,
  })
  surface?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: `The experiment measures AT LEAST ONE of these catalogue metrics (by key; with metricRole, in that role). ${LIST_NOTE}`,
  })
  metricKeys?: string[] | null;

  @Field(() => MetricRole, {
    nullable: true,
    description:
      'With metricKeys: one of those metrics has this role; alone: the experiment has some metric in this role.',
  })
  metricRole?: d.MetricRole | null;
}

@InputType('ExperimentFilter', {
  description:
    'Which experiments to list. Every given criterion must hold (AND). Date ranges are half-open: from <= date < to; ' +
    'experiments without the date never match a range on it. An unknown owner node gives an empty result, not an error.',
})
export class ExperimentFilterInput extends ExperimentAttributeFilterInput {
  @Field(() => ID, {
    nullable: true,
    description:
      'Owner org node id. Unknown ids match nothing; see includeDescendants. Not together with ownerNodeKey.',
  })
  ownerNodeId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Owner org node key, instead of ownerNodeId. Unknown keys match nothing.',
  })
  ownerNodeKey?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description:
      'With an owner node (or on OrgNode.experiments): true = the node and its whole subtree; false = experiments owned by the node itself only.',
  })
  includeDescendants?: boolean | null;

  @Field(() => [ExperimentStatus], { nullable: true, description: `Status is one of these. ${LIST_NOTE}` })
  status?: d.ExperimentStatus[] | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'startedAt >= this instant.' })
  startedFrom?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'startedAt < this instant (must be after startedFrom).' })
  startedTo?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'endedAt >= this instant.' })
  endedFrom?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'endedAt < this instant (must be after endedFrom).' })
  endedTo?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'concludedAt >= this instant.' })
  concludedFrom?: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'concludedAt < this instant (must be after concludedFrom).',
  })
  concludedTo?: Date | null;

  @Field(() => [DecisionKind], {
    nullable: true,
    description: `The CURRENT (latest) decision is one of these kinds; experiments without a decision never match. ${LIST_NOTE}`,
  })
  decisionKind?: d.DecisionKind[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Full-text search (PostgreSQL websearch syntax, English stemming: words, "quoted phrases", OR, -excluded) over the key, ' +
      "title and description, the hypotheses and the linked learnings' summaries. Blank does not restrict.",
  })
  search?: string | null;

  @Field(() => [LearningCategory], {
    nullable: true,
    description: `Stored EwL category at asOf is one of these (STOPPED experiments without a conclusion are PENDING for ${STALE_STOPPED_DAYS} days after their end). ${LIST_NOTE}`,
  })
  category?: a.LearningCategory[] | null;

  @Field(() => [Validity], { nullable: true, description: `Stored validity is one of these. ${LIST_NOTE}` })
  validity?: a.Validity[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: the experiment counts as learning (WIN, REGRESSION, POWERED_NEUTRAL) at asOf; false: concluded but not informative (UNDERPOWERED, INVALID). PENDING and EXCLUDED match neither.',
  })
  isLearning?: boolean | null;

  @Field(() => [Recommendation], {
    nullable: true,
    description: `Stored headline recommendation is one of these. ${LIST_NOTE}`,
  })
  recommendation?: a.Recommendation[] | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Instant the category filters apply the lifecycle rules at (default: now).',
  })
  asOf?: Date | null;
}
