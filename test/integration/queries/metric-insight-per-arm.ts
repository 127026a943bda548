import type { DataSource } from 'typeorm';
import {
  MIN_ARMS_FOR_MODEL,
  type MetricEffectOrder,
  type ModelUnavailableReason,
} from '../../../src/domain/metric-insight';
import { METRIC_ROLES, type MetricRole } from '../../../src/domain/experiment';
import { type SeriesPeriod } from '../../../src/domain/stats-window';
import { type HistogramBin, histogram } from '../../../src/stats/histogram';
import { confidenceInterval, Z_975 } from '../../../src/stats/intervals';
import {
  randomEffectsDerSimonianLaird,
  type RandomEffectsFit,
  shrinkEstimate,
  type ShrunkEstimate,
} from '../../../src/stats/meta-analysis';

/**
 * The metric view's per-arm computation as it was before the view aggregated in SQL: every
 * eligible arm read as a row (`readEligibleArms`, the statement the view ran), then the view
 * built in TypeScript over the rows (`buildMetricInsight`, `sortEffects`, `shippedImpactOf`,
 * `shippedImpactSeries`). metric-insight-aggregate.int.test.ts holds the aggregate path to it.
 */

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

/** The eligible arms of a node's SUBTREE (or of every experiment when `nodeId` is null), as the view read them. */
export async function readEligibleArms(
  db: DataSource,
  metricId: string,
  nodeId: string | null,
  to: Date,
): Promise<Array<MetricEffectRow & { experimentKey: string; variantKey: string }>> {
  const members = nodeId
    ? 'JOIN org_node_closure oc ON oc.ancestor_id = $4::uuid JOIN experiment_classification ec ON ec.owner_node_id = oc.descendant_id'
    : 'CROSS JOIN (SELECT $4::uuid) unused JOIN experiment_classification ec ON true';
  const concludedOn = `CASE WHEN ec.status IN ('CONCLUDED', 'ARCHIVED') THEN ec.concluded_at
    WHEN ec.status = 'STOPPED' THEN coalesce(ec.concluded_at,
      CASE WHEN ec.ended_at < $1::timestamptz - make_interval(secs => 2592000) THEN ec.ended_at END) END`;
  const rows: Array<Record<string, unknown>> = await db.query(
    `SELECT e.id AS experiment_id, e.key AS experiment_key, v.id AS variant_id, v.key AS variant_key,
            f.role, f.effect, f.std_err, f.better, f.worse, ${concludedOn} AS concluded_on,
            coalesce(d.kind = 'SHIP' AND d.shipped_variant_id = f.variant_id, false) AS shipped
       FROM (SELECT 1) one ${members}
       JOIN experiment_metric em ON em.experiment_id = ec.experiment_id AND em.metric_id = $2::uuid
       JOIN experiment_metric_effect f ON f.experiment_metric_id = em.id
       JOIN experiment e ON e.id = ec.experiment_id
       JOIN variant v ON v.id = f.variant_id
       LEFT JOIN decision d ON d.experiment_id = e.id AND d.is_current
      WHERE ec.validity = 'VALID' AND ec.counts_toward_ewl AND ${concludedOn} < $3::timestamptz
      ORDER BY e.key, v.key`,
    [to.toISOString(), metricId, to.toISOString(), nodeId ?? '00000000-0000-0000-0000-000000000000'],
  );
  return rows.map((r) => ({
    experimentId: r.experiment_id as string,
    experimentKey: r.experiment_key as string,
    variantId: r.variant_id as string,
    variantKey: r.variant_key as string,
    role: r.role as MetricRole,
    effect: Number(r.effect),
    stdErr: Number(r.std_err),
    better: r.better as boolean,
    worse: r.worse as boolean,
    shipped: r.shipped as boolean,
    concludedOn: new Date(r.concluded_on as string),
  }));
}
