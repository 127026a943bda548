import { type EntityManager } from 'typeorm';
import { groupBy } from './group-rows';
import type {
  AnalysisInput,
  AnalysisMetric,
  ArmStatistics,
  ExternalEstimate,
  ReportedCheck,
} from '../../domain/analysis-types';

/** An experiment's classifier input plus the fields the stored classification needs besides it. */
export interface LoadedAnalysisInput extends AnalysisInput {
  readonly experimentId: string;
  readonly ownerNodeId: string;
}

type Row = Record<string, unknown>;

function statsOf(r: Row): ArmStatistics {
  return {
    variantId: r.variant_id as string,
    n: Number(r.n),
    sum: r.sum as number,
    sumSq: r.sum_sq as number | null,
    sumX: r.sum_x as number | null,
    sumXSq: r.sum_x_sq as number | null,
    sumXY: r.sum_xy as number | null,
  };
}

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
  const experiments: Row[] = await manager.query(
    `SELECT id, owner_node_id, kind, status, counts_toward_ewl, started_at, ended_at, concluded_at, alpha, power, power_budget_mode,
            deterioration_alpha_mode, analysis_mode, planned_sample_size::float8 AS planned_sample_size
       FROM experiment WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const variants: Row[] = await manager.query(
    `SELECT id, experiment_id, key, is_control, planned_weight, units::float8 AS units, multi_exposed_units::float8 AS multi_exposed_units
       FROM variant WHERE experiment_id = ANY($1::uuid[]) ORDER BY experiment_id, position, key`,
    [ids],
  );
  const metrics: Row[] = await manager.query(
    `SELECT em.id, em.experiment_id, m.key, m.name, em.role, m.type, m.preferred_direction, em.mde, em.mde_scale, em.nim, em.nim_scale
       FROM experiment_metric em JOIN metric m ON m.id = em.metric_id
      WHERE em.experiment_id = ANY($1::uuid[]) ORDER BY em.experiment_id, em.position, m.key`,
    [ids],
  );
  const results: Row[] = await manager.query(
    `SELECT r.experiment_metric_id, r.variant_id, r.period, r.n::float8 AS n, r.sum, r.sum_sq, r.sum_x, r.sum_x_sq, r.sum_xy
       FROM metric_result r JOIN experiment_metric em ON em.id = r.experiment_metric_id WHERE em.experiment_id = ANY($1::uuid[])`,
    [ids],
  );
  const externals: Row[] = await manager.query(
    `SELECT x.experiment_metric_id, x.variant_id, x.control_mean, x.estimate_abs, x.std_err, x.superior, x.non_inferior, x.deteriorated
       FROM external_result x JOIN experiment_metric em ON em.id = x.experiment_metric_id WHERE em.experiment_id = ANY($1::uuid[])`,
    [ids],
  );
  const checks: Row[] = await manager.query(
    `SELECT id, experiment_id, type, name, status, severity, p_value, observed, threshold, details, reporter, reported_at
       FROM health_check WHERE experiment_id = ANY($1::uuid[]) ORDER BY experiment_id, type, name`,
    [ids],
  );

  const variantsBy = groupBy(variants, (r) => r.experiment_id as string);
  const metricsBy = groupBy(metrics, (r) => r.experiment_id as string);
  const resultsBy = groupBy(results, (r) => r.experiment_metric_id as string);
  const externalsBy = groupBy(externals, (r) => r.experiment_metric_id as string);
  const checksBy = groupBy(checks, (r) => r.experiment_id as string);

  const out = new Map<string, LoadedAnalysisInput>();
  for (const e of experiments) {
    const id = e.id as string;
    const metricList: AnalysisMetric[] = (metricsBy.get(id) ?? []).map((m) => {
      const rs = resultsBy.get(m.id as string) ?? [];
      return {
        id: m.id as string,
        metricKey: m.key as string,
        name: m.name as string,
        role: m.role as AnalysisMetric['role'],
        type: m.type as AnalysisMetric['type'],
        preferredDirection: m.preferred_direction as AnalysisMetric['preferredDirection'],
        mde: m.mde as number | null,
        mdeScale: m.mde_scale as AnalysisMetric['mdeScale'],
        nim: m.nim as number | null,
        nimScale: m.nim_scale as AnalysisMetric['nimScale'],
        results: rs.filter((r) => r.period === 'EXPOSURE').map(statsOf),
        preExposureResults: rs.filter((r) => r.period === 'PRE_EXPOSURE').map(statsOf),
        externalResults: (externalsBy.get(m.id as string) ?? []).map((x): ExternalEstimate => ({
          variantId: x.variant_id as string,
          controlMean: x.control_mean as number | null,
          estimateAbs: x.estimate_abs as number,
          stdErr: x.std_err as number | null,
          superior: x.superior as boolean | null,
          nonInferior: x.non_inferior as boolean | null,
          deteriorated: x.deteriorated as boolean | null,
        })),
      };
    });
    out.set(id, {
      experimentId: id,
      ownerNodeId: e.owner_node_id as string,
      kind: e.kind as AnalysisInput['kind'],
      status: e.status as AnalysisInput['status'],
      countsTowardEwl: e.counts_toward_ewl as boolean,
      startedAt: e.started_at as Date | null,
      endedAt: e.ended_at as Date | null,
      concludedAt: e.concluded_at as Date | null,
      alpha: e.alpha as number,
      power: e.power as number,
      powerBudgetMode: e.power_budget_mode as AnalysisInput['powerBudgetMode'],
      deteriorationAlphaMode: e.deterioration_alpha_mode as AnalysisInput['deteriorationAlphaMode'],
      analysisMode: e.analysis_mode as AnalysisInput['analysisMode'],
      plannedSampleSize: e.planned_sample_size as number | null,
      variants: (variantsBy.get(id) ?? []).map((v) => ({
        id: v.id as string,
        key: v.key as string,
        isControl: v.is_control as boolean,
        plannedWeight: v.planned_weight as number,
        units: v.units as number | null,
        multiExposedUnits: v.multi_exposed_units as number | null,
      })),
      metrics: metricList,
      reportedChecks: (checksBy.get(id) ?? []).map((c): ReportedCheck => ({
        id: c.id as string,
        type: c.type as ReportedCheck['type'],
        name: c.name as string,
        status: c.status as ReportedCheck['status'],
        severity: c.severity as ReportedCheck['severity'],
        pValue: c.p_value as number | null,
        observed: c.observed as number | null,
        threshold: c.threshold as number | null,
        details: c.details as string,
        reporter: c.reporter as string,
        reportedAt: c.reported_at as Date | null,
      })),
    });
  }
  return out;
}
