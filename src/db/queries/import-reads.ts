import { type EntityManager } from 'typeorm';
import type { Experiment, ExperimentMetric, Hypothesis, MetricResult, Variant } from '../../domain/experiment';
import { type ImportItemDraft } from '../../domain/import/import-item';
import { importKeyOf } from '../../domain/import/import-plan';
import {
  type CatalogueMetric,
  decisionKey,
  externalKey,
  type ImportReferences,
  resultKey,
  type StoredImportExperiment,
} from '../../domain/import/import-state';
import { isUuid } from '../../domain/rules/keys';
import {
  decisionRows,
  experimentMetricRows,
  experimentRows,
  externalResultRows,
  hypothesisRows,
  metricResultRows,
  metricRows,
  orgNodeRows,
  variantRows,
} from '../rows/tables';
import { queryRows } from '../rows/table-rows';
import type { SubtreeBound } from '../../domain/principal';
import { groupBy } from './group-rows';

export interface ImportState {
  /** Experiments already imported, by externalKey(source, externalId); their rows are locked (FOR UPDATE). */
  readonly stored: ReadonlyMap<string, StoredImportExperiment>;
  readonly refs: ImportReferences;
}

const uuids = (values: readonly (string | undefined)[]) =>
  values.filter((v): v is string => v !== undefined && isUuid(v));
const strings = (values: readonly (string | undefined)[]) => values.filter((v): v is string => v !== undefined);

const experimentKeys = experimentRows.pick('id', 'key');
const nodeKeys = orgNodeRows.pick('id', 'key');
const catalogueColumns = metricRows.pick('id', 'key', 'type');
const externalColumns = externalResultRows.pick('experimentMetricId', 'variantId');
const decisionColumns = decisionRows.pick('experimentId', 'kind', 'decidedAt', 'decidedBy', 'shippedVariantId');

/**
 * Everything one import call compares against or refers to, in four statements when every item is
 * new and ten when some exist: the stored experiments by (source, externalId), locked FOR UPDATE so
 * that concurrent writers of the same experiment queue; the experiments holding the new keys; the
 * org nodes and catalogue metrics the items name; and, for stored experiments, their variants,
 * metrics, hypotheses, results, external-result and shipping references, and decisions; `subtree`
 * (the SubtreeGuard's bound) travels with the references to the planner.
 */
export async function loadImportState(
  m: EntityManager,
  drafts: readonly ImportItemDraft[],
  subtree: SubtreeBound,
): Promise<ImportState> {
  const experiments =
    drafts.length === 0
      ? []
      : await queryRows(
          m,
          experimentRows,
          `SELECT ${experimentRows.columns('e')} FROM experiment e
       JOIN unnest($1::text[], $2::text[]) AS k(source, external_id) ON e.external_source = k.source AND e.external_id = k.external_id
      ORDER BY e.id FOR UPDATE OF e`,
          [drafts.map((d) => d.source), drafts.map((d) => d.externalId)],
        );
  const ids = experiments.map((e) => e.id);
  const keyed = await queryRows(
    m,
    experimentKeys,
    `SELECT ${experimentKeys.columns()} FROM experiment WHERE key = ANY($1::text[])`,
    [drafts.map(importKeyOf)],
  );
  const nodes = await queryRows(
    m,
    nodeKeys,
    `SELECT ${nodeKeys.columns()} FROM org_node WHERE key = ANY($1::text[]) OR id = ANY($2::uuid[])`,
    [strings(drafts.map((d) => d.ownerNodeKey)), uuids(drafts.map((d) => d.ownerNodeId))],
  );
  const metricRefs = drafts.flatMap((d) => (d.metrics ?? []).map((x) => x.metric));
  const metrics: CatalogueMetric[] = await queryRows(
    m,
    catalogueColumns,
    `SELECT ${catalogueColumns.columns()} FROM metric
      WHERE key = ANY($1::text[]) OR id = ANY($2::uuid[]) OR id IN (SELECT metric_id FROM experiment_metric WHERE experiment_id = ANY($3::uuid[]))`,
    [
      metricRefs.flatMap((r) => ('key' in r ? [r.key] : [])),
      uuids(metricRefs.map((r) => ('id' in r ? r.id : undefined))),
      ids,
    ],
  );
  const refs: ImportReferences = {
    orgNodeIdsByKey: new Map(nodes.map((n) => [n.key, n.id])),
    orgNodeIds: new Set(nodes.map((n) => n.id)),
    metricsByKey: new Map(metrics.map((x) => [x.key, x])),
    metricsById: new Map(metrics.map((x) => [x.id, x])),
    experimentIdsByKey: new Map(keyed.map((e) => [e.key, e.id])),
    subtree,
  };
  const stored =
    experiments.length === 0 ? new Map<string, StoredImportExperiment>() : await loadStoredChildren(m, experiments);
  return { stored, refs };
}

async function loadStoredChildren(
  m: EntityManager,
  experiments: readonly Experiment[],
): Promise<Map<string, StoredImportExperiment>> {
  const ids = experiments.map((e) => e.id);
  const variants: Variant[] = await queryRows(
    m,
    variantRows,
    `SELECT ${variantRows.columns()} FROM variant WHERE experiment_id = ANY($1::uuid[]) ORDER BY experiment_id, position, key`,
    [ids],
  );
  const metrics: ExperimentMetric[] = await queryRows(
    m,
    experimentMetricRows,
    `SELECT ${experimentMetricRows.columns()}
       FROM experiment_metric WHERE experiment_id = ANY($1::uuid[]) ORDER BY experiment_id, position`,
    [ids],
  );
  const hypotheses: Hypothesis[] = await queryRows(
    m,
    hypothesisRows,
    `SELECT ${hypothesisRows.columns()}
       FROM hypothesis WHERE experiment_id = ANY($1::uuid[]) ORDER BY experiment_id, created_at, id`,
    [ids],
  );
  const results: MetricResult[] = await queryRows(
    m,
    metricResultRows,
    `SELECT ${metricResultRows.columns('r')}
       FROM metric_result r JOIN experiment_metric em ON em.id = r.experiment_metric_id WHERE em.experiment_id = ANY($1::uuid[])`,
    [ids],
  );
  const externals = await queryRows(
    m,
    externalColumns,
    `SELECT ${externalColumns.columns('x')}
       FROM external_result x JOIN experiment_metric em ON em.id = x.experiment_metric_id WHERE em.experiment_id = ANY($1::uuid[])`,
    [ids],
  );
  const decisions = await queryRows(
    m,
    decisionColumns,
    `SELECT ${decisionColumns.columns()} FROM decision WHERE experiment_id = ANY($1::uuid[])`,
    [ids],
  );

  // Results and external results belong to an experiment through their experiment metric.
  const experimentIdOfMetric = new Map(metrics.map((x) => [x.id, x.experimentId]));
  const experimentIdOf = (experimentMetricId: string): string => {
    const experimentId = experimentIdOfMetric.get(experimentMetricId);
    if (experimentId === undefined) throw new Error(`experiment metric ${experimentMetricId} was not loaded`);
    return experimentId;
  };
  const variantsBy = groupBy(variants, (v) => v.experimentId);
  const metricsBy = groupBy(metrics, (x) => x.experimentId);
  const hypothesesBy = groupBy(hypotheses, (h) => h.experimentId);
  const resultsBy = groupBy(results, (r) => experimentIdOf(r.experimentMetricId));
  const externalsBy = groupBy(externals, (x) => experimentIdOf(x.experimentMetricId));
  const decisionsBy = groupBy(decisions, (d) => d.experimentId);
  const out = new Map<string, StoredImportExperiment>();
  for (const experiment of experiments) {
    const id = experiment.id;
    const results = new Map<string, MetricResult>();
    const usedVariantIds = new Set<string>();
    const usedExperimentMetricIds = new Set<string>();
    for (const result of resultsBy.get(id) ?? []) {
      results.set(resultKey(result.experimentMetricId, result.variantId, result.period), result);
      usedVariantIds.add(result.variantId);
      usedExperimentMetricIds.add(result.experimentMetricId);
    }
    for (const x of externalsBy.get(id) ?? []) {
      usedVariantIds.add(x.variantId);
      usedExperimentMetricIds.add(x.experimentMetricId);
    }
    const decisionKeys = new Set<string>();
    for (const d of decisionsBy.get(id) ?? []) {
      decisionKeys.add(decisionKey(d.kind, d.decidedAt, d.decidedBy));
      if (d.shippedVariantId !== null) usedVariantIds.add(d.shippedVariantId);
    }
    out.set(externalKey(experiment.externalSource!, experiment.externalId!), {
      experiment,
      variants: variantsBy.get(id) ?? [],
      metrics: metricsBy.get(id) ?? [],
      hypotheses: hypothesesBy.get(id) ?? [],
      results,
      decisionKeys,
      usedVariantIds,
      usedExperimentMetricIds,
    });
  }
  return out;
}
