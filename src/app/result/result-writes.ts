import { type EntityManager } from 'typeorm';
import { DomainError, badInput } from '../../domain/errors';
import type { ExternalResult, MetricResult, ResultPeriod, Variant } from '../../domain/experiment';
import { assertAcceptsResults } from '../../domain/rules/experiment-lifecycle';
import { type ExternalResultDraft, validateExternalResult } from '../../domain/rules/external-result';
import { type SufficientStatisticsDraft, validateSufficientStatistics } from '../../domain/rules/sufficient-statistics';
import { validateUnitCounts } from '../../domain/rules/variant-set';
import { findVariantsByExperimentIds } from '../../db/queries/experiment-reads';
import { findWrittenExternalResults, findWrittenMetricResults } from '../../db/queries/metric-reads';
import {
  findScopedMetric,
  findScopedVariant,
  loadExperimentScope,
  type ExperimentScope,
} from '../experiment/experiment-scope-writes';
import { type WriteContext } from '../write-context';
import { classifyAndPublish } from '../events/event-publishing';

interface VariantRef {
  readonly variantId?: string | null;
  readonly variantKey?: string | null;
}
interface MetricRef {
  readonly metricId?: string | null;
  readonly metricKey?: string | null;
}

export interface RecordResultsCommand {
  readonly experimentId?: string | null;
  readonly experimentKey?: string | null;
  readonly units?:
    readonly (VariantRef & { readonly units: number; readonly multiExposedUnits?: number | null })[] | null;
  readonly results?:
    readonly (VariantRef & MetricRef & SufficientStatisticsDraft & { readonly period?: ResultPeriod | null })[] | null;
  readonly externalResults?: readonly (VariantRef & MetricRef & ExternalResultDraft)[] | null;
}

export interface RecordResultsOutcome {
  readonly experimentId: string;
  readonly variants: Variant[];
  readonly metricResults: MetricResult[];
  readonly externalResults: ExternalResult[];
}

function refs(field: string, item: VariantRef & Partial<MetricRef>, scope: ExperimentScope, withMetric: boolean) {
  const variant = findScopedVariant(
    scope,
    { id: `${field}.variantId`, key: `${field}.variantKey` },
    { id: item.variantId, key: item.variantKey },
  );
  const metric = withMetric
    ? findScopedMetric(
        scope,
        { id: `${field}.metricId`, key: `${field}.metricKey` },
        { id: item.metricId, key: item.metricKey },
      )
    : undefined;
  return { variant, metric, label: `${metric ? `metric "${metric.key}", ` : ''}variant "${variant.key}"` };
}

function once(seen: Map<string, string>, identity: string, field: string, label: string): void {
  const first = seen.get(identity);
  if (first !== undefined)
    throw badInput(field, label, `each item once per call (the same item is at ${first})`, 'DUPLICATE_KEY');
  seen.set(identity, field);
}

/**
 * Records unit counts per variant and results per metric and variant in one transaction, as upserts
 * (one statement per table). Every item is validated before anything is written.
 */
export async function recordResults(w: WriteContext, input: RecordResultsCommand): Promise<RecordResultsOutcome> {
  const { m, now } = w;
  const experiment = await w.subtree.lockExperiment(
    m,
    { id: 'input.experimentId', key: 'input.experimentKey' },
    { id: input.experimentId, key: input.experimentKey },
  );
  assertAcceptsResults(experiment.status, 'input.experimentId');
  const scope = await loadExperimentScope(m, experiment);
  const seenUnits = new Map<string, string>();
  const units = (input.units ?? []).map((item, i) => {
    const field = `input.units[${i}]`;
    const { variant, label } = refs(field, item, scope, false);
    once(seenUnits, variant.id, field, label);
    return { variantId: variant.id, ...validateUnitCounts(field, item.units, item.multiExposedUnits ?? null) };
  });
  const seenResults = new Map<string, string>();
  const results = (input.results ?? []).map((item, i) => {
    const field = `input.results[${i}]`;
    const { variant, metric, label } = refs(field, item, scope, true);
    const period = item.period ?? 'EXPOSURE';
    once(seenResults, `${metric!.experimentMetricId}/${variant.id}/${period}`, field, `${label}, period ${period}`);
    return {
      experimentMetricId: metric!.experimentMetricId,
      variantId: variant.id,
      period,
      metricType: metric!.type,
      ...validateSufficientStatistics(field, label, metric!.type, item),
    };
  });
  const seenExternal = new Map<string, string>();
  const externals = (input.externalResults ?? []).map((item, i) => {
    const field = `input.externalResults[${i}]`;
    const { variant, metric, label } = refs(field, item, scope, true);
    if (variant.isControl)
      throw badInput(
        `${field}.variantKey`,
        variant.key,
        'a treatment arm (external results are stored per treatment arm, not for the control)',
      );
    once(seenExternal, `${metric!.experimentMetricId}/${variant.id}`, field, label);
    return {
      experimentMetricId: metric!.experimentMetricId,
      variantId: variant.id,
      ...validateExternalResult(field, label, item),
    };
  });

  if (units.length > 0) {
    await m.query(
      `UPDATE variant v SET units = d.units, multi_exposed_units = d.multi
         FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) AS d(id, units, multi) WHERE v.id = d.id`,
      [units.map((u) => u.variantId), units.map((u) => u.units), units.map((u) => u.multiExposedUnits)],
    );
  }
  const column = <T, K extends keyof T>(rows: readonly T[], key: K) => rows.map((r) => r[key]);
  const resultRows: { id: string }[] =
    results.length === 0
      ? []
      : await m.query(
          `INSERT INTO metric_result (experiment_metric_id, variant_id, period, metric_type, n, sum, sum_sq, sum_x, sum_x_sq, sum_xy, updated_at)
     SELECT d.*, $11::timestamptz FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::float8[], $7::float8[], $8::float8[], $9::float8[], $10::float8[]) AS d
     ON CONFLICT (experiment_metric_id, variant_id, period) DO UPDATE SET metric_type = EXCLUDED.metric_type, n = EXCLUDED.n, sum = EXCLUDED.sum,
       sum_sq = EXCLUDED.sum_sq, sum_x = EXCLUDED.sum_x, sum_x_sq = EXCLUDED.sum_x_sq, sum_xy = EXCLUDED.sum_xy, updated_at = EXCLUDED.updated_at
     RETURNING id`,
          [
            ...(
              [
                'experimentMetricId',
                'variantId',
                'period',
                'metricType',
                'n',
                'sum',
                'sumSq',
                'sumX',
                'sumXSq',
                'sumXY',
              ] as const
            ).map((k) => column(results, k)),
            now,
          ],
        );
  const externalRows: { id: string }[] =
    externals.length === 0
      ? []
      : await m.query(
          `INSERT INTO external_result (experiment_metric_id, variant_id, control_mean, estimate_abs, std_err, superior, non_inferior, deteriorated, updated_at)
     SELECT d.*, $9::timestamptz FROM unnest($1::uuid[], $2::uuid[], $3::float8[], $4::float8[], $5::float8[], $6::boolean[], $7::boolean[], $8::boolean[]) AS d
     ON CONFLICT (experiment_metric_id, variant_id) DO UPDATE SET control_mean = EXCLUDED.control_mean, estimate_abs = EXCLUDED.estimate_abs,
       std_err = EXCLUDED.std_err, superior = EXCLUDED.superior, non_inferior = EXCLUDED.non_inferior, deteriorated = EXCLUDED.deteriorated, updated_at = EXCLUDED.updated_at
     RETURNING id`,
          [
            ...(
              [
                'experimentMetricId',
                'variantId',
                'controlMean',
                'estimateAbs',
                'stdErr',
                'superior',
                'nonInferior',
                'deteriorated',
              ] as const
            ).map((k) => column(externals, k)),
            now,
          ],
        );
  await assertSuccessMetricsHaveControlData(m, experiment.id);
  // The stored classification changes with its inputs, in the same transaction (docs/ewl-rules.md §14).
  await classifyAndPublish(m, [experiment.id], now, 'RESULTS');
  return {
    experimentId: experiment.id,
    variants: await findVariantsByExperimentIds(m, [experiment.id]),
    // In input order: the order of the upserts' RETURNING rows.
    metricResults: await findWrittenMetricResults(
      m,
      resultRows.map((r) => r.id),
    ),
    externalResults: await findWrittenExternalResults(
      m,
      externalRows.map((r) => r.id),
    ),
  };
}

/**
 * Refuses a write that leaves a SUCCESS metric with treatment results but no control result: its
 * effect could never be computed. Checked after the upserts, inside the transaction,
 * so a call may send the control and the treatments together; a failure rolls the call back.
 * Other roles are not refused: their missing control data shows as NOT_ENOUGH_DATA.
 */
async function assertSuccessMetricsHaveControlData(m: EntityManager, experimentId: string): Promise<void> {
  const [orphan]: { metric_key: string; variant_key: string }[] = await m.query(
    `SELECT mt.key AS metric_key, v.key AS variant_key
       FROM experiment_metric em
       JOIN metric mt ON mt.id = em.metric_id
       JOIN metric_result r ON r.experiment_metric_id = em.id AND r.period = 'EXPOSURE'
       JOIN variant v ON v.id = r.variant_id AND NOT v.is_control
      WHERE em.experiment_id = $1 AND em.role = 'SUCCESS'
        AND NOT EXISTS (SELECT 1 FROM metric_result rc JOIN variant vc ON vc.id = rc.variant_id
                         WHERE rc.experiment_metric_id = em.id AND rc.period = 'EXPOSURE' AND vc.is_control)
      ORDER BY mt.key, v.key LIMIT 1`,
    [experimentId],
  );
  if (orphan) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `Invalid input.results: success metric "${orphan.metric_key}" has results for variant "${orphan.variant_key}" but none for the control; send the control's results in the same call or before`,
      {
        reason: 'MISSING_CONTROL_DATA',
        details: {
          field: 'input.results',
          value: `metric "${orphan.metric_key}"`,
          allowed: 'control results for every success metric that has treatment results',
        },
      },
    );
  }
}
