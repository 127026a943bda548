import { Field, InputType } from 'type-graphql';
import { MAX_KEY_LENGTH } from '../../domain/rules/field-limits';
import { MAX_VARIANTS, MIN_VARIANTS } from '../../domain/rules/variant-set';
import { experimentAttributeInput } from './experiment-attributes.input';
import { ExperimentMetricInput, HypothesisDraftInput, VariantInput } from './experiment-design.input';

/** The field before the attributes (experiment-attributes.input.ts); its own input type is not in the schema. */
@InputType('CreateExperimentKeyInput')
abstract class CreateExperimentKey {
  @Field({ description: `Unique key (letters, digits, . _ : / -; at most ${MAX_KEY_LENGTH} characters).` })
  key: string;
}

@InputType({
  description: 'A new experiment, created as DRAFT with its variants, metrics and optionally a hypothesis.',
})
export class CreateExperimentInput extends experimentAttributeInput('create', CreateExperimentKey) {
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
