import { IsUUID } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { describeTextLength, TEXT_LIMITS } from '../../domain/rules/field-limits';
import { TextLength } from '../text-length';
import { AnalysisMode, DeteriorationAlphaMode, PowerBudgetMode } from '../enums';
import { ExperimentMetricInput, VariantInput } from './experiment-design.input';

@InputType({
  description:
    "An amendment of a started experiment's pre-registered design (RUNNING, STOPPED or CONCLUDED; a DRAFT is changed with updateExperiment). " +
    'Omitted fields stay; at least one given field must differ from the current design. See docs/pre-registration.md.',
})
export class AmendExperimentDesignInput {
  @Field(() => ID, { description: 'The experiment to amend.' }) @IsUUID() experimentId: string;
  @Field(() => Int, {
    nullable: true,
    description:
      'Optimistic concurrency: the version you read; a stale one is refused with CONFLICT VERSION_MISMATCH. Omit to amend unconditionally.',
  })
  expectedVersion?: number | null;

  @Field({
    description: `Why the pre-registered design changes (${describeTextLength(TEXT_LIMITS.designAmendment.reason)}, not blank); recorded and shown in Experiment.designAmendments.`,
  })
  @TextLength(TEXT_LIMITS.designAmendment.reason)
  reason: string;

  @Field(() => Float, { nullable: true, description: 'One-sided significance level, 0 < alpha < 0.5.' }) alpha?:
    number | null;
  @Field(() => Float, { nullable: true, description: 'Target power, 0 < power < 1.' }) power?: number | null;
  @Field(() => PowerBudgetMode, { nullable: true, description: 'Power budget mode.' })
  powerBudgetMode?: d.PowerBudgetMode | null;
  @Field(() => DeteriorationAlphaMode, { nullable: true, description: 'Deterioration alpha mode.' })
  deteriorationAlphaMode?: d.DeteriorationAlphaMode | null;
  @Field(() => AnalysisMode, { nullable: true, description: 'Analysis mode.' }) analysisMode?: d.AnalysisMode | null;
  @Field(() => Int, { nullable: true, description: 'Planned total sample size (> 0; null clears).' })
  plannedSampleSize?: number | null;
  @Field(() => Int, { nullable: true, description: 'Planned runtime in days (> 0; null clears).' })
  plannedRuntimeDays?: number | null;
  @Field(() => String, { nullable: true, description: 'Randomisation unit.' })
  @TextLength(TEXT_LIMITS.experiment.randomizationUnit)
  randomizationUnit?: string | null;
  @Field(() => [VariantInput], {
    nullable: true,
    description:
      'Replaces the variant set, matched by key (arms and planned weights). The control cannot change, and a variant with results or a shipping decision cannot be removed (CONFLICT HAS_RESULTS).',
  })
  variants?: VariantInput[] | null;

  @Field(() => [ExperimentMetricInput], {
    nullable: true,
    description:
      'Replaces the metric set, matched by catalogue metric (roles, MDE, NIM). A metric with results cannot be removed (CONFLICT HAS_RESULTS).',
  })
  metrics?: ExperimentMetricInput[] | null;
}
