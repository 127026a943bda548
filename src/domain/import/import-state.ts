import type {
  Decision,
  Experiment,
  ExperimentMetric,
  Hypothesis,
  MetricResult,
  MetricType,
  ResultPeriod,
  Variant,
} from '../experiment';
import type { SubtreeBound } from '../principal';

/** A catalogue metric as an import needs it. */
export interface CatalogueMetric {
  readonly id: string;
  readonly key: string;
  readonly type: MetricType;
}

/** What the items of one import call refer to, loaded in a few statements per call. */
export interface ImportReferences {
  readonly orgNodeIdsByKey: ReadonlyMap<string, string>;
  readonly orgNodeIds: ReadonlySet<string>;
  /** The metrics the items name and those the stored experiments use. */
  readonly metricsByKey: ReadonlyMap<string, CatalogueMetric>;
  readonly metricsById: ReadonlyMap<string, CatalogueMetric>;
  /** Experiments that hold the keys the items ask for (id by key). */
  readonly experimentIdsByKey: ReadonlyMap<string, string>;
  /** The org subtree the write is bounded by (the SubtreeGuard's). */
  readonly subtree: SubtreeBound;
}

/** An experiment already imported from the same (source, externalId), with what an import compares against. */
export interface StoredImportExperiment {
  readonly experiment: Experiment;
  /** In display order. */
  readonly variants: readonly Variant[];
  /** In display order. */
  readonly metrics: readonly ExperimentMetric[];
  readonly hypotheses: readonly Hypothesis[];
  /** By resultKey. */
  readonly results: ReadonlyMap<string, MetricResult>;
  /** decisionKey of every stored decision. */
  readonly decisionKeys: ReadonlySet<string>;
  /** Variants with results, external results or a decision that shipped them: they cannot be removed. */
  readonly usedVariantIds: ReadonlySet<string>;
  /** Experiment metrics with results or external results: they cannot be removed. */
  readonly usedExperimentMetricIds: ReadonlySet<string>;
}

/** The identity of a metric result: one per experiment metric, variant and period (`metric_result_uq`). */
export function resultKey(experimentMetricId: string, variantId: string, period: ResultPeriod): string {
  return `${experimentMetricId}/${variantId}/${period}`;
}

/**
 * The identity of a decision for imports: kind, instant and who decided. A decision with the same
 * three is already there and is not appended again, so re-running an import changes nothing.
 */
export function decisionKey(kind: string, decidedAt: Date, decidedBy: string): string {
  return `${kind}|${decidedAt.getTime()}|${decidedBy}`;
}

/** The key of (source, externalId) in maps. */
export function externalKey(source: string, externalId: string): string {
  return `${source}\u0000${externalId}`;
}

/**
 * The rows one item writes, ready for the set-based statements. Ids of new rows are chosen by the
 * planner; updated rows keep theirs. An item with every list empty and `experiment` null is UNCHANGED.
 */
export interface ImportPlan {
  readonly experimentId: string;
  readonly created: boolean;
  /** The full row to insert (created) or to write over the stored one; null when its columns are unchanged. */
  readonly experiment: Experiment | null;
  readonly variantDeletes: readonly string[];
  /** The control moves to another variant: the old one's flag is cleared before the writes. */
  readonly controlChanged: boolean;
  readonly variantUpdates: readonly Variant[];
  readonly variantInserts: readonly Variant[];
  readonly metricDeletes: readonly string[];
  readonly metricUpdates: readonly ExperimentMetric[];
  readonly metricInserts: readonly ExperimentMetric[];
  readonly hypothesisUpdates: readonly Hypothesis[];
  readonly hypothesisInserts: readonly Hypothesis[];
  /** The experiment left DRAFT: its unlocked hypotheses lock at this start date. */
  readonly lockHypothesesAt: Date | null;
  /** Results without a stored row for their key. */
  readonly resultInserts: readonly MetricResult[];
  /** Stored results whose values change (they keep their ids). */
  readonly resultUpdates: readonly MetricResult[];
  readonly decisionInserts: readonly Decision[];
}

/** True when the plan writes nothing (the item is UNCHANGED). */
export function isEmptyPlan(plan: ImportPlan): boolean {
  return (
    plan.experiment === null &&
    plan.variantDeletes.length === 0 &&
    plan.variantUpdates.length === 0 &&
    plan.variantInserts.length === 0 &&
    plan.metricDeletes.length === 0 &&
    plan.metricUpdates.length === 0 &&
    plan.metricInserts.length === 0 &&
    plan.hypothesisUpdates.length === 0 &&
    plan.hypothesisInserts.length === 0 &&
    plan.lockHypothesesAt === null &&
    plan.resultInserts.length === 0 &&
    plan.resultUpdates.length === 0 &&
    plan.decisionInserts.length === 0
  );
}
