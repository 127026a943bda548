import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { ResultPeriod } from '../enums';

// Items are checked by src/domain/rules (validateSufficientStatistics, validateUnitCounts,
// validateExternalResult), whose errors name the item path plus its metric and variant keys.

@InputType({ description: 'Unit counts of one variant. Give variantId or variantKey.' })
export class VariantUnitsInput {
  @Field(() => ID, { nullable: true, description: 'Variant id.' }) variantId?: string | null;
  @Field(() => String, { nullable: true, description: 'Variant key (instead of variantId).' }) variantKey?:
    string | null;
  @Field(() => Int, { description: 'Randomisation units analysed (>= 0).' }) units: number;
  @Field(() => Int, {
    nullable: true,
    description: 'Units also exposed to another arm (0 to units); omitted: stored as unknown (null).',
  })
  multiExposedUnits?: number | null;
}

@InputType({
  description:
    'Sufficient statistics of one metric in one variant (docs/ewl-rules.md §2.6). BINARY: n, sum (0 <= sum <= n, integer). ' +
    'CONTINUOUS: n, sum, sumSq (sumSq >= sum²/n). RATIO: n, sum and sumSq over the numerator Y, sumX, sumXSq, sumXY over the denominator X.',
})
export class MetricResultInput {
  @Field(() => ID, { nullable: true, description: 'Catalogue metric id (the experiment must use the metric).' })
  metricId?: string | null;
  @Field(() => String, { nullable: true, description: 'Catalogue metric key (instead of metricId).' }) metricKey?:
    string | null;
  @Field(() => ID, { nullable: true, description: 'Variant id.' }) variantId?: string | null;
  @Field(() => String, { nullable: true, description: 'Variant key (instead of variantId).' }) variantKey?:
    string | null;
  @Field(() => ResultPeriod, {
    nullable: true,
    defaultValue: 'EXPOSURE',
    description: 'Experiment period or pre-exposure period.',
  })
  period?: d.ResultPeriod | null;
  @Field(() => Int, { description: 'Units measured (>= 0).' }) n: number;
  @Field(() => Float, { description: 'Sum of the values (BINARY: units with the event; RATIO: sum of Y).' })
  sum: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Sum of squares (CONTINUOUS and RATIO; BINARY: omit or equal to sum).',
  })
  sumSq?: number | null;
  @Field(() => Float, { nullable: true, description: 'RATIO only: sum of the denominator X.' }) sumX?: number | null;
  @Field(() => Float, { nullable: true, description: 'RATIO only: sum of X squared.' }) sumXSq?: number | null;
  @Field(() => Float, { nullable: true, description: 'RATIO only: sum of X times Y.' }) sumXY?: number | null;
}

@InputType({
  description: 'A result computed by another platform for one metric and one treatment arm (not the control).',
})
export class ExternalResultInput {
  @Field(() => ID, { nullable: true, description: 'Catalogue metric id.' }) metricId?: string | null;
  @Field(() => String, { nullable: true, description: 'Catalogue metric key (instead of metricId).' }) metricKey?:
    string | null;
  @Field(() => ID, { nullable: true, description: 'Treatment variant id.' }) variantId?: string | null;
  @Field(() => String, { nullable: true, description: 'Treatment variant key (instead of variantId).' }) variantKey?:
    string | null;
  @Field(() => Float, { nullable: true, description: 'Control mean.' }) controlMean?: number | null;
  @Field(() => Float, { description: 'Absolute effect estimate (treatment - control).' }) estimateAbs: number;
  @Field(() => Float, { nullable: true, description: 'Standard error of the estimate (> 0).' }) stdErr?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'The platform found the arm superior.' }) superior?:
    boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The platform found the arm non-inferior.' }) nonInferior?:
    boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The platform found a significant deterioration.' })
  deteriorated?: boolean | null;
}

@InputType({
  description:
    'Unit counts and results of one experiment, upserted in one transaction (an item replaces the stored one with the same variant, metric and period). ' +
    'Accepted while RUNNING, STOPPED or CONCLUDED (late corrections); refused for DRAFT and ARCHIVED with CONFLICT EXPERIMENT_NOT_EDITABLE.',
})
export class RecordResultsInput {
  @Field(() => ID, { nullable: true, description: 'The experiment (give this or experimentKey).' }) experimentId?:
    string | null;
  @Field(() => String, { nullable: true, description: 'The experiment key.' }) experimentKey?: string | null;
  @Field(() => [VariantUnitsInput], { nullable: true, description: 'Unit counts per variant.' })
  units?: VariantUnitsInput[] | null;
  @Field(() => [MetricResultInput], {
    nullable: true,
    description: 'Sufficient statistics per metric, variant and period.',
  })
  results?: MetricResultInput[] | null;
  @Field(() => [ExternalResultInput], {
    nullable: true,
    description: 'Externally computed results per metric and treatment arm.',
  })
  externalResults?: ExternalResultInput[] | null;
}
