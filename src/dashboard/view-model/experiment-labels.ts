import { SUB_REASON_LABELS, VALIDITY_REASON_LABELS } from './not-informative';

/**
 * Words for the codes the experiment analysis returns (docs/ewl-rules.md §2.7, §4 to §6). A code without a label
 * (one the API added later) shows as the code itself; the page always shows the code next to its words.
 */

/** The EwL categories (LearningCategory, docs/ewl-rules.md §6.1). */
export const CATEGORY_LABELS: Readonly<Record<string, string>> = {
  WIN: 'Win',
  REGRESSION: 'Regression',
  POWERED_NEUTRAL: 'Powered neutral',
  UNDERPOWERED: 'Underpowered',
  INVALID: 'Invalid',
  PENDING: 'Pending (not concluded)',
  EXCLUDED: 'Excluded (out of EwL scope)',
};

/** Why an experiment or arm got its category (CategorySubReason, docs/ewl-rules.md §6.2, §6.3). */
export const CATEGORY_SUB_REASON_LABELS: Readonly<Record<string, string>> = {
  ...SUB_REASON_LABELS,
  ...VALIDITY_REASON_LABELS,
  SUCCESS_METRIC_IMPROVED: 'A success metric improved, guardrails cleared',
  METRIC_DETERIORATED: 'A metric deteriorated',
  NO_EFFECT: 'No effect, and powered to see one',
  INFRA_SAFE: 'No success metric; every guardrail cleared (infrastructure change)',
  GUARDRAIL_NOT_CLEARED: 'A guardrail did not clear its margin',
};

/** The ship recommendation (Recommendation, docs/ewl-rules.md §5). */
export const RECOMMENDATION_LABELS: Readonly<Record<string, string>> = {
  SHIP: 'Ship',
  CONTINUE: 'Continue (collect more data)',
  END: 'End (powered, no win to wait for)',
  ABORT: 'Abort (a metric deteriorated)',
  INVESTIGATE: 'Investigate (the experiment is not valid)',
};

/** The validity of an experiment (Validity, docs/ewl-rules.md §4). */
export const VALIDITY_LABELS: Readonly<Record<string, string>> = {
  VALID: 'Valid: no blocking health check failed',
  INVALID: 'Invalid: a blocking health check failed',
  UNKNOWN: 'Unknown: health data missing (counts as invalid)',
};

/** Health check types (HealthCheckType, docs/ewl-rules.md §3.9, §3.10). */
export const HEALTH_CHECK_LABELS: Readonly<Record<string, string>> = {
  SRM: 'Sample ratio mismatch',
  NO_TRAFFIC: 'Traffic in every arm',
  MULTIPLE_EXPOSURE: 'Multiple exposure',
  PRE_EXPOSURE_BIAS: 'Pre-exposure bias',
  MIN_RUNTIME: 'Minimum runtime',
  CUSTOM: 'Custom check',
};

/** Health check outcomes (HealthCheckStatus), with a symbol so that the status never rests on colour. */
export const HEALTH_STATUS_LABELS: Readonly<Record<string, string>> = {
  PASS: '✓ Pass',
  WARN: '! Warning',
  FAIL: '✗ Fail',
  NOT_ENOUGH_DATA: '… Not enough data',
  NOT_RUN: '– Not run',
};

/** The label of `code` in `labels`, or the code itself; `—` for null. */
export function labelOf(labels: Readonly<Record<string, string>>, code: string | null | undefined): string {
  if (code === null || code === undefined) return '—';
  return labels[code] ?? code;
}

/** A flag the API may leave null (e.g. isLearning while PENDING): yes, no or a dash. */
export function formatFlag(flag: boolean | null | undefined): string {
  return flag === null || flag === undefined ? '—' : flag ? 'yes' : 'no';
}

/** A statistic as the API gives it, to four significant digits (tiny p-values in exponent form); `—` for null. */
export function formatStatistic(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (value !== 0 && Math.abs(value) < 1e-4) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

/** The UTC day of an API instant, or a dash. */
export function formatDay(instant: string | null | undefined): string {
  return instant?.slice(0, 10) ?? '—';
}

/**
 * How the lifecycle places a STOPPED experiment (docs/ewl-rules.md §6.4), from the API's fields only: pending until
 * 30 days after its end without a conclusion, then counted as concluded at its end. Null for other statuses and for
 * experiments out of EwL scope (EXCLUDED whatever their status).
 */
export function stoppedNote(e: {
  readonly status: string;
  readonly countsTowardEwl: boolean;
  readonly concludedAt: string | null;
  readonly endedAt: string | null;
  readonly conclusionDate: string | null;
}): string | null {
  if (e.status !== 'STOPPED' || e.concludedAt || !e.countsTowardEwl) return null;
  if (e.conclusionDate)
    return (
      `Stopped on ${formatDay(e.endedAt)} and not concluded for more than 30 days: it counts as concluded on ` +
      `${formatDay(e.conclusionDate)}, the day it stopped.`
    );
  return (
    `Stopped on ${formatDay(e.endedAt)} without a conclusion: pending until it is concluded, or until 30 days after ` +
    'it stopped, when it counts as concluded on the day it stopped.'
  );
}
