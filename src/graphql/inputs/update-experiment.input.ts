import { IsUUID } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { TEXT_LIMITS } from '../../domain/rules/field-limits';
import { TextLength } from '../text-length';
import { AnalysisMode, DeteriorationAlphaMode, ExperimentKind, PowerBudgetMode } from '../enums';
import { ExperimentMetricInput, VariantInput } from './experiment-design.input';

@InputType({
  description:
    'Changes to an experiment. Omitted fields stay; null clears a nullable field (and leaves a required one). ' +
    'The statistical design (alpha, power, modes, planned size and runtime, randomisation unit; the arms, control and planned weights; ' +
    'the metrics with their roles, MDE and NIM) is pre-registered: it can change only while DRAFT, afterwards only through ' +
    'amendExperimentDesign (CONFLICT DESIGN_LOCKED naming the field; resending unchanged values is accepted). ' +
    'Variant names and order and metric order can change while DRAFT or RUNNING. ARCHIVED experiments are read-only.',
})
export class UpdateExperimentInput {
  @Field(() => Int, {
    nullable: true,
    description:
      'Optimistic concurrency: the version you read; a stale one is refused with CONFLICT VERSION_MISMATCH (extensions.currentVersion). Omit to overwrite unconditionally.',
  })
  expectedVersion?: number | null;

  @Field(() => ID, { description: 'The experiment to change.' }) @IsUUID() id: string;
  @Field(() => String, { nullable: true, description: 'New title.' })
  @TextLength(TEXT_LIMITS.experiment.title)
  title?: string | null;
  @Field(() => String, { nullable: true, description: 'New description.' })
  @TextLength(TEXT_LIMITS.experiment.description)
  description?: string | null;
  @Field(() => ID, { nullable: true, description: 'New owning org node id.' }) ownerNodeId?: string | null;
  @Field(() => String, { nullable: true, description: 'New owning org node key.' }) ownerNodeKey?: string | null;
  @Field(() => ExperimentKind, {
    nullable: true,
    description: "New kind; when countsTowardEwl is omitted it resets to the new kind's default.",
  })
  kind?: d.ExperimentKind | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether it counts toward learning/win rates.' })
  countsTowardEwl?: boolean | null;
  @Field(() => Float, { nullable: true, description: 'One-sided significance level, 0 < alpha < 0.5 (design).' })
  alpha?: number | null;
  @Field(() => Float, { nullable: true, description: 'Target power, 0 < power < 1 (design).' }) power?: number | null;
  @Field(() => PowerBudgetMode, { nullable: true, description: 'Power budget mode (design).' })
  powerBudgetMode?: d.PowerBudgetMode | null;
  @Field(() => DeteriorationAlphaMode, { nullable: true, description: 'Deterioration alpha mode (design).' })
  deteriorationAlphaMode?: d.DeteriorationAlphaMode | null;
  @Field(() => AnalysisMode, { nullable: true, description: 'Analysis mode (design).' })
  analysisMode?: d.AnalysisMode | null;
  @Field(() => Int, { nullable: true, description: 'Planned total sample size (> 0; null clears; design).' })
  plannedSampleSize?: number | null;
  @Field(() => Int, { nullable: true, description: 'Planned runtime in days (> 0; null clears; design).' })
  plannedRuntimeDays?: number | null;
  @Field(() => String, { nullable: true, description: 'Randomisation unit (design).' })
  @TextLength(TEXT_LIMITS.experiment.randomizationUnit)
  randomizationUnit?: string | null;
  @Field(() => [String], { nullable: true, description: 'Replaces the tags (normalised as on create).' })
  tags?: string[] | null;
  @Field(() => String, {
    nullable: true,
    description: 'Replaces the product surface (normalised as on create); null clears.',
  })
  surface?: string | null;
  @Field(() => ID, { nullable: true, description: 'The run this experiment restarts; null clears.' }) restartOfId?:
    string | null;
  @Field(() => String, { nullable: true, description: 'Import source; null clears (together with externalId).' })
  externalSource?: string | null;
  @Field(() => String, { nullable: true, description: 'Import id; null clears (together with externalSource).' })
  externalId?: string | null;
  @Field(() => [VariantInput], {
    nullable: true,
    description:
      'Replaces the variant set, matched by key: matches keep their id and results. After DRAFT the control cannot change, and a variant with results or a shipping decision cannot be removed (CONFLICT HAS_RESULTS).',
  })
  variants?: VariantInput[] | null;

  @Field(() => [ExperimentMetricInput], {
    nullable: true,
    description:
      'Replaces the metric set, matched by catalogue metric: matches keep their id and results. A metric with results cannot be removed (CONFLICT HAS_RESULTS).',
  })
  metrics?: ExperimentMetricInput[] | null;
}
