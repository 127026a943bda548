import { IsUUID } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { describeTextLength, MAX_KEY_LENGTH, TEXT_LIMITS } from '../../domain/rules/field-limits';
import { TextLength } from '../text-length';
import { MetricType, PreferredDirection } from '../enums';

@InputType({ description: 'A new metric of the shared catalogue.' })
export class CreateMetricInput {
  @Field({
    description: `Unique key (letters, digits, . _ : / -; at most ${MAX_KEY_LENGTH} characters), e.g. \`checkout-conversion\`.`,
  })
  key: string;
  @Field({ description: `Display name (${describeTextLength(TEXT_LIMITS.metric.name)}).` })
  @TextLength(TEXT_LIMITS.metric.name)
  name: string;
  @Field(() => String, {
    nullable: true,
    description: `What the metric measures (${describeTextLength(TEXT_LIMITS.metric.description)}).`,
  })
  @TextLength(TEXT_LIMITS.metric.description)
  description?: string | null;
  @Field(() => MetricType, { description: 'Binary, continuous or ratio: fixes the shape of its results.' })
  type: d.MetricType;
  @Field(() => PreferredDirection, { description: 'Which direction of change is good.' })
  preferredDirection: d.PreferredDirection;
}

@InputType({
  description:
    'Changes to a catalogue metric; omitted fields stay. The type cannot change once results were recorded (CONFLICT METRIC_IN_USE).',
})
export class UpdateMetricInput {
  @Field(() => Int, {
    nullable: true,
    description:
      'Optimistic concurrency: the version you read; a stale one is refused with CONFLICT VERSION_MISMATCH (extensions.currentVersion). Omit to overwrite unconditionally.',
  })
  expectedVersion?: number | null;

  @Field(() => ID, { description: 'The metric to change.' }) @IsUUID() id: string;
  @Field(() => String, { nullable: true, description: 'New display name.' })
  @TextLength(TEXT_LIMITS.metric.name)
  name?: string | null;
  @Field(() => String, { nullable: true, description: 'New description.' })
  @TextLength(TEXT_LIMITS.metric.description)
  description?: string | null;
  @Field(() => MetricType, { nullable: true, description: 'New type; refused once results exist for the metric.' })
  type?: d.MetricType | null;
  @Field(() => PreferredDirection, { nullable: true, description: 'New preferred direction.' })
  preferredDirection?: d.PreferredDirection | null;
}
