import {
  type HistogramBin,
  histogram,
  randomEffectsDerSimonianLaird,
  type RandomEffectsFit,
  shrinkEstimate,
  type ShrunkEstimate,
} from '../stats/meta-analysis';
import { confidenceInterval, Z_975 } from '../stats/intervals';
import type { ExperimentAnalysis } from './analysis-types';
import { METRIC_ROLES, type MetricRole } from './experiment';
import { type SeriesPeriod } from './stats-window';

/**
 * What one catalogue metric taught across experiments (docs/meta-analysis.md): the stored effect of
 * each treatment arm on the metric, pooled by a random-effects model, each arm shrunk toward the
 * pooled mean, a histogram of the observed effects, and how often arms were significantly better or
 * worse. The eligible arms are chosen in SQL (`metric-effect-reads.ts`); this module computes
 * everything else from their rows.
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

/** An eligible arm as the metric view reads it. */
export interface MetricEffectRow {
  readonly experimentId: string;
  readonly variantId: string;
  readonly role: MetricRole;
  readonly effect: number;
  readonly stdErr: number;
  readonly better: boolean;
  readonly worse: boolean;
  /** The experiment's current decision is SHIP with this arm as the shipped variant. */
  readonly shipped: boolean;
  /** The experiment's conclusion date (docs/ewl-rules.md §6.4) as the view saw it. */
  readonly concludedOn: Date;
}

export interface RoleCount {
  readonly role: MetricRole;
  readonly experiments: number;
  readonly arms: number;
}

export type InsightArm<R extends MetricEffectRow = MetricEffectRow> = R & ArmEstimates;

/** What the view adds to each arm. */
export interface ArmEstimates {
  /** Raw 95 % interval of the effect. */
  readonly lower: number;
  readonly upper: number;
  /** Null when there is no model. */
  readonly shrunk: ShrunkEstimate | null;
}

/** Orders of the listed arms: by the observed or the shrunk effect. */
export const METRIC_EFFECT_ORDERS = ['RAW_EFFECT', 'SHRUNK_EFFECT'] as const;
export type MetricEffectOrder = (typeof METRIC_EFFECT_ORDERS)[number];

export const MODEL_UNAVAILABLE_REASONS = ['TOO_FEW_ARMS'] as const;
export type ModelUnavailableReason = (typeof MODEL_UNAVAILABLE_REASONS)[number];

export interface MetricInsight<R extends MetricEffectRow = MetricEffectRow> {
  readonly experiments: number;
  readonly arms: number;
  readonly byRole: readonly RoleCount[];
  readonly better: number;
  readonly worse: number;
  readonly histogram: readonly HistogramBin[];
  readonly model: (RandomEffectsFit & { readonly meanLower: number; readonly meanUpper: number }) | null;
  readonly modelUnavailableReason: ModelUnavailableReason | null;
  readonly effects: readonly InsightArm<R>[];
}

const countExperiments = (rows: readonly MetricEffectRow[]) => new Set(rows.map((r) => r.experimentId)).size;

/**
 * The metric view of a set of eligible arms (each row one arm of one experiment; an experiment
 * with the metric in several roles is not possible: one role per experiment metric).
 * @param edges - histogram bin edges, already validated (finite, strictly increasing).
 * @example buildMetricInsight(rows, DEFAULT_EFFECT_HISTOGRAM_EDGES).model?.mean
 */
export function buildMetricInsight<R extends MetricEffectRow>(
  rows: readonly R[],
  edges: readonly number[],
): MetricInsight<R> {
  const fit =
    rows.length >= MIN_ARMS_FOR_MODEL
      ? randomEffectsDerSimonianLaird({ estimates: rows.map((r) => ({ estimate: r.effect, stdErr: r.stdErr })) })
      : null;
  const meanInterval = fit ? confidenceInterval({ estimate: fit.mean, stdErr: fit.meanStdErr, level: 0.95 }) : null;
  return {
    experiments: countExperiments(rows),
    arms: rows.length,
    byRole: METRIC_ROLES.map((role) => {
      const ofRole = rows.filter((r) => r.role === role);
      return { role, experiments: countExperiments(ofRole), arms: ofRole.length };
    }),
    better: rows.filter((r) => r.better).length,
    worse: rows.filter((r) => r.worse).length,
    histogram: histogram({ values: rows.map((r) => r.effect), edges }),
    model: fit && meanInterval ? { ...fit, meanLower: meanInterval.lower, meanUpper: meanInterval.upper } : null,
    modelUnavailableReason: fit ? null : 'TOO_FEW_ARMS',
    effects: rows.map((r): InsightArm<R> => {
      const raw = confidenceInterval({ estimate: r.effect, stdErr: r.stdErr, level: 0.95 });
      return {
        ...r,
        lower: raw.lower,
        upper: raw.upper,
        shrunk: fit ? shrinkEstimate({ estimate: r.effect, stdErr: r.stdErr, mean: fit.mean, tau2: fit.tau2 }) : null,
      };
    }),
  };
}

/**
 * The arms in an order: by the raw or the shrunk effect (the raw one when there is no model),
 * ties by experiment id then variant id, so pages are stable.
 */
export function sortEffects<R extends MetricEffectRow>(
  effects: readonly InsightArm<R>[],
  order: MetricEffectOrder,
  direction: 'ASC' | 'DESC',
): InsightArm<R>[] {
  const sign = direction === 'ASC' ? 1 : -1;
  const value = (arm: InsightArm<R>) => (order === 'SHRUNK_EFFECT' && arm.shrunk ? arm.shrunk.estimate : arm.effect);
  return [...effects].sort(
    (a, b) =>
      sign * (value(a) - value(b)) ||
      a.experimentId.localeCompare(b.experimentId) ||
      a.variantId.localeCompare(b.variantId),
  );
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

/** The shipped impact of some arms of a view (every arm of `effects` whose `shipped` is set). */
export function shippedImpactOf<R extends MetricEffectRow>(effects: readonly InsightArm<R>[]): ShippedImpact {
  const shipped = effects.filter((arm) => arm.shipped);
  const naiveSum = shipped.reduce((sum, arm) => sum + arm.effect, 0);
  const hasModel = effects.length > 0 && effects.every((arm) => arm.shrunk !== null);
  if (!hasModel) {
    return {
      experiments: countExperiments(shipped),
      arms: shipped.length,
      naiveSum,
      shrunkSum: null,
      shrunkStdDev: null,
      shrunkLower: null,
      shrunkUpper: null,
      ratio: null,
    };
  }
  const posteriors = shipped.flatMap((arm) => (arm.shrunk ? [arm.shrunk] : []));
  const shrunkSum = posteriors.reduce((sum, p) => sum + p.estimate, 0);
  const shrunkStdDev = Math.sqrt(posteriors.reduce((sum, p) => sum + p.stdDev ** 2, 0));
  const half = Z_975 * shrunkStdDev;
  return {
    experiments: countExperiments(shipped),
    arms: shipped.length,
    naiveSum,
    shrunkSum,
    shrunkStdDev,
    shrunkLower: shrunkSum - half,
    shrunkUpper: shrunkSum + half,
    ratio: naiveSum !== 0 ? shrunkSum / naiveSum : null,
  };
}

/** The shipped impact per period: the arms concluded in [periodStart, periodEnd), shrunk by the whole view's model. */
export function shippedImpactSeries<R extends MetricEffectRow>(
  effects: readonly InsightArm<R>[],
  periods: readonly SeriesPeriod[],
): Array<SeriesPeriod & { readonly impact: ShippedImpact }> {
  const hasModel = effects.length > 0 && effects.every((arm) => arm.shrunk !== null);
  return periods.map((period) => {
    const inPeriod = effects.filter(
      (arm) =>
        arm.concludedOn.getTime() >= period.periodStart.getTime() &&
        arm.concludedOn.getTime() < period.periodEnd.getTime(),
    );
    // An empty period keeps the view's model state (a sum of nothing is 0, not "no model").
    const impact = shippedImpactOf(inPeriod);
    return {
      ...period,
      impact:
        hasModel && inPeriod.length === 0
          ? { ...impact, shrunkSum: 0, shrunkStdDev: 0, shrunkLower: 0, shrunkUpper: 0, ratio: null }
          : impact,
    };
  });
}
