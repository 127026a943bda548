import type { HealthCheck } from '../../domain/experiment';
import { sampleRatioTest } from './numerics';
import { type IdFactory, type Rng } from './random';

/** Multiple-exposure share above which assignment services warn (docs/ewl-rules.md §3.10). */
const MULTIPLE_EXPOSURE_WARN_SHARE = 0.01;
const MULTIPLE_EXPOSURE_MIN_UNITS = 10;

export interface HealthCheckInput {
  readonly experimentId: string;
  readonly units: readonly number[];
  readonly weights: readonly number[];
  readonly multiExposedUnits: ReadonlyArray<number | null>;
  readonly runtimeDays: number;
  readonly externalSource: string | null;
  readonly reportedAt: Date;
}

/** Draws how many units per arm were also seen in another arm; null when not reported. */
export function drawMultiExposure(rng: Rng, units: readonly number[]): Array<number | null> {
  if (!rng.chance(0.35)) return units.map(() => null);
  const share = rng.chance(0.1) ? rng.uniform(0.012, 0.04) : rng.uniform(0, 0.006);
  return units.map((u) => Math.min(u, Math.round(u * share * rng.uniform(0.8, 1.2))));
}

/**
 * Health checks that other systems reported for an experiment, consistent with its data: the
 * assignment service's MULTIPLE_EXPOSURE check, the importing platform's SRM check (its p-value
 * from the same counts), MIN_RUNTIME warnings for short runs, and CUSTOM checks (tracking
 * completeness, crash-free sessions; the latter BLOCKING and occasionally failing).
 */
export function reportHealthChecks(
  rng: Rng,
  ids: IdFactory,
  input: HealthCheckInput,
): { checks: HealthCheck[]; blockingFailed: boolean } {
  const checks: HealthCheck[] = [];
  const base = { experimentId: input.experimentId, source: 'REPORTED' as const, reportedAt: input.reportedAt };
  const exposed = input.multiExposedUnits.every((m) => m !== null)
    ? input.multiExposedUnits.reduce<number>((acc, m) => acc + (m ?? 0), 0)
    : null;
  const total = input.units.reduce((acc, u) => acc + u, 0);
  if (exposed !== null && total > 0) {
    const share = exposed / total;
    const warn = share > MULTIPLE_EXPOSURE_WARN_SHARE && exposed >= MULTIPLE_EXPOSURE_MIN_UNITS;
    checks.push({
      ...base,
      id: ids.next(),
      type: 'MULTIPLE_EXPOSURE',
      name: '',
      status: warn ? 'WARN' : 'PASS',
      severity: 'WARNING',
      pValue: null,
      observed: share,
      threshold: MULTIPLE_EXPOSURE_WARN_SHARE,
      reporter: 'assignment-service',
      details: `${exposed} of ${total} units were exposed to more than one variant.`,
    });
  }
  if (input.externalSource !== null && total > 0) {
    const srm = sampleRatioTest(input.units, input.weights);
    const status = input.units.some((u) => u < 8)
      ? 'NOT_ENOUGH_DATA'
      : srm.pValue < 0.001
        ? 'FAIL'
        : srm.pValue < 0.01
          ? 'WARN'
          : 'PASS';
    checks.push({
      ...base,
      id: ids.next(),
      type: 'SRM',
      name: '',
      status,
      severity: 'BLOCKING',
      pValue: srm.pValue,
      observed: srm.statistic,
      threshold: 0.001,
      reporter: input.externalSource,
      details: `Sample ratio test over ${input.units.length} variants (chi-square ${srm.statistic.toFixed(2)}).`,
    });
  }
  if (input.runtimeDays < 7 && rng.chance(0.6)) {
    checks.push({
      ...base,
      id: ids.next(),
      type: 'MIN_RUNTIME',
      name: '',
      status: 'WARN',
      severity: 'WARNING',
      pValue: null,
      observed: Math.round(input.runtimeDays * 10) / 10,
      threshold: 7,
      reporter: 'experiment-scheduler',
      details: 'Ran for less than a full week.',
    });
  }
  if (rng.chance(0.12)) {
    const completeness = rng.chance(0.9) ? rng.uniform(0.975, 0.999) : rng.uniform(0.9, 0.95);
    checks.push({
      ...base,
      id: ids.next(),
      type: 'CUSTOM',
      name: 'tracking-completeness',
      status: completeness >= 0.95 ? 'PASS' : 'WARN',
      severity: 'WARNING',
      pValue: null,
      observed: completeness,
      threshold: 0.95,
      reporter: 'data-quality-monitor',
      details: 'Share of expected events received.',
    });
  }
  let blockingFailed = false;
  if (rng.chance(0.03)) {
    blockingFailed = rng.chance(0.25);
    const crashFree = blockingFailed ? rng.uniform(0.97, 0.985) : rng.uniform(0.993, 0.999);
    checks.push({
      ...base,
      id: ids.next(),
      type: 'CUSTOM',
      name: 'crash-free-sessions',
      status: blockingFailed ? 'FAIL' : 'PASS',
      severity: 'BLOCKING',
      pValue: null,
      observed: crashFree,
      threshold: 0.99,
      reporter: 'release-monitor',
      details: 'Crash-free sessions in the treatment build.',
    });
  }
  return { checks, blockingFailed };
}
