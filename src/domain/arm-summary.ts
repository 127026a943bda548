import { differenceTest } from '../stats/tests';
import { binaryVariance, ratioMeanVariance, sampleVariance } from '../stats/variance';
import type { ArmStatistics, NotEnoughDataReason } from './analysis-types';
import type { MetricType } from './experiment';

/** Mean and per-unit variance of one metric in one arm, or why they are not available. */
export type ArmSummary =
  | { readonly ok: true; readonly n: number; readonly mean: number; readonly unitVariance: number }
  | { readonly ok: false; readonly status: NotEnoughDataReason; readonly detail: string };

/**
 * Turns sufficient statistics into a mean and a per-unit variance (docs/ewl-rules.md §3.1). The domain decides
 * what too little data means before calling the stats layer: no row or n = 0 is NO_DATA; a
 * CONTINUOUS or RATIO metric with n < 2 (variance undefined) or a RATIO with ΣX = 0 is
 * INSUFFICIENT_SAMPLE. For RATIO the "per-unit variance" is n·Var(R̂) (delta method), so that
 * v/n is the variance of the ratio estimate as §3.2 expects.
 */
export function summariseArm(type: MetricType, stats: ArmStatistics | undefined): ArmSummary {
  if (!stats || stats.n === 0) return { ok: false, status: 'NO_DATA', detail: 'No units measured.' };
  const { n, sum } = stats;
  switch (type) {
    case 'BINARY':
      return { ok: true, n, mean: sum / n, unitVariance: binaryVariance({ n, sum }) };
    case 'CONTINUOUS':
      if (n < 2 || stats.sumSq === null)
        return { ok: false, status: 'INSUFFICIENT_SAMPLE', detail: 'A variance needs at least 2 units.' };
      return { ok: true, n, mean: sum / n, unitVariance: sampleVariance({ n, sum, sumSq: stats.sumSq }) };
    case 'RATIO': {
      if (n < 2 || stats.sumSq === null || stats.sumX === null || stats.sumXSq === null || stats.sumXY === null) {
        return {
          ok: false,
          status: 'INSUFFICIENT_SAMPLE',
          detail: 'A ratio variance needs at least 2 units and all six sums.',
        };
      }
      if (stats.sumX === 0) return { ok: false, status: 'INSUFFICIENT_SAMPLE', detail: 'The denominator sum is 0.' };
      const r = ratioMeanVariance({
        n,
        sumY: sum,
        sumX: stats.sumX,
        sumY2: stats.sumSq,
        sumX2: stats.sumXSq,
        sumXY: stats.sumXY,
      });
      return { ok: true, n, mean: r.ratio, unitVariance: r.varianceOfRatio * n };
    }
  }
}

/**
 * Two-sided pre-period test (H0: Δ = 0) between two arms' pre-exposure statistics (docs/ewl-rules.md §3.10).
 * Returns null when either arm has no usable data or the standard error is 0.
 */
export function preExposurePValue(
  type: MetricType,
  control: ArmStatistics | undefined,
  treatment: ArmStatistics | undefined,
): number | null {
  const c = summariseArm(type, control);
  const t = summariseArm(type, treatment);
  if (!c.ok || !t.ok || c.unitVariance / c.n + t.unitVariance / t.n === 0) return null;
  return differenceTest({ meanC: c.mean, varC: c.unitVariance, nC: c.n, meanT: t.mean, varT: t.unitVariance, nT: t.n })
    .pTwoSided;
}
