import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { EXPERIMENT_DEFAULTS } from '../../domain/rules/experiment-settings';
import { describeTextLength, MAX_KEY_LENGTH, MAX_TAGS, TEXT_LIMITS } from '../../domain/rules/field-limits';
import { MAX_VARIANTS, MIN_VARIANTS } from '../../domain/rules/variant-set';
import { TextLength } from '../text-length';
import { AnalysisMode, DeteriorationAlphaMode, ExperimentKind, PowerBudgetMode } from '../enums';
import { ExperimentMetricInput, HypothesisDraftInput, VariantInput } from './experiment-design.input';

@InputType({
  description: 'A new experiment, created as DRAFT with its variants, metrics and optionally a hypothesis.',
})
export class CreateExperimentInput {
  @Field({ description: `Unique key (letters, digits, . _ : / -; at most ${MAX_KEY_LENGTH} characters).` })
  key: string;
  @Field({ description: `Short title (${describeTextLength(TEXT_LIMITS.experiment.title)}).` })
  @TextLength(TEXT_LIMITS.experiment.title)
  title: string;
  @Field(() => String, {
    nullable: true,
    description: `Longer description (${describeTextLength(TEXT_LIMITS.experiment.description)}).`,
  })
  @TextLength(TEXT_LIMITS.experiment.description)
  description?: string | null;
  @Field(() => ID, { nullable: true, description: 'Owning org node id (give this or ownerNodeKey).' }) ownerNodeId?:
    string | null;
  @Field(() => String, { nullable: true, description: 'Owning org node key.' }) ownerNodeKey?: string | null;
  @Field(() => ExperimentKind, {
    nullable: true,
    defaultValue: EXPERIMENT_DEFAULTS.kind,
    description: 'Experiment kind.',
  })
  kind?: d.ExperimentKind | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether it counts toward learning/win rates; default: true only for AB_TEST.',
  })
  countsTowardEwl?: boolean | null;
  @Field(() => Float, {
    nullable: true,
    defaultValue: EXPERIMENT_DEFAULTS.alpha,
    description: 'One-sided significance level, 0 < alpha < 0.5.',
  })
  alpha?: number | null;
  @Field(() => Float, {
    nullable: true,
    defaultValue: EXPERIMENT_DEFAULTS.power,
    description: 'Target power, 0 < power < 1.',
  })
  power?: number | null;
  @Field(() => PowerBudgetMode, {
    nullable: true,
    defaultValue: EXPERIMENT_DEFAULTS.powerBudgetMode,
    description: 'How beta is split across tests.',
  })
  powerBudgetMode?: d.PowerBudgetMode | null;
  @Field(() => DeteriorationAlphaMode, {
    nullable: true,
    defaultValue: EXPERIMENT_DEFAULTS.deteriorationAlphaMode,
    description: 'Alpha of deterioration tests.',
  })
  deteriorationAlphaMode?: d.DeteriorationAlphaMode | null;
  @Field(() => AnalysisMode, {
    nullable: true,
    defaultValue: EXPERIMENT_DEFAULTS.analysisMode,
    description: 'Who computes the tests.',
  })
  analysisMode?: d.AnalysisMode | null;
  @Field(() => Int, { nullable: true, description: 'Planned total sample size (> 0).' }) plannedSampleSize?:
    number | null;
  @Field(() => Int, { nullable: true, description: 'Planned runtime in days (> 0).' }) plannedRuntimeDays?:
    number | null;
  @Field(() => String, {
    nullable: true,
    defaultValue: EXPERIMENT_DEFAULTS.randomizationUnit,
    description: `Randomisation unit (${describeTextLength(TEXT_LIMITS.experiment.randomizationUnit)}).`,
  })
  @TextLength(TEXT_LIMITS.experiment.randomizationUnit)
  randomizationUnit?: string | null;
  @Field(() => [String], {
    nullable: true,
    description: `Tags; trimmed, lower-cased and de-duplicated; at most ${MAX_TAGS} of at most ${TEXT_LIMITS.tag.max} characters.`,
  })
  tags?: string[] | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The product surface it changes (e.g. home, search, checkout); trimmed and lower-cased, at most 50 characters; null or blank: none.',
  })
  surface?: string | null;
  @Field(() => ID, { nullable: true, description: 'The run this experiment restarts (replaces).' }) restartOfId?:
    string | null;
  @Field(() => String, { nullable: true, description: 'System it was imported from; given together with externalId.' })
  externalSource?: string | null;
  @Field(() => String, { nullable: true, description: 'Id in that system; unique together with externalSource.' })
  externalId?: string | null;
  @Field(() => HypothesisDraftInput, { nullable: true, description: 'The hypothesis; more can be added while DRAFT.' })
  hypothesis?: HypothesisDraftInput | null;
  @Field(() => [VariantInput], {
    description: `The arms: ${MIN_VARIANTS}-${MAX_VARIANTS}, unique keys, exactly one control.`,
  })
  variants: VariantInput[];
  @Field(() => [ExperimentMetricInput], {
    nullable: true,
    description: 'The metrics with their roles; each catalogue metric once.',
  })
  metrics?: ExperimentMetricInput[] | null;
}
