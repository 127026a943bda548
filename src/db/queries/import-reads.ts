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
import { experimentColumns, toExperiment } from './experiment-reads';
import { type KeySubtree } from './reference-writes';
import { findSubtreeNodeIds } from './subtree-reads';
import { groupBy } from './group-rows';
import {
  dateFromMillis,
  dateOrNullFromMillis,
  epochMillisSql,
  numberOrNullFromBigint,
  type Row,
} from './row-values-reads';

export interface ImportState {
  /** Experiments already imported, by externalKey(source, externalId); their rows are locked (FOR UPDATE). */
  readonly stored: ReadonlyMap<string, StoredImportExperiment>;
  readonly refs: ImportReferences;
}

const uuids = (values: readonly (string | undefined)[]) =>
  values.filter((v): v is string => v !== undefined && isUuid(v));
const strings = (values: readonly (string | undefined)[]) => values.filter((v): v is string => v !== undefined);

/**
 * Everything one import call compares against or refers to, in four statements when every item is
 * new and ten when some exist: the stored experiments by (source, externalId), locked FOR UPDATE so
 * that concurrent writers of the same experiment queue; the experiments holding the new keys; the
 * org nodes and catalogue metrics the items name; and, for stored experiments, their variants,
 * metrics, hypotheses, results, external-result and shipping references, and decisions. With an
 * API key limited to an org node (`subtree`), also the node ids of its subtree.
 */
export async function loadImportState(
  m: EntityManager,
  drafts: readonly ImportItemDraft[],
  subtree: KeySubtree = null,
): Promise<ImportState> {
  const rows: Row[] =
    drafts.length === 0
      ? []
      : await m.query(
          `SELECT ${experimentColumns('e')} FROM experiment e
       JOIN unnest($1::text[], $2::text[]) AS k(source, external_id) ON e.external_source = k.source AND e.external_id = k.external_id
      ORDER BY e.id FOR UPDATE OF e`,
          [drafts.map((d) => d.source), drafts.map((d) => d.externalId)],
        );
  const experiments = rows.map(toExperiment);
  const ids = experiments.map((e) => e.id);
  const keyRows: Row[] = await m.query('SELECT id, key FROM experiment WHERE key = ANY($1::text[])', [
    drafts.map(importKeyOf),
  ]);
  const nodeRows: Row[] = await m.query(
    'SELECT id, key FROM org_node WHERE key = ANY($1::text[]) OR id = ANY($2::uuid[])',
    [strings(drafts.map((d) => d.ownerNodeKey)), uuids(drafts.map((d) => d.ownerNodeId))],
  );
  const metricRefs = drafts.flatMap((d) => (d.metrics ?? []).map((x) => x.metric));
  const metricRows: Row[] = await m.query(
    `SELECT id, key, type FROM metric
      WHERE key = ANY($1::text[]) OR id = ANY($2::uuid[]) OR id IN (SELECT metric_id FROM experiment_metric WHERE experiment_id = ANY($3::uuid[]))`,
    [
      metricRefs.flatMap((r) => ('key' in r ? [r.key] : [])),
      uuids(metricRefs.map((r) => ('id' in r ? r.id : undefined))),
      ids,
    ],
  );
  const metrics: CatalogueMetric[] = metricRows.map((r) => ({
    id: r.id as string,
    key: r.key as string,
    type: r.type as CatalogueMetric['type'],
  }));
  const refs: ImportReferences = {
    orgNodeIdsByKey: new Map(nodeRows.map((r) => [r.key as string, r.id as string])),
    orgNodeIds: new Set(nodeRows.map((r) => r.id as string)),
    metricsByKey: new Map(metrics.map((x) => [x.key, x])),
    metricsById: new Map(metrics.map((x) => [x.id, x])),
    experimentIdsByKey: new Map(keyRows.map((r) => [r.key as string, r.id as string])),
    subtreeNodeIds: subtree === null ? null : await findSubtreeNodeIds(m, subtree),
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
  const variants: Variant[] = (
    await m.query(
      `SELECT id, experiment_id, key, name, is_control, planned_weight, units, multi_exposed_units, position
       FROM variant WHERE experiment_id = ANY($1::uuid[]) ORDER BY experiment_id, position, key`,
      [ids],
    )
  ).map((r: Row): Variant => ({
    id: r.id as string,
    experimentId: r.experiment_id as string,
    key: r.key as string,
    name: r.name as string,
    isControl: r.is_control as boolean,
    plannedWeight: r.planned_weight as number,
    units: numberOrNullFromBigint(r.units),
    multiExposedUnits: numberOrNullFromBigint(r.multi_exposed_units),
    position: r.position as number,
  }));
  const metrics: ExperimentMetric[] = (
    await m.query(
      `SELECT id, experiment_id, metric_id, role, mde, mde_scale, nim, nim_scale, position
       FROM experiment_metric WHERE experiment_id = ANY($1::uuid[]) ORDER BY experiment_id, position`,
      [ids],
    )
  ).map((r: Row): ExperimentMetric => ({
    id: r.id as string,
    experimentId: r.experiment_id as string,
    metricId: r.metric_id as string,
    role: r.role as ExperimentMetric['role'],
    mde: r.mde as number | null,
    mdeScale: r.mde_scale as ExperimentMetric['mdeScale'],
    nim: r.nim as number | null,
    nimScale: r.nim_scale as ExperimentMetric['nimScale'],
    position: r.position as number,
  }));
  const hypotheses: Hypothesis[] = (
    await m.query(
      `SELECT id, experiment_id, statement, rationale, ${epochMillisSql('locked_at', 'locked_at_ms')}, ${epochMillisSql('created_at', 'created_at_ms')},
            ${epochMillisSql('updated_at', 'updated_at_ms')}, version
       FROM hypothesis WHERE experiment_id = ANY($1::uuid[]) ORDER BY experiment_id, created_at, id`,
      [ids],
    )
  ).map((r: Row): Hypothesis => ({
    id: r.id as string,
    experimentId: r.experiment_id as string,
    statement: r.statement as string,
    rationale: r.rationale as string,
    lockedAt: dateOrNullFromMillis(r.locked_at_ms),
    createdAt: dateFromMillis(r.created_at_ms),
    updatedAt: dateFromMillis(r.updated_at_ms),
    version: r.version as number,
  }));
  const resultRows: Row[] = await m.query(
    `SELECT r.id, em.experiment_id, r.experiment_metric_id, r.variant_id, r.period, r.metric_type, r.n, r.sum, r.sum_sq, r.sum_x, r.sum_x_sq, r.sum_xy,
            ${epochMillisSql('r.updated_at', 'updated_at_ms')}
       FROM metric_result r JOIN experiment_metric em ON em.id = r.experiment_metric_id WHERE em.experiment_id = ANY($1::uuid[])`,
    [ids],
  );
  const externalRows: Row[] = await m.query(
    `SELECT em.experiment_id, x.experiment_metric_id, x.variant_id
       FROM external_result x JOIN experiment_metric em ON em.id = x.experiment_metric_id WHERE em.experiment_id = ANY($1::uuid[])`,
    [ids],
  );
  const decisionRows: Row[] = await m.query(
    `SELECT experiment_id, kind, ${epochMillisSql('decided_at', 'decided_at_ms')}, decided_by, shipped_variant_id FROM decision WHERE experiment_id = ANY($1::uuid[])`,
    [ids],
  );

  const variantsBy = groupBy(variants, (v) => v.experimentId);
  const metricsBy = groupBy(metrics, (x) => x.experimentId);
  const hypothesesBy = groupBy(hypotheses, (h) => h.experimentId);
  const resultsBy = groupBy(resultRows, (r) => r.experiment_id as string);
  const externalsBy = groupBy(externalRows, (r) => r.experiment_id as string);
  const decisionsBy = groupBy(decisionRows, (r) => r.experiment_id as string);
  const out = new Map<string, StoredImportExperiment>();
  for (const experiment of experiments) {
    const id = experiment.id;
    const results = new Map<string, MetricResult>();
    const usedVariantIds = new Set<string>();
    const usedExperimentMetricIds = new Set<string>();
    for (const r of resultsBy.get(id) ?? []) {
      const result: MetricResult = {
        id: r.id as string,
        experimentMetricId: r.experiment_metric_id as string,
        variantId: r.variant_id as string,
        period: r.period as MetricResult['period'],
        metricType: r.metric_type as MetricResult['metricType'],
        n: Number(r.n),
        sum: r.sum as number,
        sumSq: r.sum_sq as number | null,
        sumX: r.sum_x as number | null,
        sumXSq: r.sum_x_sq as number | null,
        sumXY: r.sum_xy as number | null,
        updatedAt: dateFromMillis(r.updated_at_ms),
      };
      results.set(resultKey(result.experimentMetricId, result.variantId, result.period), result);
      usedVariantIds.add(result.variantId);
      usedExperimentMetricIds.add(result.experimentMetricId);
    }
    for (const x of externalsBy.get(id) ?? []) {
      usedVariantIds.add(x.variant_id as string);
      usedExperimentMetricIds.add(x.experiment_metric_id as string);
    }
    const decisionKeys = new Set<string>();
    for (const d of decisionsBy.get(id) ?? []) {
      decisionKeys.add(decisionKey(d.kind as string, dateFromMillis(d.decided_at_ms), d.decided_by as string));
      if (d.shipped_variant_id !== null) usedVariantIds.add(d.shipped_variant_id as string);
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
