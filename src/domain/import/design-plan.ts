import { badInput, DomainError, notFound } from '../errors';
import type { ExperimentMetric, ExperimentStatus, Hypothesis, Variant } from '../experiment';
import { assertHypothesisEditable } from '../rules/experiment-lifecycle';
import { validateVariantSet, type VariantDraft } from '../rules/variant-set';
import { fieldPath } from './fields';
import { type ImportMetricDraft } from './import-item-parts';
import { type CatalogueMetric, type ImportReferences, type StoredImportExperiment } from './import-state';
import { type LifecyclePlan } from '../rules/experiment-write-plan';

// The variants, metrics and hypothesis an item writes, diffed against the stored experiment the way
// updateExperiment does (replaceVariants / replaceMetrics): matched rows keep their ids.

export interface VariantPlan {
  /** The variants after the write, in order, with their ids. */
  readonly variants: readonly Variant[];
  readonly inserts: readonly Variant[];
  readonly updates: readonly Variant[];
  readonly deletes: readonly string[];
  readonly controlChanged: boolean;
  /** Anything but unit counts changed: the statistical design (DRAFT or RUNNING only). */
  readonly designChanged: boolean;
}

function hasResults(message: string, field: string): DomainError {
  return new DomainError('CONFLICT', message, { reason: 'HAS_RESULTS', details: { field } });
}

/**
 * Variants: required for a new experiment; omitted on update, the stored ones stay. Omitted unit
 * counts keep their stored values. A variant with results or a shipping decision is not removed
 * (CONFLICT HAS_RESULTS), and the control of a started experiment does not move.
 */
export function planVariants(
  base: string,
  drafts: readonly VariantDraft[] | undefined,
  stored: StoredImportExperiment | undefined,
  experimentId: string,
  newId: () => string,
): VariantPlan {
  const field = fieldPath(base, 'variants');
  if (drafts === undefined) {
    if (stored === undefined) throw badInput(field, null, '2 to 26 variants (required when the experiment is created)');
    return {
      variants: stored.variants,
      inserts: [],
      updates: [],
      deletes: [],
      controlChanged: false,
      designChanged: false,
    };
  }
  const byKey = new Map((stored?.variants ?? []).map((v) => [v.key, v]));
  const merged = drafts.map((d): VariantDraft => {
    const old = byKey.get(d.key);
    return {
      key: d.key,
      name: d.name,
      isControl: d.isControl,
      plannedWeight: d.plannedWeight,
      units: d.units === undefined ? (old?.units ?? null) : d.units,
      multiExposedUnits: d.multiExposedUnits === undefined ? (old?.multiExposedUnits ?? null) : d.multiExposedUnits,
    };
  });
  const checked = validateVariantSet(field, merged);
  const variants: Variant[] = [];
  const inserts: Variant[] = [];
  const updates: Variant[] = [];
  let designChanged = false;
  for (let position = 0; position < checked.length; position += 1) {
    const v = checked[position]!;
    const old = byKey.get(v.key);
    const row: Variant = {
      id: old?.id ?? newId(),
      experimentId,
      key: v.key,
      name: v.name,
      isControl: v.isControl,
      plannedWeight: v.plannedWeight,
      units: v.units ?? null,
      multiExposedUnits: v.multiExposedUnits ?? null,
      position,
    };
    variants.push(row);
    if (old === undefined) {
      inserts.push(row);
      designChanged = true;
    } else if (
      old.name !== row.name ||
      old.isControl !== row.isControl ||
      old.plannedWeight !== row.plannedWeight ||
      old.position !== position
    ) {
      updates.push(row);
      designChanged = true;
    } else if (old.units !== row.units || old.multiExposedUnits !== row.multiExposedUnits) {
      updates.push(row);
    }
  }
  const kept = new Set(variants.map((v) => v.key));
  const removed = (stored?.variants ?? []).filter((v) => !kept.has(v.key));
  const used = removed.filter((v) => stored!.usedVariantIds.has(v.id));
  if (used.length > 0)
    throw hasResults(
      `Cannot remove variants ${used.map((v) => v.key).join(', ')}: they have results or a decision shipped them (${field})`,
      field,
    );
  const oldControl = stored?.variants.find((v) => v.isControl);
  const newControl = variants.find((v) => v.isControl)!;
  const controlChanged = oldControl !== undefined && oldControl.key !== newControl.key;
  if (controlChanged && stored!.experiment.status !== 'DRAFT') {
    throw new DomainError(
      'CONFLICT',
      `The control arm of a ${stored!.experiment.status} experiment cannot change (it is ${oldControl.key}, got ${newControl.key})`,
      {
        reason: 'EXPERIMENT_NOT_EDITABLE',
        details: { field, value: newControl.key, allowed: oldControl.key },
      },
    );
  }
  return {
    variants,
    inserts,
    updates,
    deletes: removed.map((v) => v.id),
    controlChanged,
    designChanged: designChanged || removed.length > 0,
  };
}

/** A metric of the experiment after the write, as results refer to it. */
export interface PlannedMetric {
  readonly experimentMetricId: string;
  readonly metric: CatalogueMetric;
  readonly role: ExperimentMetric['role'];
}

export interface MetricPlan {
  readonly metrics: readonly PlannedMetric[];
  /** The experiment's metric rows after the write, in order. */
  readonly rows: readonly ExperimentMetric[];
  readonly inserts: readonly ExperimentMetric[];
  readonly updates: readonly ExperimentMetric[];
  readonly deletes: readonly string[];
  readonly changed: boolean;
}

function catalogueMetric(refs: ImportReferences, draft: ImportMetricDraft): CatalogueMetric {
  const ref = draft.metric;
  const found = 'id' in ref ? refs.metricsById.get(ref.id) : refs.metricsByKey.get(ref.key);
  if (found === undefined)
    throw 'id' in ref
      ? notFound('metric', fieldPath(draft.field, 'metricId'), ref.id)
      : notFound('metric', fieldPath(draft.field, 'metricKey'), ref.key);
  return found;
}

/**
 * Metrics: catalogue metrics by id or key, each once; omitted on update, the stored set stays.
 * A metric with results is not removed (CONFLICT HAS_RESULTS).
 */
export function planMetrics(
  base: string,
  drafts: readonly ImportMetricDraft[] | undefined,
  stored: StoredImportExperiment | undefined,
  refs: ImportReferences,
  experimentId: string,
  newId: () => string,
): MetricPlan {
  const field = fieldPath(base, 'metrics');
  const storedMetrics = stored?.metrics ?? [];
  if (drafts === undefined) {
    const metrics = storedMetrics.map((em) => ({
      experimentMetricId: em.id,
      metric: refs.metricsById.get(em.metricId)!,
      role: em.role,
    }));
    return { metrics, rows: storedMetrics, inserts: [], updates: [], deletes: [], changed: false };
  }
  const byMetric = new Map(storedMetrics.map((em) => [em.metricId, em]));
  const seen = new Map<string, string>();
  const metrics: PlannedMetric[] = [];
  const rows: ExperimentMetric[] = [];
  const inserts: ExperimentMetric[] = [];
  const updates: ExperimentMetric[] = [];
  for (let position = 0; position < drafts.length; position += 1) {
    const d = drafts[position]!;
    const metric = catalogueMetric(refs, d);
    const first = seen.get(metric.id);
    if (first !== undefined)
      throw badInput(d.field, metric.key, `each metric once (also at ${first})`, 'DUPLICATE_KEY');
    seen.set(metric.id, d.field);
    const old = byMetric.get(metric.id);
    const row: ExperimentMetric = {
      id: old?.id ?? newId(),
      experimentId,
      metricId: metric.id,
      role: d.role,
      mde: d.mde,
      mdeScale: d.mdeScale,
      nim: d.nim,
      nimScale: d.nimScale,
      position,
    };
    metrics.push({ experimentMetricId: row.id, metric, role: row.role });
    rows.push(row);
    if (old === undefined) inserts.push(row);
    else if (
      old.role !== row.role ||
      old.mde !== row.mde ||
      old.mdeScale !== row.mdeScale ||
      old.nim !== row.nim ||
      old.nimScale !== row.nimScale ||
      old.position !== position
    )
      updates.push(row);
  }
  const removed = storedMetrics.filter((em) => !seen.has(em.metricId));
  const used = removed.filter((em) => stored!.usedExperimentMetricIds.has(em.id));
  if (used.length > 0) {
    throw hasResults(
      `Cannot remove metrics ${used.map((em) => refs.metricsById.get(em.metricId)?.key ?? em.metricId).join(', ')}: results were recorded for them (${field})`,
      field,
    );
  }
  return {
    metrics,
    rows,
    inserts,
    updates,
    deletes: removed.map((em) => em.id),
    changed: inserts.length + updates.length + removed.length > 0,
  };
}

export interface HypothesisPlan {
  readonly inserts: readonly Hypothesis[];
  readonly updates: readonly Hypothesis[];
  readonly lockAt: Date | null;
}

/**
 * The item's hypothesis, matched by statement: a new statement is added and a new rationale
 * replaces the stored one while the experiment is DRAFT (assertHypothesisEditable); once it
 * started they are locked (CONFLICT HYPOTHESIS_LOCKED). An experiment this item starts locks its
 * hypotheses at its start date (locksHypothesesAt, as in transitionExperiment).
 */
export function planHypothesis(
  base: string,
  draft: { statement: string; rationale: string } | undefined,
  stored: StoredImportExperiment | undefined,
  lifecycle: LifecyclePlan,
  experimentId: string,
  newId: () => string,
  now: Date,
): HypothesisPlan {
  const storedStatus: ExperimentStatus | undefined = stored?.experiment.status;
  const lockAt = lifecycle.locksHypothesesAt;
  if (draft === undefined) return { inserts: [], updates: [], lockAt };
  const field = fieldPath(base, 'hypothesis');
  const lockedAt = lifecycle.status === 'DRAFT' ? null : lifecycle.startedAt;
  const match = stored?.hypotheses.find((h) => h.statement === draft.statement);
  if (match !== undefined) {
    if (match.rationale === draft.rationale) return { inserts: [], updates: [], lockAt };
    assertHypothesisEditable(storedStatus!, match.lockedAt, fieldPath(field, 'rationale'));
    return {
      inserts: [],
      updates: [{ ...match, rationale: draft.rationale, updatedAt: now, version: match.version + 1 }],
      lockAt,
    };
  }
  if (storedStatus !== undefined) assertHypothesisEditable(storedStatus, null, fieldPath(field, 'statement'));
  const row: Hypothesis = {
    id: newId(),
    experimentId,
    statement: draft.statement,
    rationale: draft.rationale,
    lockedAt,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  return { inserts: [row], updates: [], lockAt };
}
