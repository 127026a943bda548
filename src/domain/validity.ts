import { sampleRatioTest } from '../stats/sample-ratio';
import type { AnalysisInput, HealthCheckResult, ValidityReason, ValidityResult } from './analysis-types';
import { preExposureBiasCheck } from './pre-exposure';
import {
  MIN_RUNTIME_DAYS, MS_PER_DAY, MULTIPLE_EXPOSURE_MIN_UNITS, MULTIPLE_EXPOSURE_WARN_SHARE, SRM_FAIL_P_VALUE, SRM_MIN_UNITS_PER_ARM, SRM_WARN_P_VALUE,
} from './ruleset';

function computed(check: Omit<HealthCheckResult, 'id' | 'source' | 'reporter' | 'reportedAt' | 'name'>): HealthCheckResult {
  const { type, status, severity, pValue, observed, threshold, details } = check;
  return { id: null, type, name: '', source: 'COMPUTED', status, severity, pValue, observed, threshold, details, reporter: '', reportedAt: null };
}

/**
 * Sample ratio mismatch over all arms with planned weights (spec §3.9): Pearson χ², FAIL below
 * `srmThreshold` (default 0.001), WARN below 0.01, NOT_ENOUGH_DATA when an arm has fewer than 8
 * units, NOT_RUN when unit counts are missing. Always BLOCKING. Arms with 0 units are left to
 * NO_TRAFFIC (the χ² test is still reported for them).
 */
export function computeSrmCheck(input: Pick<AnalysisInput, 'variants'>, srmThreshold = SRM_FAIL_P_VALUE): HealthCheckResult {
  const base = { type: 'SRM' as const, severity: 'BLOCKING' as const, threshold: srmThreshold };
  const units = input.variants.map((v) => v.units);
  if (input.variants.length < 2 || units.some((u) => u === null)) {
    return computed({ ...base, status: 'NOT_RUN', pValue: null, observed: null, details: 'Unit counts per variant are missing.' });
  }
  const observed = units as number[];
  if (observed.every((u) => u === 0)) {
    return computed({ ...base, status: 'NOT_ENOUGH_DATA', pValue: null, observed: null, details: 'No units in any arm.' });
  }
  const test = sampleRatioTest({ observed, weights: input.variants.map((v) => v.plannedWeight) });
  const details = `chi2 = ${test.chiSquare.toPrecision(5)}, df = ${test.df}, max share deviation = ${(test.maxShareDeviation * 100).toFixed(3)} points`;
  if (observed.some((u) => u < SRM_MIN_UNITS_PER_ARM)) {
    return computed({ ...base, status: 'NOT_ENOUGH_DATA', pValue: test.pValue, observed: test.maxShareDeviation, details: `An arm has fewer than ${SRM_MIN_UNITS_PER_ARM} units; ${details}` });
  }
  const status = test.pValue < srmThreshold ? 'FAIL' : test.pValue < Math.max(SRM_WARN_P_VALUE, srmThreshold) ? 'WARN' : 'PASS';
  return computed({ ...base, status, pValue: test.pValue, observed: test.maxShareDeviation, details });
}

/** NO_TRAFFIC (spec §3.10): FAIL (blocking) when any arm has 0 units; NOT_RUN when counts are missing. */
export function computeNoTrafficCheck(input: Pick<AnalysisInput, 'variants'>): HealthCheckResult {
  const base = { type: 'NO_TRAFFIC' as const, severity: 'BLOCKING' as const, pValue: null, threshold: 0 };
  if (input.variants.some((v) => v.units === null)) return computed({ ...base, status: 'NOT_RUN', observed: null, details: 'Unit counts per variant are missing.' });
  const empty = input.variants.filter((v) => v.units === 0);
  if (empty.length > 0) {
    return computed({ ...base, status: 'FAIL', observed: empty.length, details: `No traffic in ${empty.map((v) => v.key).join(', ')}.` });
  }
  return computed({ ...base, status: 'PASS', observed: 0, details: 'Every arm has traffic.' });
}

/** MULTIPLE_EXPOSURE (spec §3.10): WARN above 1 % of units once at least 10 units were multi-exposed. */
export function computeMultipleExposureCheck(input: Pick<AnalysisInput, 'variants'>): HealthCheckResult {
  const base = { type: 'MULTIPLE_EXPOSURE' as const, severity: 'WARNING' as const, pValue: null, threshold: MULTIPLE_EXPOSURE_WARN_SHARE };
  if (input.variants.some((v) => v.units === null || v.multiExposedUnits === null)) {
    return computed({ ...base, status: 'NOT_RUN', observed: null, details: 'Multi-exposed unit counts are missing.' });
  }
  const total = input.variants.reduce((s, v) => s + (v.units ?? 0), 0);
  const multi = input.variants.reduce((s, v) => s + (v.multiExposedUnits ?? 0), 0);
  if (total === 0) return computed({ ...base, status: 'NOT_ENOUGH_DATA', observed: null, details: 'No units.' });
  const share = multi / total;
  const warn = share > MULTIPLE_EXPOSURE_WARN_SHARE && multi >= MULTIPLE_EXPOSURE_MIN_UNITS;
  return computed({ ...base, status: warn ? 'WARN' : 'PASS', observed: share, details: `${multi} of ${total} units saw more than one arm.` });
}

/** MIN_RUNTIME (spec §3.10, §11 A19): WARN when traffic ran for less than 7 days; never blocking. */
export function computeMinRuntimeCheck(input: Pick<AnalysisInput, 'startedAt' | 'endedAt'>, asOf: Date): HealthCheckResult {
  const base = { type: 'MIN_RUNTIME' as const, severity: 'WARNING' as const, pValue: null, threshold: MIN_RUNTIME_DAYS };
  if (!input.startedAt) return computed({ ...base, status: 'NOT_RUN', observed: null, details: 'The experiment has not started.' });
  const end = input.endedAt ?? asOf;
  const days = Math.max(0, (end.getTime() - input.startedAt.getTime()) / MS_PER_DAY);
  const status = days < MIN_RUNTIME_DAYS ? (input.endedAt ? 'WARN' : 'NOT_ENOUGH_DATA') : 'PASS';
  return computed({ ...base, status, observed: days, details: `Ran for ${days.toFixed(1)} days.` });
}

/**
 * Experiment validity (spec §4): INVALID when any BLOCKING check (computed or reported) FAILs,
 * listing every failing check; otherwise UNKNOWN when the SRM check cannot run because unit counts
 * are missing (counted as INVALID for EwL with reason MISSING_HEALTH_DATA, §11 A12); otherwise
 * VALID. WARN and NOT_ENOUGH_DATA never change validity.
 * Review change: a REPORTED MIN_RUNTIME check is always treated (and shown) as severity WARNING,
 * whatever severity was recorded: a short runtime never blocks (spec §3.10, §11 A19), and write-time
 * validation does not refuse a BLOCKING one.
 */
export function computeValidityStatus(input: AnalysisInput, options: { asOf: Date; srmThreshold?: number }): ValidityResult {
  const srm = computeSrmCheck(input, options.srmThreshold);
  const checks: HealthCheckResult[] = [
    srm,
    computeNoTrafficCheck(input),
    computeMultipleExposureCheck(input),
    preExposureBiasCheck(input),
    computeMinRuntimeCheck(input, options.asOf),
    ...input.reportedChecks.map((c): HealthCheckResult => ({ ...c, source: 'REPORTED', severity: c.type === 'MIN_RUNTIME' ? 'WARNING' : c.severity })),
  ];
  const reasons: ValidityReason[] = [];
  for (const check of checks) {
    if (check.severity !== 'BLOCKING' || check.status !== 'FAIL') continue;
    if (check.source === 'REPORTED') {
      reasons.push({ code: 'REPORTED_CHECK_FAILED', checkType: check.type, message: `Reported ${check.type}${check.name ? ` "${check.name}"` : ''} check failed${check.reporter ? ` (${check.reporter})` : ''}.` });
    } else if (check.type === 'SRM') {
      reasons.push({ code: 'SRM_FAILED', checkType: 'SRM', message: `Sample ratio mismatch: p = ${check.pValue?.toExponential(2)} < ${check.threshold}.` });
    } else {
      reasons.push({ code: 'NO_TRAFFIC', checkType: 'NO_TRAFFIC', message: check.details });
    }
  }
  if (reasons.length > 0) return { validity: 'INVALID', reasons, checks };
  if (srm.status === 'NOT_RUN') {
    return { validity: 'UNKNOWN', reasons: [{ code: 'MISSING_HEALTH_DATA', checkType: 'SRM', message: 'The SRM check cannot run: unit counts per variant are missing.' }], checks };
  }
  return { validity: 'VALID', reasons: [], checks };
}
