import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { AnalysisMode, DeteriorationAlphaMode, ExperimentKind, PowerBudgetMode } from '../enums';
import { ExperimentMetricInput, HypothesisDraftInput, VariantInput } from './experiment-design.input';

@InputType({
  description: 'A new experiment, created as DRAFT with its variants, metrics and optionally a hypothesis.',
})
export class CreateExperimentInput {
  @Field({ description: 'Unique key (letters, digits, . _ : / -; at most 100 characters).' })
  @MaxLength(100)
  key: string;
  @Field({ description: 'Short title (1-300 characters).' }) @MaxLength(1000) title: string;
  @Field(() => String, { nullable: true, description: 'Longer description (at most 10000 characters).' })
  @IsOptional()
  @MaxLength(40_000)
  description?: string | null;
  @Field(() => ID, { nullable: true, description: 'Owning org node id (give this or ownerNodeKey).' }) ownerNodeId?:
    string | null;
  @Field(() => String, { nullable: true, description: 'Owning org node key.' }) ownerNodeKey?: string | null;
  @Field(() => ExperimentKind, { nullable: true, defaultValue: 'AB_TEST', description: 'Experiment kind.' })
  kind?: d.ExperimentKind | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether it counts toward learning/win rates; default: true only for AB_TEST.',
  })
  countsTowardEwl?: boolean | null;
  @Field(() => Float, {
    nullable: true,
    defaultValue: 0.05,
    description: 'One-sided significance level, 0 < alpha < 0.5.',
  })
  alpha?: number | null;
  @Field(() => Float, { nullable: true, defaultValue: 0.8, description: 'Target power, 0 < power < 1.' }) power?:
    number | null;
  @Field(() => PowerBudgetMode, {
    nullable: true,
    defaultValue: 'SIMPLE',
    description: 'How beta is split across tests.',
  })
  powerBudgetMode?: d.PowerBudgetMode | null;
  @Field(() => DeteriorationAlphaMode, {
    nullable: true,
    defaultValue: 'PER_TEST',
    description: 'Alpha of deterioration tests.',
  })
  deteriorationAlphaMode?: d.DeteriorationAlphaMode | null;
  @Field(() => AnalysisMode, { nullable: true, defaultValue: 'FIXED_HORIZON', description: 'Who computes the tests.' })
  analysisMode?: d.AnalysisMode | null;
  @Field(() => Int, { nullable: true, description: 'Planned total sample size (> 0).' }) plannedSampleSize?:
    number | null;
  @Field(() => Int, { nullable: true, description: 'Planned runtime in days (> 0).' }) plannedRuntimeDays?:
    number | null;
  @Field(() => String, { nullable: true, defaultValue: 'user', description: 'Randomisation unit (1-50 characters).' })
  @IsOptional()
  @MaxLength(1000)
  randomizationUnit?: string | null;
  @Field(() => [String], {
    nullable: true,
    description: 'Tags; trimmed, lower-cased and de-duplicated; at most 20 of at most 50 characters.',
  })
  @IsOptional()
  @ArrayMaxSize(1000)
  tags?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'The run this experiment restarts (replaces).' }) restartOfId?:
    string | null;
  @Field(() => String, { nullable: true, description: 'System it was imported from; given together with externalId.' })
  @IsOptional()
  @MaxLength(200)
  externalSource?: string | null;
  @Field(() => String, { nullable: true, description: 'Id in that system; unique together with externalSource.' })
  @IsOptional()
  @MaxLength(200)
  externalId?: string | null;
  @Field(() => HypothesisDraftInput, { nullable: true, description: 'The hypothesis; more can be added while DRAFT.' })
  hypothesis?: HypothesisDraftInput | null;
  @Field(() => [VariantInput], { description: 'The arms: 2-26, unique keys, exactly one control.' })
  @ArrayMaxSize(1000)
  variants: VariantInput[];
  @Field(() => [ExperimentMetricInput], {
    nullable: true,
    description: 'The metrics with their roles; each catalogue metric once.',
  })
  @IsOptional()
  @ArrayMaxSize(1000)
  metrics?: ExperimentMetricInput[] | null;
}
