import type { SufficientStatistics } from '../../domain/experiment';
import { type MetricModel } from './metric-catalogue';
import { type Rng } from './random';

/** Sufficient statistics of one metric in one arm (docs/ewl-rules.md §2.6; ratio: Y in sum/sumSq, X in sumX/sumXSq). */
export type DrawnStats = SufficientStatistics;

/** Relative spread of a sample variance around σ² (excess kurtosis ≈ 6, typical of skewed usage data). */
const VARIANCE_NOISE_KURTOSIS = 8;

/** A sample variance s² > 0 drawn around σ² with the large-sample spread sqrt((κ − 1)/n)·σ². */
function drawSampleVariance(rng: Rng, variance: number, n: number): number {
  const spread = Math.sqrt((VARIANCE_NOISE_KURTOSIS - 1) / Math.max(n, 2));
  return variance * Math.max(0.2, 1 + spread * rng.normal());
}

/**
 * Draws one arm's sufficient statistics for `n` units whose true metric is the population model
 * shifted by `relativeEffect` (p, mean or ratio multiplied by 1 + effect):
 * - BINARY: sum ~ Binomial(n, p), integer in [0, n];
 * - CONTINUOUS: sample mean ~ N(μ, σ²/n), sample variance s² > 0, sumSq = (n−1)s² + sum²/n;
 * - RATIO: sample means of (X, Y) from their joint sampling distribution and a sample covariance
 *   with |correlation| < 1, so every sum of squares is ≥ sum²/n and the 2×2 covariance is PSD.
 */
export function drawSufficientStats(rng: Rng, model: MetricModel, n: number, relativeEffect: number): DrawnStats {
  if (n <= 0) {
    return model.type === 'BINARY'
      ? { n: 0, sum: 0, sumSq: null, sumX: null, sumXSq: null, sumXY: null }
      : {
          n: 0,
          sum: 0,
          sumSq: 0,
          sumX: model.type === 'RATIO' ? 0 : null,
          sumXSq: model.type === 'RATIO' ? 0 : null,
          sumXY: model.type === 'RATIO' ? 0 : null,
        };
  }
  switch (model.type) {
    case 'BINARY': {
      const p = Math.min(0.999, Math.max(0.0001, model.p * (1 + relativeEffect)));
      return { n, sum: rng.binomial(n, p), sumSq: null, sumX: null, sumXSq: null, sumXY: null };
    }
    case 'CONTINUOUS': {
      const mean = model.mean * (1 + relativeEffect);
      let sampleMean = mean + (model.sd / Math.sqrt(n)) * rng.normal();
      if (model.nonNegative) sampleMean = Math.max(sampleMean, mean * 0.05);
      const sum = sampleMean * n;
      const s2 = n > 1 ? drawSampleVariance(rng, model.sd * model.sd, n) : 0;
      return { n, sum, sumSq: (n - 1) * s2 + (sum * sum) / n, sumX: null, sumXSq: null, sumXY: null };
    }
    case 'RATIO': {
      const { meanX, sdX, sdY, rho } = model;
      const meanY = model.ratio * (1 + relativeEffect) * meanX;
      // Correlated sample means: X̄ = μX + σX/√n·z1, Ȳ = μY + σY/√n·(ρ z1 + √(1−ρ²) z2).
      const z1 = rng.normal();
      const z2 = rng.normal();
      const xBar = Math.max(meanX * 0.05, meanX + (sdX / Math.sqrt(n)) * z1);
      const yBar = Math.max(meanY * 0.05, meanY + (sdY / Math.sqrt(n)) * (rho * z1 + Math.sqrt(1 - rho * rho) * z2));
      const sumX = xBar * n;
      const sumY = yBar * n;
      if (n === 1) return { n, sum: sumY, sumSq: sumY * sumY, sumX, sumXSq: sumX * sumX, sumXY: sumX * sumY };
      const sX2 = drawSampleVariance(rng, sdX * sdX, n);
      const sY2 = drawSampleVariance(rng, sdY * sdY, n);
      const r = Math.max(-0.98, Math.min(0.98, rho + (rng.normal() * 0.5) / Math.sqrt(n)));
      const sXY = r * Math.sqrt(sX2 * sY2);
      return {
        n,
        sum: sumY,
        sumSq: (n - 1) * sY2 + (sumY * sumY) / n,
        sumX,
        sumXSq: (n - 1) * sX2 + (sumX * sumX) / n,
        sumXY: (n - 1) * sXY + (sumX * sumY) / n,
      };
    }
  }
}

/** Estimated mean and per-unit variance (docs/ewl-rules.md §3.1) of one arm, or undefined without enough data. */
export function estimateFromStats(
  type: MetricModel['type'],
  stats: DrawnStats,
): { mean: number; variance: number } | undefined {
  const { n, sum } = stats;
  if (n < 2) return undefined;
  const mean = sum / n;
  switch (type) {
    case 'BINARY':
      return { mean, variance: mean * (1 - mean) };
    case 'CONTINUOUS':
      return { mean, variance: Math.max(0, ((stats.sumSq ?? 0) - (sum * sum) / n) / (n - 1)) };
    case 'RATIO': {
      const sumX = stats.sumX ?? 0;
      if (sumX <= 0) return undefined;
      const muX = sumX / n;
      const r = sum / sumX;
      const sY2 = ((stats.sumSq ?? 0) - n * mean * mean) / (n - 1);
      const sX2 = ((stats.sumXSq ?? 0) - n * muX * muX) / (n - 1);
      const sXY = ((stats.sumXY ?? 0) - n * muX * mean) / (n - 1);
      return { mean: r, variance: Math.max(0, (sY2 - 2 * r * sXY + r * r * sX2) / (muX * muX)) };
    }
  }
}
