import { analyseExperiment } from '../src/domain/analyse-experiment';
import type * as a from '../src/domain/analysis-types';
import { effectiveCategory } from '../src/domain/stored-classification';

/** What the floor needs of a `pg` Pool (so the bench can count its statements). */
export interface Queryable {
  query(sql: string, params: unknown[]): Promise<{ rows: Row[] }>;
}

/** Every column the floor's statements select (a closed list, so a misspelt column is a type error). */
type Column =
  | 'alpha'
  | 'analysis_mode'
  | 'category'
  | 'concluded_at'
  | 'control_mean'
  | 'counts_toward_ewl'
  | 'created_at'
  | 'details'
  | 'deteriorated'
  | 'deterioration_alpha_mode'
  | 'ended_at'
  | 'estimate_abs'
  | 'experiment_id'
  | 'experiment_metric_id'
  | 'id'
  | 'is_control'
  | 'key'
  | 'kind'
  | 'mde'
  | 'mde_scale'
  | 'multi_exposed_units'
  | 'n'
  | 'name'
  | 'nim'
  | 'nim_scale'
  | 'non_inferior'
  | 'observed'
  | 'owner_node_id'
  | 'p_value'
  | 'period'
  | 'planned_sample_size'
  | 'planned_weight'
  | 'power'
  | 'power_budget_mode'
  | 'preferred_direction'
  | 'provisional_category'
  | 'reported_at'
  | 'reporter'
  | 'role'
  | 'severity'
  | 'started_at'
  | 'status'
  | 'std_err'
  | 'sum'
  | 'sum_sq'
  | 'sum_x'
  | 'sum_x_sq'
  | 'sum_xy'
  | 'superior'
  | 'threshold'
  | 'title'
  | 'type'
  | 'units'
  | 'variant_id';

// Column values are whatever `pg` returns; `never` lets them flow into the typed domain input
// without a cast per field. The parity check against the API (api-checks.ts) guards the shapes.
type Row = Readonly<Record<Column, never>>;

function groupBy(rows: Row[], key: Column): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const row of rows) {
    const list = out.get(row[key]);
    if (list) list.push(row);
    else out.set(row[key], [row]);
  }
  return out;
}

const BY_KEY = `(SELECT id FROM experiment WHERE key = $1)`;

/**
 * Q1 by hand: six statements by experiment key (sent together), rows turned into the classifier's
 * input, `analyseExperiment` (the same pure function the API calls), then the Q1 selection.
 */
export async function floorExperimentAnalysis(db: Queryable, key: string, now: Date): Promise<unknown> {
  const [e, v, m, r, x, c] = await Promise.all([
    db.query(
      `SELECT key, title, kind, status, counts_toward_ewl, started_at, ended_at, concluded_at, alpha, power, power_budget_mode,
                     deterioration_alpha_mode, analysis_mode, planned_sample_size::float8 AS planned_sample_size
                FROM experiment WHERE key = $1`,
      [key],
    ),
    db.query(
      `SELECT id, key, is_control, planned_weight, units::float8 AS units, multi_exposed_units::float8 AS multi_exposed_units
                FROM variant WHERE experiment_id = ${BY_KEY} ORDER BY position, key`,
      [key],
    ),
    db.query(
      `SELECT em.id, m.key, m.name, em.role, m.type, m.preferred_direction, em.mde, em.mde_scale, em.nim, em.nim_scale
                FROM experiment_metric em JOIN metric m ON m.id = em.metric_id WHERE em.experiment_id = ${BY_KEY} ORDER BY em.position, m.key`,
      [key],
    ),
    db.query(
      `SELECT r.experiment_metric_id, r.variant_id, r.period, r.n::float8 AS n, r.sum, r.sum_sq, r.sum_x, r.sum_x_sq, r.sum_xy
                FROM metric_result r JOIN experiment_metric em ON em.id = r.experiment_metric_id WHERE em.experiment_id = ${BY_KEY}`,
      [key],
    ),
    db.query(
      `SELECT x.experiment_metric_id, x.variant_id, x.control_mean, x.estimate_abs, x.std_err, x.superior, x.non_inferior, x.deteriorated
                FROM external_result x JOIN experiment_metric em ON em.id = x.experiment_metric_id WHERE em.experiment_id = ${BY_KEY}`,
      [key],
    ),
    db.query(
      `SELECT id, type, name, status, severity, p_value, observed, threshold, details, reporter, reported_at
                FROM health_check WHERE experiment_id = ${BY_KEY} ORDER BY type, name`,
      [key],
    ),
  ]);
  const exp = e.rows[0];
  if (!exp) return { data: { experiment: null } };
  const results = groupBy(r.rows, 'experiment_metric_id');
  const externals = groupBy(x.rows, 'experiment_metric_id');
  const stats = (row: Row): a.ArmStatistics => ({
    variantId: row.variant_id,
    n: row.n,
    sum: row.sum,
    sumSq: row.sum_sq,
    sumX: row.sum_x,
    sumXSq: row.sum_x_sq,
    sumXY: row.sum_xy,
  });
  const input: a.AnalysisInput = {
    kind: exp.kind,
    status: exp.status,
    countsTowardEwl: exp.counts_toward_ewl,
    startedAt: exp.started_at,
    endedAt: exp.ended_at,
    concludedAt: exp.concluded_at,
    alpha: exp.alpha,
    power: exp.power,
    powerBudgetMode: exp.power_budget_mode,
    deteriorationAlphaMode: exp.deterioration_alpha_mode,
    analysisMode: exp.analysis_mode,
    plannedSampleSize: exp.planned_sample_size,
    variants: v.rows.map((row) => ({
      id: row.id,
      key: row.key,
      isControl: row.is_control,
      plannedWeight: row.planned_weight,
      units: row.units,
      multiExposedUnits: row.multi_exposed_units,
    })),
    metrics: m.rows.map((row): a.AnalysisMetric => {
      const rs = results.get(row.id) ?? [];
      return {
        id: row.id,
        metricKey: row.key,
        name: row.name,
        role: row.role,
        type: row.type,
        preferredDirection: row.preferred_direction,
        mde: row.mde,
        mdeScale: row.mde_scale,
        nim: row.nim,
        nimScale: row.nim_scale,
        results: rs.filter((s) => s.period === 'EXPOSURE').map(stats),
        preExposureResults: rs.filter((s) => s.period === 'PRE_EXPOSURE').map(stats),
        externalResults: (externals.get(row.id) ?? []).map((s) => ({
          variantId: s.variant_id,
          controlMean: s.control_mean,
          estimateAbs: s.estimate_abs,
          stdErr: s.std_err,
          superior: s.superior,
          nonInferior: s.non_inferior,
          deteriorated: s.deteriorated,
        })),
      };
    }),
    reportedChecks: c.rows.map((row) => ({
      id: row.id,
      type: row.type,
      name: row.name,
      status: row.status,
      severity: row.severity,
      pValue: row.p_value,
      observed: row.observed,
      threshold: row.threshold,
      details: row.details,
      reporter: row.reporter,
      reportedAt: row.reported_at,
    })),
  };
  const an = analyseExperiment(input, { asOf: now });
  return {
    data: {
      experiment: {
        key: exp.key,
        title: exp.title,
        status: exp.status,
        analysis: {
          category: an.category,
          provisionalCategory: an.provisionalCategory,
          validity: an.validity,
          recommendation: an.recommendation,
          subReason: an.subReason,
          provisional: an.provisional,
          isLearning: an.isLearning,
          isWin: an.isWin,
          validityReasons: an.validityReasons.map((reason) => ({ code: reason.code })),
          arms: an.arms.map((arm) => ({
            variantKey: arm.variantKey,
            category: arm.category,
            subReason: arm.subReason,
            recommendation: arm.recommendation,
            powered: arm.powered,
            metrics: arm.metrics.map((mt) => ({
              metricKey: mt.metricKey,
              role: mt.role,
              dataStatus: mt.dataStatus,
              meanC: mt.meanC,
              meanT: mt.meanT,
              diffAbs: mt.diffAbs,
              diffRel: mt.diffRel,
              ciAbs: mt.ciAbs ? { lower: mt.ciAbs.lower, upper: mt.ciAbs.upper } : null,
              pValueSuperiority: mt.pValueSuperiority,
              pValueNonInferiority: mt.pValueNonInferiority,
              pValueDeterioration: mt.pValueDeterioration,
              achievedPower: mt.achievedPower,
              isPowered: mt.isPowered,
              superior: mt.superior,
              nonInferior: mt.nonInferior,
              deteriorated: mt.deteriorated,
            })),
          })),
        },
      },
    },
  };
}

/**
 * Q1d by hand: the experiment, its variants, its metrics with their catalogue key and their exposure
 * results in variant order (four statements by experiment key, sent together).
 */
export async function floorExperimentByKey(db: Queryable, key: string): Promise<unknown> {
  const [e, v, m, r] = await Promise.all([
    db.query(`SELECT key, title, status FROM experiment WHERE key = $1`, [key]),
    db.query(
      `SELECT key, is_control, units::float8 AS units FROM variant WHERE experiment_id = ${BY_KEY} ORDER BY position, id`,
      [key],
    ),
    db.query(
      `SELECT em.id, m.key FROM experiment_metric em JOIN metric m ON m.id = em.metric_id
               WHERE em.experiment_id = ${BY_KEY} ORDER BY em.position, em.id`,
      [key],
    ),
    db.query(
      `SELECT r.experiment_metric_id, r.n::float8 AS n, r.sum FROM metric_result r
                JOIN experiment_metric em ON em.id = r.experiment_metric_id JOIN variant v ON v.id = r.variant_id
               WHERE em.experiment_id = ${BY_KEY} AND r.period = 'EXPOSURE' ORDER BY v.position, v.id`,
      [key],
    ),
  ]);
  const exp = e.rows[0];
  if (!exp) return { data: { experiment: null } };
  const results = groupBy(r.rows, 'experiment_metric_id');
  return {
    data: {
      experiment: {
        key: exp.key,
        title: exp.title,
        status: exp.status,
        variants: v.rows.map((row) => ({ key: row.key, isControl: row.is_control, units: row.units })),
        metrics: m.rows.map((row) => ({
          metric: { key: row.key },
          results: (results.get(row.id) ?? []).map((s) => ({ n: s.n, sum: s.sum })),
        })),
      },
    },
  };
}

/**
 * Q2 by hand: the node and its page (two statements), then variants, metrics with their catalogue
 * key, exposure results, current decisions and stored classifications of the page (five
 * statements, sent together); the category gets the 30-day rule in Node like the API's.
 */
export async function floorTeamPage(db: Queryable, key: string, first: number, now: Date): Promise<unknown> {
  const node = (await db.query(`SELECT id FROM org_node WHERE key = $1`, [key])).rows[0];
  if (!node) return { data: { orgNode: null } };
  const page = (
    await db.query(
      `SELECT e.id, e.key, e.title, e.status FROM experiment e
      WHERE e.owner_node_id IN (SELECT descendant_id FROM org_node_closure WHERE ancestor_id = $1)
      ORDER BY e.created_at DESC NULLS LAST, e.id DESC LIMIT $2`,
      [node.id, first],
    )
  ).rows;
  const ids = page.map((e) => e.id);
  const [v, m, r, d, c] = await Promise.all([
    db.query(
      `SELECT experiment_id, key, is_control, units::float8 AS units FROM variant WHERE experiment_id = ANY($1::uuid[]) ORDER BY position, id`,
      [ids],
    ),
    db.query(
      `SELECT em.id, em.experiment_id, m.key FROM experiment_metric em JOIN metric m ON m.id = em.metric_id
               WHERE em.experiment_id = ANY($1::uuid[]) ORDER BY em.position, em.id`,
      [ids],
    ),
    db.query(
      `SELECT r.experiment_metric_id, r.n::float8 AS n, r.sum FROM metric_result r
                JOIN experiment_metric em ON em.id = r.experiment_metric_id JOIN variant v ON v.id = r.variant_id
               WHERE em.experiment_id = ANY($1::uuid[]) AND r.period = 'EXPOSURE' ORDER BY v.position, v.id`,
      [ids],
    ),
    db.query(`SELECT experiment_id, kind FROM decision WHERE experiment_id = ANY($1::uuid[]) AND is_current`, [ids]),
    db.query(
      `SELECT experiment_id, category, provisional_category, status, counts_toward_ewl, ended_at, concluded_at
                FROM experiment_classification WHERE experiment_id = ANY($1::uuid[])`,
      [ids],
    ),
  ]);
  const variants = groupBy(v.rows, 'experiment_id');
  const metrics = groupBy(m.rows, 'experiment_id');
  const results = groupBy(r.rows, 'experiment_metric_id');
  const decisions = new Map(d.rows.map((row) => [row.experiment_id as string, row.kind as string]));
  const classes = new Map(c.rows.map((row) => [row.experiment_id as string, row]));
  const edges = page.map((e) => {
    const decision = decisions.get(e.id);
    const cls = classes.get(e.id);
    return {
      node: {
        key: e.key,
        title: e.title,
        status: e.status,
        variants: (variants.get(e.id) ?? []).map((row) => ({
          key: row.key,
          isControl: row.is_control,
          units: row.units,
        })),
        metrics: (metrics.get(e.id) ?? []).map((row) => ({
          metric: { key: row.key },
          results: (results.get(row.id) ?? []).map((s) => ({ n: s.n, sum: s.sum })),
        })),
        decision: decision === undefined ? null : { kind: decision },
        ewlCategory: cls
          ? effectiveCategory(
              {
                category: cls.category,
                provisionalCategory: cls.provisional_category,
                status: cls.status,
                countsTowardEwl: cls.counts_toward_ewl,
                endedAt: cls.ended_at,
                concludedAt: cls.concluded_at,
              },
              now,
            )
          : null,
      },
    };
  });
  return { data: { orgNode: { experiments: { edges } } } };
}
