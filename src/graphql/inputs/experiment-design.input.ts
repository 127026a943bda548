import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { describeTextLength, TEXT_LIMITS } from '../../domain/rules/field-limits';
import { MAX_VARIANTS, MIN_VARIANTS } from '../../domain/rules/variant-set';
import { TextLength } from '../text-length';
import { EffectScale, MetricRole } from '../enums';

// Items of lists are checked by src/domain/rules (validateVariantSet, validateMetricSettings) so that
// errors name the full path, e.g. `input.variants[1].plannedWeight`.

@InputType({
  description: `One arm of an experiment. A set needs ${MIN_VARIANTS}-${MAX_VARIANTS} arms with unique keys and exactly one control.`,
})
export class VariantInput {
  @Field({
    description: 'Key, unique within the experiment (e.g. control, treatment). Variants are matched by key on update.',
  })
  key: string;
  @Field({ description: `Display name (${describeTextLength(TEXT_LIMITS.variant.name)}).` })
  @TextLength(TEXT_LIMITS.variant.name)
  name: string;
  @Field({ description: 'True for the control arm; exactly one per experiment. It cannot change after DRAFT.' })
  isControl: boolean;
  @Field(() => Float, {
    description: 'Planned traffic weight, finite and > 0 (weights are normalised for the SRM check).',
  })
  plannedWeight: number;
  @Field(() => Int, {
    nullable: true,
    description: 'Randomisation units analysed in this arm (>= 0). Omitted on update: kept.',
  })
  units?: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Units also exposed to another arm (0 to units). Omitted on update: kept.',
  })
  multiExposedUnits?: number | null;
}

@InputType({
  description: 'A catalogue metric as used by the experiment. Give metricId or metricKey; each metric at most once.',
})
export class ExperimentMetricInput {
  @Field(() => ID, { nullable: true, description: 'Catalogue metric id.' }) metricId?: string | null;
  @Field(() => String, { nullable: true, description: 'Catalogue metric key (instead of metricId).' }) metricKey?:
    string | null;
  @Field(() => MetricRole, { description: 'Role in the decision rule.' }) role: d.MetricRole;
  @Field(() => Float, { nullable: true, description: 'Minimum detectable effect, > 0; given together with mdeScale.' })
  mde?: number | null;
  @Field(() => EffectScale, { nullable: true, description: 'Scale of mde.' }) mdeScale?: d.EffectScale | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Non-inferiority margin, > 0, GUARDRAIL metrics only; given together with nimScale.',
  })
  nim?: number | null;
  @Field(() => EffectScale, { nullable: true, description: 'Scale of nim.' }) nimScale?: d.EffectScale | null;
}

@InputType({ description: 'A hypothesis written together with a new experiment.' })
export class HypothesisDraftInput {
  @Field({
    description: `What is changed, for whom, and the expected behaviour change (${describeTextLength(TEXT_LIMITS.hypothesis.statement)}).`,
  })
  @TextLength(TEXT_LIMITS.hypothesis.statement)
  statement: string;
  @Field(() => String, {
    nullable: true,
    description: `Prior evidence for it (${describeTextLength(TEXT_LIMITS.hypothesis.rationale)}).`,
  })
  @TextLength(TEXT_LIMITS.hypothesis.rationale)
  rationale?: string | null;
}
