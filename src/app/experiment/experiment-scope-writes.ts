import { type EntityManager } from 'typeorm';
import { DomainError, displayValue } from '../../domain/errors';
import type { Experiment, MetricType, Variant } from '../../domain/experiment';
import { pickReference } from '../../domain/rules/keys';
import { findVariantsByExperimentIds } from '../../db/queries/experiment-reads';
import { type IdOrKey } from '../../db/queries/reference-writes';

/** A metric as used by one experiment, with the catalogue fields the write paths need. */
export interface ScopedMetric {
  readonly experimentMetricId: string;
  readonly metricId: string;
  readonly key: string;
  readonly type: MetricType;
}

/** The variants and metrics of one experiment, to resolve references of a write against. */
export interface ExperimentScope {
  readonly experiment: Experiment;
  readonly variants: readonly Variant[];
  readonly metrics: readonly ScopedMetric[];
}

/** Loads an experiment's variants and metrics (two queries). */
export async function loadExperimentScope(m: EntityManager, experiment: Experiment): Promise<ExperimentScope> {
  const variants = await findVariantsByExperimentIds(m, [experiment.id]);
  const metrics: ScopedMetric[] = await m.query(
    `SELECT em.id AS "experimentMetricId", mt.id AS "metricId", mt.key, mt.type
       FROM experiment_metric em JOIN metric mt ON mt.id = em.metric_id WHERE em.experiment_id = $1`,
    [experiment.id],
  );
  return { experiment, variants, metrics };
}

function notInExperiment(what: string, field: string, value: string, experimentKey: string): DomainError {
  const shown = displayValue(value);
  return new DomainError('NOT_FOUND', `No ${what} ${shown} in experiment ${experimentKey} (${field})`, {
    reason: 'UNKNOWN_ID',
    details: { field, value: shown },
  });
}

/**
 * Finds a variant of the experiment by id or key.
 * @throws NOT_FOUND naming the field when the experiment has no such variant.
 */
export function findScopedVariant(scope: ExperimentScope, fields: { id: string; key: string }, ref: IdOrKey): Variant {
  const picked = pickReference(fields, ref, true)!;
  const found = scope.variants.find((v) => ('id' in picked ? v.id === picked.id : v.key === picked.key));
  if (!found)
    throw 'id' in picked
      ? notInExperiment('variant', fields.id, picked.id, scope.experiment.key)
      : notInExperiment('variant', fields.key, picked.key, scope.experiment.key);
  return found;
}

/**
 * Finds a metric used by the experiment, by catalogue metric id or key.
 * @throws NOT_FOUND naming the field when the experiment does not use such a metric.
 */
export function findScopedMetric(
  scope: ExperimentScope,
  fields: { id: string; key: string },
  ref: IdOrKey,
): ScopedMetric {
  const picked = pickReference(fields, ref, true)!;
  const found = scope.metrics.find((x) => ('id' in picked ? x.metricId === picked.id : x.key === picked.key));
  if (!found)
    throw 'id' in picked
      ? notInExperiment('metric', fields.id, picked.id, scope.experiment.key)
      : notInExperiment('metric', fields.key, picked.key, scope.experiment.key);
  return found;
}
