import { sampleRatioTest } from '../stats/sample-ratio';
import type { AnalysisInput, HealthCheckResult, ValidityReason, ValidityResult } from './analysis-types';
import type { HealthCheckSeverity, HealthCheckStatus, HealthCheckType } from './experiment';
import { preExposureBiasCheck } from './pre-exposure';
import {
  MIN_RUNTIME_DAYS,
  MS_PER_DAY,
  MULTIPLE_EXPOSURE_MIN_UNITS,
  MULTIPLE_EXPOSURE_WARN_SHARE,
  SRM_FAIL_P_VALUE,
  SRM_MIN_UNITS_PER_ARM,
  SRM_WARN_P_VALUE,
} from './ruleset';

interface CheckBase {
  readonly type: HealthCheckType;
  readonly severity: HealthCheckSeverity;
  readonly threshold: number;
}

// Plain literals rather than object spreads: this runs for every experiment on every write and in
// `reclassify`, and spreads are an order of magnitude slower in V8 (see BENCHMARKS.md).
function computed(
  base: CheckBase,
  status: HealthCheckStatus,
  pValue: number | null,
  observed: number | null,
  details: string,
): HealthCheckResult {
  return {
    id: null,
    type: base.type,
    name: '',
    source: 'COMPUTED',
    status,
    severity: base.severity,
    pValue,
    observed,
    threshold: base.threshold,
    details,
    reporter: '',
    reportedAt: null,
  };
}

/**
 * Sample ratio mismatch over all arms with planned weights (docs/ewl-rules.md §3.9): Pearson χ², FAIL below
 * `srmThreshold` (default 0.001), WARN below 0.01, NOT_ENOUGH_DATA when an arm has fewer than 8
 * units, NOT_RUN when unit counts are missing. Always BLOCKING. Arms with 0 units are left to
 * NO_TRAFFIC (the χ² test is still reported for them).
 */
export function computeSrmCheck(
  input: Pick<AnalysisInput, 'variants'>,
  srmThreshold = SRM_FAIL_P_VALUE,
  detail = true,
): HealthCheckResult {
  const base: CheckBase = { type: 'SRM', severity: 'BLOCKING', threshold: srmThreshold };
  const units = input.variants.map((v) => v.units);
  if (input.variants.length < 2 || units.some((u) => u === null)) {
    return computed(base, 'NOT_RUN', null, null, 'Unit counts per variant are missing.');
  }
  const observed = units as number[];
  if (observed.every((u) => u === 0)) {
    return computed(base, 'NOT_ENOUGH_DATA', null, null, 'No units in any arm.');
  }
  const test = sampleRatioTest({ observed, weights: input.variants.map((v) => v.plannedWeight) });
  const details = detail
    ? `chi2 = ${test.chiSquare.toPrecision(5)}, df = ${test.df}, max share deviation = ${(test.maxShareDeviation * 100).toFixed(3)} points`
    : '';
  if (observed.some((u) => u < SRM_MIN_UNITS_PER_ARM)) {
    return computed(
      base,
      'NOT_ENOUGH_DATA',
      test.pValue,
      test.maxShareDeviation,
      `An arm has fewer than ${SRM_MIN_UNITS_PER_ARM} units; ${details}`,
    );
  }
  const status =
    test.pValue < srmThreshold ? 'FAIL' : test.pValue < Math.max(SRM_WARN_P_VALUE, srmThreshold) ? 'WARN' : 'PASS';
  return computed(base, status, test.pValue, test.maxShareDeviation, details);
}

/** NO_TRAFFIC (docs/ewl-rules.md §3.10): FAIL (blocking) when any arm has 0 units; NOT_RUN when counts are missing. */
export function computeNoTrafficCheck(input: Pick<AnalysisInput, 'variants'>): HealthCheckResult {
  const base: CheckBase = { type: 'NO_TRAFFIC', severity: 'BLOCKING', threshold: 0 };
  if (input.variants.some((v) => v.units === null))
    return computed(base, 'NOT_RUN', null, null, 'Unit counts per variant are missing.');
  const empty = input.variants.filter((v) => v.units === 0);
  if (empty.length > 0) {
    return computed(base, 'FAIL', null, empty.length, `No traffic in ${empty.map((v) => v.key).join(', ')}.`);
  }
  return computed(base, 'PASS', null, 0, 'Every arm has traffic.');
}

/** MULTIPLE_EXPOSURE (docs/ewl-rules.md §3.10): WARN above 1 % of units once at least 10 units were multi-exposed. */
export function computeMultipleExposureCheck(input: Pick<AnalysisInput, 'variants'>): HealthCheckResult {
  const base: CheckBase = { type: 'MULTIPLE_EXPOSURE', severity: 'WARNING', threshold: MULTIPLE_EXPOSURE_WARN_SHARE };
  if (input.variants.some((v) => v.units === null || v.multiExposedUnits === null)) {
    return computed(base, 'NOT_RUN', null, null, 'Multi-exposed unit counts are missing.');
  }
  const total = input.variants.reduce((s, v) => s + (v.units ?? 0), 0);
  const multi = input.variants.reduce((s, v) => s + (v.multiExposedUnits ?? 0), 0);
  if (total === 0) return computed(base, 'NOT_ENOUGH_DATA', null, null, 'No units.');
  const share = multi / total;
  const warn = share > MULTIPLE_EXPOSURE_WARN_SHARE && multi >= MULTIPLE_EXPOSURE_MIN_UNITS;
  return computed(base, warn ? 'WARN' : 'PASS', null, share, `${multi} of ${total} units saw more than one arm.`);
}

/** MIN_RUNTIME (docs/ewl-rules.md §3.10, §11 A19): WARN when traffic ran for less than 7 days; never blocking. */
export function computeMinRuntimeCheck(
  input: Pick<AnalysisInput, 'startedAt' | 'endedAt'>,
  asOf: Date,
  detail = true,
): HealthCheckResult {
  const base: CheckBase = { type: 'MIN_RUNTIME', severity: 'WARNING', threshold: MIN_RUNTIME_DAYS };
  if (!input.startedAt) return computed(base, 'NOT_RUN', null, null, 'The experiment has not started.');
  const end = input.endedAt ?? asOf;
  const days = Math.max(0, (end.getTime() - input.startedAt.getTime()) / MS_PER_DAY);
  const status = days < MIN_RUNTIME_DAYS ? (input.endedAt ? 'WARN' : 'NOT_ENOUGH_DATA') : 'PASS';
  return computed(base, status, null, days, detail ? `Ran for ${days.toFixed(1)} days.` : '');
}

/**
 * Experiment validity (docs/ewl-rules.md §4): INVALID when any BLOCKING check (computed or reported) FAILs,
 * listing every failing check; otherwise UNKNOWN when the SRM check cannot run because unit counts
 * are missing (counted as INVALID for EwL with reason MISSING_HEALTH_DATA, §11 A12); otherwise
 * VALID. WARN and NOT_ENOUGH_DATA never change validity.
 * Review change: a REPORTED MIN_RUNTIME check is always treated (and shown) as severity WARNING,
 * whatever severity was recorded: a short runtime never blocks (docs/ewl-rules.md §3.10, §11 A19), and write-time
 * validation does not refuse a BLOCKING one.
 */
export function computeValidityStatus(
  input: AnalysisInput,
  options: { asOf: Date; srmThreshold?: number; detail?: boolean },
): ValidityResult {
  const detail = options.detail ?? true;
  const srm = computeSrmCheck(input, options.srmThreshold, detail);
  const checks: HealthCheckResult[] = [
    srm,
    computeNoTrafficCheck(input),
    computeMultipleExposureCheck(input),
    preExposureBiasCheck(input),
    computeMinRuntimeCheck(input, options.asOf, detail),
    ...input.reportedChecks.map((c): HealthCheckResult => ({
      ...c,
      source: 'REPORTED',
      severity: c.type === 'MIN_RUNTIME' ? 'WARNING' : c.severity,
    })),
  ];
  const reasons: ValidityReason[] = [];
  for (const check of checks) {
    if (check.severity !== 'BLOCKING' || check.status !== 'FAIL') continue;
    if (check.source === 'REPORTED') {
      reasons.push({
        code: 'REPORTED_CHECK_FAILED',
        checkType: check.type,
        message: `Reported ${check.type}${check.name ? ` "${check.name}"` : ''} check failed${check.reporter ? ` (${check.reporter})` : ''}.`,
      });
    } else if (check.type === 'SRM') {
      reasons.push({
        code: 'SRM_FAILED',
        checkType: 'SRM',
        message: `Sample ratio mismatch: p = ${check.pValue?.toExponential(2)} < ${check.threshold}.`,
      });
    } else {
      reasons.push({ code: 'NO_TRAFFIC', checkType: 'NO_TRAFFIC', message: check.details });
    }
  }
  if (reasons.length > 0) return { validity: 'INVALID', reasons, checks };
  if (srm.status === 'NOT_RUN') {
    return {
      validity: 'UNKNOWN',
      reasons: [
        {
          code: 'MISSING_HEALTH_DATA',
          checkType: 'SRM',
          message: 'The SRM check cannot run: unit counts per variant are missing.',
        },
      ],
      checks,
    };
  }
  return { validity: 'VALID', reasons: [], checks };
}
