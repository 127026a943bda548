import { registerEnumType } from 'type-graphql';
import * as a from '../domain/analysis-types';
import { enumOf } from './enums';

/** Enumerations of the computed analysis (docs/ewl-rules.md §2.10, §6), derived from the tuples in src/domain/analysis-types.ts. */
export const Validity = enumOf(a.VALIDITIES);
export const ValidityReasonCode = enumOf(a.VALIDITY_REASON_CODES);
export const LearningCategory = enumOf(a.LEARNING_CATEGORIES);
export const CategorySubReason = enumOf(a.CATEGORY_SUB_REASONS);
export const Recommendation = enumOf(a.RECOMMENDATIONS);
export const MetricDataStatus = enumOf(a.METRIC_DATA_STATUSES);
export const NotEnoughDataReason = enumOf(a.NOT_ENOUGH_DATA_REASONS);

registerEnumType(Validity, {
  name: 'Validity',
  description:
    'VALID; INVALID (a blocking health check failed); UNKNOWN (health data missing, counted as INVALID for EwL).',
});
registerEnumType(ValidityReasonCode, { name: 'ValidityReasonCode', description: 'Why an experiment is not valid.' });
registerEnumType(LearningCategory, {
  name: 'LearningCategory',
  description:
    'Experiments-with-Learning category (docs/ewl-rules.md §6.1). WIN, REGRESSION and POWERED_NEUTRAL are learning; UNDERPOWERED and INVALID are not informative; PENDING and EXCLUDED are outside the rates.',
});
registerEnumType(CategorySubReason, {
  name: 'CategorySubReason',
  description:
    'Why the experiment (or arm) got its category (docs/ewl-rules.md §6.2), or the validity reason when INVALID.',
});
registerEnumType(Recommendation, {
  name: 'Recommendation',
  description: 'SHIP / CONTINUE / END / ABORT (docs/ewl-rules.md §5); INVESTIGATE when the experiment is not valid.',
});
registerEnumType(MetricDataStatus, {
  name: 'MetricDataStatus',
  description: 'OK, or NOT_ENOUGH_DATA: the numbers that need the missing data are null (never NaN or Infinity).',
});
registerEnumType(NotEnoughDataReason, {
  name: 'NotEnoughDataReason',
  description:
    'NO_DATA: an arm has no units yet; INSUFFICIENT_SAMPLE: too few units for a variance (n < 2) or a zero ratio denominator; ZERO_VARIANCE: no variation in either arm; CONTROL_MEAN_ZERO: a relative margin cannot be converted.',
});
