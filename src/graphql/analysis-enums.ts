import { registerEnumType } from 'type-graphql';

/**
 * Enumerations of the computed analysis (docs/ewl-rules.md §2.10, §6). Values mirror the unions in
 * src/domain/analysis-types.ts.
 */
export const Validity = { VALID: 'VALID', INVALID: 'INVALID', UNKNOWN: 'UNKNOWN' } as const;
export const ValidityReasonCode = {
  SRM_FAILED: 'SRM_FAILED',
  NO_TRAFFIC: 'NO_TRAFFIC',
  REPORTED_CHECK_FAILED: 'REPORTED_CHECK_FAILED',
  MISSING_HEALTH_DATA: 'MISSING_HEALTH_DATA',
} as const;
export const LearningCategory = {
  WIN: 'WIN',
  REGRESSION: 'REGRESSION',
  POWERED_NEUTRAL: 'POWERED_NEUTRAL',
  UNDERPOWERED: 'UNDERPOWERED',
  INVALID: 'INVALID',
  PENDING: 'PENDING',
  EXCLUDED: 'EXCLUDED',
} as const;
export const CategorySubReason = {
  NO_EFFECT: 'NO_EFFECT',
  GUARDRAIL_NOT_CLEARED: 'GUARDRAIL_NOT_CLEARED',
  INFRA_SAFE: 'INFRA_SAFE',
  BELOW_REQUIRED_SAMPLE: 'BELOW_REQUIRED_SAMPLE',
  MISSING_MDE: 'MISSING_MDE',
  NO_DECISION_METRICS: 'NO_DECISION_METRICS',
  NO_DATA: 'NO_DATA',
  SUCCESS_METRIC_IMPROVED: 'SUCCESS_METRIC_IMPROVED',
  METRIC_DETERIORATED: 'METRIC_DETERIORATED',
  ...ValidityReasonCode,
} as const;
export const Recommendation = {
  SHIP: 'SHIP',
  CONTINUE: 'CONTINUE',
  END: 'END',
  ABORT: 'ABORT',
  INVESTIGATE: 'INVESTIGATE',
} as const;
export const MetricDataStatus = { OK: 'OK', NOT_ENOUGH_DATA: 'NOT_ENOUGH_DATA' } as const;
export const NotEnoughDataReason = {
  NO_DATA: 'NO_DATA',
  INSUFFICIENT_SAMPLE: 'INSUFFICIENT_SAMPLE',
  ZERO_VARIANCE: 'ZERO_VARIANCE',
  CONTROL_MEAN_ZERO: 'CONTROL_MEAN_ZERO',
} as const;

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
