import { DateTimeScalar } from '../scalars/date-time.scalar';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { AnalysisMode, DeteriorationAlphaMode, ExperimentKind, ExperimentStatus, PowerBudgetMode } from '../enums';

// simpleResolvers: every field below is a plain property of the object the resolvers return, so
// graphql-js's default resolver reads it; type-graphql's per-field wrapper (a closure and a
// resolver-data object per field, no middleware here) is skipped. Field resolvers are unaffected.
@ObjectType({
  simpleResolvers: true,
  description: 'One product experiment (A/B test, rollout, ...) and its statistical settings.',
})
export class Experiment {
  @Field(() => ID, { description: 'Stable identifier.' }) id: string;
  @Field({ description: 'Unique human-readable key, e.g. `search-ranking-042`.' }) key: string;
  @Field({ description: 'Short title.' }) title: string;
  @Field({ description: 'Longer description (may be empty).' }) description: string;
  @Field(() => ID, { description: 'Id of the owning org node (normally a team).' }) ownerNodeId: string;
  @Field(() => ExperimentKind, { description: 'Experiment kind.' }) kind: d.ExperimentKind;
  @Field({ description: 'Whether the experiment counts toward learning/win rates (default: only AB_TEST).' })
  countsTowardEwl: boolean;
  @Field(() => ExperimentStatus, { description: 'Lifecycle status.' }) status: d.ExperimentStatus;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When traffic started (set on RUNNING).' })
  startedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When traffic stopped (set on STOPPED).' })
  endedAt: Date | null;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the analysis became final (set on CONCLUDED); roll-up windows use this date.',
  })
  concludedAt: Date | null;
  @Field(() => Float, { description: 'One-sided significance level per decision (default 0.05).' }) alpha: number;
  @Field(() => Float, { description: 'Target power 1 - beta (default 0.8).' }) power: number;
  @Field(() => PowerBudgetMode, { description: 'How beta is split across tests (docs/ewl-rules.md §3.7).' })
  powerBudgetMode: d.PowerBudgetMode;
  @Field(() => DeteriorationAlphaMode, { description: 'Alpha of deterioration tests (docs/ewl-rules.md §11 A3).' })
  deteriorationAlphaMode: d.DeteriorationAlphaMode;
  @Field(() => AnalysisMode, { description: 'Who computes the tests: this catalogue or an external platform.' })
  analysisMode: d.AnalysisMode;
  @Field(() => Int, { nullable: true, description: 'Planned total sample size in randomisation units.' })
  plannedSampleSize: number | null;
  @Field(() => Int, { nullable: true, description: 'Planned runtime in days.' }) plannedRuntimeDays: number | null;
  @Field({ description: 'Randomisation unit, e.g. user or device.' }) randomizationUnit: string;
  @Field(() => [String], { description: 'Free tags, e.g. onboarding.' }) tags: string[];
  @Field(() => String, {
    nullable: true,
    description: 'The product surface it changes (e.g. home, search, checkout), lower-cased; null when not given.',
  })
  surface: string | null;
  /** Exposed by ExperimentFieldsResolver.restartOfId (hidden outside a key's org subtree). */
  restartOfId: string | null;
  @Field(() => String, { nullable: true, description: 'System the experiment was imported from.' }) externalSource:
    string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Id in the system it was imported from (unique with externalSource).',
  })
  externalId: string | null;
  @Field(() => DateTimeScalar, { description: 'When the record was created.' }) createdAt: Date;
  @Field(() => DateTimeScalar, { description: 'When the record was last changed.' }) updatedAt: Date;
  @Field(() => Int, { description: 'Optimistic-concurrency version, incremented on every update.' }) version: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'What the experiment changes, for whom, and the behaviour change expected.',
})
export class Hypothesis {
  @Field(() => ID, { description: 'Stable identifier.' }) id: string;
  @Field(() => ID, { description: 'The experiment it belongs to.' }) experimentId: string;
  @Field({ description: 'The hypothesis statement.' }) statement: string;
  @Field({ description: 'Prior evidence for it (may be empty).' }) rationale: string;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When it was locked (the experiment started); locked hypotheses cannot be edited.',
  })
  lockedAt: Date | null;
  @Field(() => DateTimeScalar, { description: 'When it was written.' }) createdAt: Date;
  @Field(() => DateTimeScalar, { description: 'When it was last edited.' }) updatedAt: Date;
  @Field(() => Int, { description: 'Optimistic-concurrency version.' }) version: number;
}

@ObjectType({ simpleResolvers: true, description: 'One arm of an experiment.' })
export class Variant {
  @Field(() => ID, { description: 'Stable identifier.' }) id: string;
  @Field(() => ID, { description: 'The experiment it belongs to.' }) experimentId: string;
  @Field({ description: 'Key, unique within the experiment (e.g. control, treatment).' }) key: string;
  @Field({ description: 'Display name.' }) name: string;
  @Field({ description: 'True for the control arm (exactly one per experiment).' }) isControl: boolean;
  @Field(() => Float, {
    description: 'Planned traffic weight (> 0); weights are normalised to sum to 1 for the SRM check.',
  })
  plannedWeight: number;
  @Field(() => Int, { nullable: true, description: 'Randomisation units analysed in this arm (the SRM input).' })
  units: number | null;
  @Field(() => Int, { nullable: true, description: 'Units that were also exposed to another arm.' }) multiExposedUnits:
    number | null;
  @Field(() => Int, { description: 'Display order within the experiment.' }) position: number;
}
