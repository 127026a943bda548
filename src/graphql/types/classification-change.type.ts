import { DateTimeScalar } from '../scalars/date-time.scalar';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type * as a from '../../domain/analysis-types';
import {
  CLASSIFICATION_CAUSES,
  type ClassificationCause as ClassificationCauseValue,
} from '../../domain/stored-classification';
import { CategorySubReason, LearningCategory, Validity } from '../analysis-enums';
import { enumOf } from '../enums';
import { STALE_STOPPED_DAYS } from '../../domain/ruleset';

export const ClassificationCause = enumOf(CLASSIFICATION_CAUSES);

registerEnumType(ClassificationCause, {
  name: 'ClassificationCause',
  description:
    'What caused the recomputation: CREATED; DESIGN_CHANGED (variants, metrics, settings or owner edited); STATUS_CHANGED (a lifecycle transition); ' +
    "RESULTS (results or units recorded); HEALTH_CHECKS; METRIC_CHANGED (a metric's type or direction changed); RULESET (a new ruleset version); " +
    'RECLASSIFIED (an admin recomputation under the same ruleset); IMPORTED; SEEDED (demo data); HISTORY_STARTED (the state when the history was introduced).',
});

@ObjectType({
  simpleResolvers: true,
  description: "One change of an experiment's stored EwL category (append-only history, oldest first).",
})
export class ClassificationChange {
  @Field(() => LearningCategory, {
    nullable: true,
    description: 'Category before the change; null for the first classification.',
  })
  fromCategory: a.LearningCategory | null;

  @Field(() => LearningCategory, {
    description: `Stored category after the change (the ${STALE_STOPPED_DAYS}-day rule for STOPPED experiments is applied on read, not here).`,
  })
  category: a.LearningCategory;

  @Field(() => CategorySubReason, { nullable: true, description: 'Sub-reason of the new category.' })
  subReason: a.CategorySubReason | null;
  @Field(() => Validity, { description: 'Validity after the change.' }) validity: a.Validity;
  @Field(() => ClassificationCause, { description: 'What caused the recomputation.' }) cause: ClassificationCauseValue;
  @Field({ description: 'Ruleset that produced the new category.' }) rulesetVersion: string;
  @Field(() => DateTimeScalar, { description: 'When the change was stored.' }) changedAt: Date;
}
