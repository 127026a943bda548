import { type HistogramBin, histogramFromCounts } from '../stats/histogram';
import {
  type FixedEffectSums,
  type RandomEffectSums,
  randomEffectsFromSums,
  type RandomEffectsFit,
  shrinkEstimate,
  type ShrunkEstimate,
} from '../stats/meta-analysis';
import { confidenceInterval, Z_975 } from '../stats/intervals';
import type { ExperimentAnalysis } from './analysis-types';
import { METRIC_ROLES, type MetricRole } from './experiment';

/**
 * What one catalogue metric taught across experiments (docs/meta-analysis.md): the stored effect of
 * each treatment arm on the metric, pooled by a random-effects model, each arm shrunk toward the
 * pooled mean, a histogram of the observed effects, and how often arms were significantly better or
 * worse. The eligible arms are chosen and summed in SQL (`metric-insight-reads.ts`: counts,
 * histogram counts, the estimator's sums, a page of arms); this module builds the view from those
 * aggregates.
 */

/** Fewer eligible arms than this: no model (τ² is too noisy to shrink by), with a reason. */
export const MIN_ARMS_FOR_MODEL = 5;

/**
 * Default bin edges of the histogram of observed relative effects: symmetric around 0, finer near 0
 * where most product effects lie; the outer bins are open (docs/meta-analysis.md).
 */
export const DEFAULT_EFFECT_HISTOGRAM_EDGES: readonly number[] = [
  -0.2, -0.1, -0.05, -0.02, -0.01, -0.005, 0, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2,
];

/** At most this many edges may be given. */
export const MAX_HISTOGRAM_EDGES = 100;

/**
 * One treatment arm's effect on one metric, as stored with the classification: the relative
 * effect (treatment over control, minus one, as measured: not turned by the preferred direction)
 * and its standard error, with the verdicts of the experiment's own tests.
 */
export interface MetricEffect {
  readonly variantId: string;
  /** The experiment's metric (its id in the design, MetricArmAnalysis.metricId). */
  readonly experimentMetricId: string;
  readonly role: MetricRole;
  readonly effect: number;
  readonly stdErr: number;
  /** The success metric's superiority test passed at the experiment's alpha (false for other roles: they have none). */
  readonly better: boolean;
  /** The deterioration test flagged the arm (every role). */
  readonly worse: boolean;
}

/**
 * The stored effects of an analysis: every arm and metric with data (OK) and a finite relative
 * effect with a standard error > 0, whatever the analysis mode (FIXED_HORIZON or EXTERNAL).
 */
export function metricEffectsOf(analysis: ExperimentAnalysis): MetricEffect[] {
  const out: MetricEffect[] = [];
  for (const arm of analysis.arms) {
    for (const m of arm.metrics) {
      if (m.dataStatus !== 'OK' || m.diffRel === null || m.stdErrRel === null || !(m.stdErrRel > 0)) continue;
      out.push({
        variantId: arm.variantId,
        experimentMetricId: m.metricId,
        role: m.role,
        effect: m.diffRel,
        stdErr: m.stdErrRel,
        better: m.superior === true,
        worse: m.deteriorated,
      });
    }
  }
  return out;
}

/** The aggregates of a view's eligible arms, as one SQL statement returns them. */
export interface MetricInsightAggregate {
  readonly experiments: number;
  readonly arms: number;
  readonly byRole: readonly RoleCount[];
  readonly better: number;
  readonly worse: number;
  /** Bin index (the number of edges ≤ the effect) → arms. */
  readonly histogramCounts: ReadonlyMap<number, number>;
  /** The estimator's sums, present when arms ≥ MIN_ARMS_FOR_MODEL. */
  readonly sums: { readonly fixed: FixedEffectSums; readonly random: RandomEffectSums } | null;
}

export interface RoleCount {
  readonly role: MetricRole;
  readonly experiments: number;
  readonly arms: number;
}

/** Orders of the listed arms: by the observed or the shrunk effect. */
export const METRIC_EFFECT_ORDERS = ['RAW_EFFECT', 'SHRUNK_EFFECT'] as const;
export type MetricEffectOrder = (typeof METRIC_EFFECT_ORDERS)[number];

export const MODEL_UNAVAILABLE_REASONS = ['TOO_FEW_ARMS'] as const;
export type ModelUnavailableReason = (typeof MODEL_UNAVAILABLE_REASONS)[number];

export type MetricModel = RandomEffectsFit & { readonly meanLower: number; readonly meanUpper: number };

export interface MetricInsight {
  readonly experiments: number;
  readonly arms: number;
  readonly byRole: readonly RoleCount[];
  readonly better: number;
  readonly worse: number;
  readonly histogram: readonly HistogramBin[];
  readonly model: MetricModel | null;
  readonly modelUnavailableReason: ModelUnavailableReason | null;
}

/**
 * The metric view from its aggregates: the DerSimonian-Laird model from the sums (fewer than
 * MIN_ARMS_FOR_MODEL arms: none, TOO_FEW_ARMS), the histogram from the bin counts.
 * @param edges - histogram bin edges, already validated (finite, strictly increasing).
 * @example metricInsightOf(aggregate, DEFAULT_EFFECT_HISTOGRAM_EDGES).model?.mean
 */
export function metricInsightOf(aggregate: MetricInsightAggregate, edges: readonly number[]): MetricInsight {
  const fit = aggregate.arms >= MIN_ARMS_FOR_MODEL && aggregate.sums ? randomEffectsFromSums(aggregate.sums) : null;
  const meanInterval = fit ? confidenceInterval({ estimate: fit.mean, stdErr: fit.meanStdErr, level: 0.95 }) : null;
  return {
    experiments: aggregate.experiments,
    arms: aggregate.arms,
    byRole: METRIC_ROLES.map(
      (role) => aggregate.byRole.find((r) => r.role === role) ?? { role, experiments: 0, arms: 0 },
    ),
    better: aggregate.better,
    worse: aggregate.worse,
    histogram: histogramFromCounts({ edges, counts: aggregate.histogramCounts }),
    model: fit && meanInterval ? { ...fit, meanLower: meanInterval.lower, meanUpper: meanInterval.upper } : null,
    modelUnavailableReason: fit ? null : 'TOO_FEW_ARMS',
  };
}

/** What the view adds to a listed arm. */
export interface ArmEstimates {
  /** Raw 95 % interval of the effect. */
  readonly lower: number;
  readonly upper: number;
  /** Null when there is no model. */
  readonly shrunk: ShrunkEstimate | null;
}

/** A listed arm's raw interval and, with a model, its shrunk estimate. */
export function armEstimatesOf(arm: { effect: number; stdErr: number }, model: MetricModel | null): ArmEstimates {
  const raw = confidenceInterval({ estimate: arm.effect, stdErr: arm.stdErr, level: 0.95 });
  return {
    lower: raw.lower,
    upper: raw.upper,
    shrunk: model
      ? shrinkEstimate({ estimate: arm.effect, stdErr: arm.stdErr, mean: model.mean, tau2: model.tau2 })
      : null,
  };
}

/**
 * What the shipped arms of a view add up to on the metric: the naive sum of their observed relative
 * effects (what the experiments claimed), the sum of their shrunk effects with a 95 % interval (the
 * posterior variances add: the arms are independent given μ and τ²), and the ratio shrunk / naive,
 * the share of the claimed impact left once the winner's curse is removed. Relative effects are
 * summed as they are (a first-order total: each is a change against its own baseline).
 */
export interface ShippedImpact {
  readonly experiments: number;
  readonly arms: number;
  readonly naiveSum: number;
  /** Null without a model (fewer than MIN_ARMS_FOR_MODEL arms in the view). */
  readonly shrunkSum: number | null;
  readonly shrunkStdDev: number | null;
  readonly shrunkLower: number | null;
  readonly shrunkUpper: number | null;
  /** shrunkSum / naiveSum; null without a model or when nothing shipped (naive sum 0). */
  readonly ratio: number | null;
}

/** The sums over some shipped arms (the whole view's, or a period's), shrunk by the view's model. */
export interface ShippedSums {
  readonly experiments: number;
  readonly arms: number;
  /** Σ x. */
  readonly naiveSum: number;
  /** Σ x̃ and Σ (1 − B) s² under the view's model (0 over no arms). */
  readonly shrunkSum: number;
  readonly posteriorVariance: number;
}

/** No shipped arm. */
export const NO_SHIPPED_SUMS: ShippedSums = {
  experiments: 0,
  arms: 0,
  naiveSum: 0,
  shrunkSum: 0,
  posteriorVariance: 0,
};

/**
 * The shipped impact from its sums; without a model of the view, the shrunk figures are null. A
 * period of the series with no shipped arm has sums of 0 (not "no model") when the view has one.
 */
export function shippedImpactOf(sums: ShippedSums, hasModel: boolean): ShippedImpact {
  const { experiments, arms, naiveSum } = sums;
  if (!hasModel)
    return {
      experiments,
      arms,
      naiveSum,
      shrunkSum: null,
      shrunkStdDev: null,
      shrunkLower: null,
      shrunkUpper: null,
      ratio: null,
    };
  const shrunkStdDev = Math.sqrt(sums.posteriorVariance);
  const half = Z_975 * shrunkStdDev;
  return {
    experiments,
    arms,
    naiveSum,
    shrunkSum: sums.shrunkSum,
    shrunkStdDev,
    shrunkLower: sums.shrunkSum - half,
    shrunkUpper: sums.shrunkSum + half,
    ratio: naiveSum !== 0 ? sums.shrunkSum / naiveSum : null,
  };
}
