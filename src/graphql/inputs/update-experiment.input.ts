import { IsUUID } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { experimentAttributeInput } from './experiment-attributes.input';
import { ExperimentMetricInput, VariantInput } from './experiment-design.input';

/** The fields before the attributes (experiment-attributes.input.ts); its own input type is not in the schema. */
@InputType('UpdateExperimentIdInput')
abstract class UpdateExperimentId {
  @Field(() => Int, {
    nullable: true,
    description:
      'Optimistic concurrency: the version you read; a stale one is refused with CONFLICT VERSION_MISMATCH (extensions.currentVersion). Omit to overwrite unconditionally.',
  })
  expectedVersion?: number | null;

  @Field(() => ID, { description: 'The experiment to change.' }) @IsUUID() id: string;
}

@InputType({
  description:
    'Changes to an experiment. Omitted fields stay; null clears a nullable field (and leaves a required one). ' +
    'The statistical design (alpha, power, modes, planned size and runtime, randomisation unit; the arms, control and planned weights; ' +
    'the metrics with their roles, MDE and NIM) is pre-registered: it can change only while DRAFT, afterwards only through ' +
    'amendExperimentDesign (CONFLICT DESIGN_LOCKED naming the field; resending unchanged values is accepted). ' +
    'Variant names and order and metric order can change while DRAFT or RUNNING. ARCHIVED experiments are read-only.',
})
export class UpdateExperimentInput extends experimentAttributeInput('update', UpdateExperimentId) {
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
