import { type EntityManager } from 'typeorm';
import { groupBy } from './group-rows';
import type { AnalysisInput, AnalysisMetric } from '../../domain/analysis-types';
import { type Row } from './row-values-reads';
import {
  experimentMetricRows,
  experimentRows,
  externalResultRows,
  healthCheckRows,
  metricResultRows,
  metricRows,
  variantRows,
} from '../rows/tables';

/** An experiment's classifier input plus the fields the stored classification needs besides it. */
export interface LoadedAnalysisInput extends AnalysisInput {
  readonly experimentId: string;
  readonly ownerNodeId: string;
}

const experimentColumns = experimentRows.pick(
  'id',
  'ownerNodeId',
  'kind',
  'status',
  'countsTowardEwl',
  'startedAt',
  'endedAt',
  'concludedAt',
  'alpha',
  'power',
  'powerBudgetMode',
  'deteriorationAlphaMode',
  'analysisMode',
  'plannedSampleSize',
);
const variantColumns = variantRows.pick(
  'id',
  'experimentId',
  'key',
  'isControl',
  'plannedWeight',
  'units',
  'multiExposedUnits',
);
const experimentMetricColumns = experimentMetricRows.pick(
  'id',
  'experimentId',
  'role',
  'mde',
  'mdeScale',
  'nim',
  'nimScale',
);
const metricColumns = metricRows.pick('key', 'name', 'type', 'preferredDirection');
const resultColumns = metricResultRows.pick(
  'experimentMetricId',
  'variantId',
  'period',
  'n',
  'sum',
  'sumSq',
  'sumX',
  'sumXSq',
  'sumXY',
);
const externalColumns = externalResultRows.pick(
  'experimentMetricId',
  'variantId',
  'controlMean',
  'estimateAbs',
  'stdErr',
  'superior',
  'nonInferior',
  'deteriorated',
);
const checkColumns = healthCheckRows;

/**
 * Loads the classifier input of many experiments in six statements, whatever their number (used by
 * the write path inside its transaction, by `reclassify`, and by the GraphQL analysis loader).
 * Missing ids are absent from the map.
 */
export async function loadAnalysisInputs(
  manager: EntityManager,
  experimentIds: readonly string[],
): Promise<Map<string, LoadedAnalysisInput>> {
  const ids = [...new Set(experimentIds)];
  if (ids.length === 0) return new Map();
  const select = async (sql: string): Promise<Row[]> => manager.query(sql, [ids]);
  const experiments = (
    await select(`SELECT ${experimentColumns.columns()} FROM experiment WHERE id = ANY($1::uuid[])`)
  ).map(experimentColumns.decode);
  const variants = (
    await select(
      `SELECT ${variantColumns.columns()} FROM variant WHERE experiment_id = ANY($1::uuid[]) ORDER BY experiment_id, position, key`,
    )
  ).map(variantColumns.decode);
  const metrics = (
    await select(
      `SELECT ${experimentMetricColumns.columns('em')}, ${metricColumns.columns('m')}
         FROM experiment_metric em JOIN metric m ON m.id = em.metric_id
        WHERE em.experiment_id = ANY($1::uuid[]) ORDER BY em.experiment_id, em.position, m.key`,
    )
  ).map((row) => ({ ...experimentMetricColumns.decode(row), metric: metricColumns.decode(row) }));
  const results = (
    await select(
      `SELECT ${resultColumns.columns('r')}
         FROM metric_result r JOIN experiment_metric em ON em.id = r.experiment_metric_id WHERE em.experiment_id = ANY($1::uuid[])`,
    )
  ).map(resultColumns.decode);
  const externals = (
    await select(
      `SELECT ${externalColumns.columns('x')}
         FROM external_result x JOIN experiment_metric em ON em.id = x.experiment_metric_id WHERE em.experiment_id = ANY($1::uuid[])`,
    )
  ).map(externalColumns.decode);
  const checks = (
    await select(
      `SELECT ${checkColumns.columns()} FROM health_check WHERE experiment_id = ANY($1::uuid[]) ORDER BY experiment_id, type, name`,
    )
  ).map(checkColumns.decode);

  const variantsBy = groupBy(variants, (v) => v.experimentId);
  const metricsBy = groupBy(metrics, (m) => m.experimentId);
  const resultsBy = groupBy(results, (r) => r.experimentMetricId);
  const externalsBy = groupBy(externals, (x) => x.experimentMetricId);
  const checksBy = groupBy(checks, (c) => c.experimentId);

  const out = new Map<string, LoadedAnalysisInput>();
  for (const { id, ownerNodeId, ...settings } of experiments) {
    const metricList = (metricsBy.get(id) ?? []).map(({ experimentId: _, metric, ...em }): AnalysisMetric => {
      const rs = resultsBy.get(em.id) ?? [];
      const stats = ({ experimentMetricId: _m, period: _p, ...arm }: (typeof rs)[number]) => arm;
      return {
        ...em,
        metricKey: metric.key,
        name: metric.name,
        type: metric.type,
        preferredDirection: metric.preferredDirection,
        results: rs.filter((r) => r.period === 'EXPOSURE').map(stats),
        preExposureResults: rs.filter((r) => r.period === 'PRE_EXPOSURE').map(stats),
        externalResults: (externalsBy.get(em.id) ?? []).map(({ experimentMetricId: _x, ...estimate }) => estimate),
      };
    });
    out.set(id, {
      experimentId: id,
      ownerNodeId,
      ...settings,
      variants: (variantsBy.get(id) ?? []).map(({ experimentId: _, ...variant }) => variant),
      metrics: metricList,
      reportedChecks: (checksBy.get(id) ?? []).map(({ experimentId: _, ...check }) => check),
    });
  }
  return out;
}
