import { badInput, displayValue, DomainError } from '../errors';
import type { Decision, ExperimentStatus, MetricResult, Variant } from '../experiment';
import { assertAcceptsResults } from '../rules/experiment-lifecycle';
import { validateSufficientStatistics } from '../rules/sufficient-statistics';
import { attempt, fieldPath } from './fields';
import { type ImportDecisionDraft, type ImportResultDraft, type Reference } from './import-item-parts';
import { decisionKey, resultKey, type StoredImportExperiment } from './import-state';
import { type PlannedMetric } from './design-plan';

// Results and decisions of one item, checked with the rules of recordResults and recordDecision
// against the variants and metrics the experiment has after the item's own design changes.

export interface ResultPlan {
  readonly inserts: readonly MetricResult[];
  readonly updates: readonly MetricResult[];
}

function notInExperiment(what: string, path: string, ref: Reference): DomainError {
  const shown = displayValue('id' in ref ? ref.id : ref.key);
  return new DomainError('NOT_FOUND', `No ${what} ${shown} in this experiment (${path})`, {
    reason: 'UNKNOWN_ID',
    details: { field: path, value: shown },
  });
}

/** The input field a reference came from: `<field>.variantId` or `<field>.variantKey`. */
function refPath(field: string, what: 'variant' | 'metric', ref: Reference): string {
  return fieldPath(field, 'id' in ref ? `${what}Id` : `${what}Key`);
}

function findVariant(variants: readonly Variant[], ref: Reference): Variant | undefined {
  for (const v of variants) if ('id' in ref ? v.id === ref.id : v.key === ref.key) return v;
  return undefined;
}

function findMetric(metrics: readonly PlannedMetric[], ref: Reference): PlannedMetric | undefined {
  for (const m of metrics) if ('id' in ref ? m.metric.id === ref.id : m.metric.key === ref.key) return m;
  return undefined;
}

/**
 * Results as recordResults checks them (each metric, variant and period once per item; sufficient
 * statistics per metric type; a success metric with treatment data needs control data), upserted
 * by (metric, variant, period). Identical stored values are not written again. Accepted from
 * RUNNING on; a new experiment may also arrive ARCHIVED with its results. Every bad result is
 * recorded in `errors`.
 */
export function planResults(
  base: string,
  drafts: readonly ImportResultDraft[],
  stored: StoredImportExperiment | undefined,
  status: ExperimentStatus,
  variants: readonly Variant[],
  metrics: readonly PlannedMetric[],
  newId: () => string,
  now: Date,
  errors: DomainError[],
): ResultPlan {
  const inserts: MetricResult[] = [];
  const updates: MetricResult[] = [];
  if (drafts.length > 0 && !(status === 'ARCHIVED' && stored === undefined)) {
    const before = errors.length;
    attempt(errors, () => assertAcceptsResults(status, fieldPath(base, 'results')));
    if (errors.length > before) return { inserts, updates };
  }
  const seen = new Map<string, string>();
  const exposure = new Set<string>();
  for (const r of drafts) {
    attempt(errors, () => {
      const variant = findVariant(variants, r.variant);
      if (variant === undefined) throw notInExperiment('variant', refPath(r.field, 'variant', r.variant), r.variant);
      const planned = findMetric(metrics, r.metric);
      if (planned === undefined) throw notInExperiment('metric', refPath(r.field, 'metric', r.metric), r.metric);
      const label = `metric "${planned.metric.key}", variant "${variant.key}"`;
      const key = resultKey(planned.experimentMetricId, variant.id, r.period);
      const first = seen.get(key);
      if (first !== undefined)
        throw badInput(
          r.field,
          `${label}, period ${r.period}`,
          `each result once per item (the same one is at ${first})`,
          'DUPLICATE_KEY',
        );
      seen.set(key, r.field);
      const stats = validateSufficientStatistics(r.field, label, planned.metric.type, r);
      if (r.period === 'EXPOSURE') exposure.add(`${planned.experimentMetricId}/${variant.id}`);
      const old = stored?.results.get(key);
      if (
        old !== undefined &&
        old.metricType === planned.metric.type &&
        old.n === stats.n &&
        old.sum === stats.sum &&
        old.sumSq === stats.sumSq &&
        old.sumX === stats.sumX &&
        old.sumXSq === stats.sumXSq &&
        old.sumXY === stats.sumXY
      )
        return;
      const row: MetricResult = {
        id: old?.id ?? newId(),
        experimentMetricId: planned.experimentMetricId,
        variantId: variant.id,
        period: r.period,
        metricType: planned.metric.type,
        n: stats.n,
        sum: stats.sum,
        sumSq: stats.sumSq,
        sumX: stats.sumX,
        sumXSq: stats.sumXSq,
        sumXY: stats.sumXY,
        updatedAt: now,
      };
      (old === undefined ? inserts : updates).push(row);
    });
  }
  if (stored !== undefined)
    for (const r of stored.results.values())
      if (r.period === 'EXPOSURE') exposure.add(`${r.experimentMetricId}/${r.variantId}`);
  attempt(errors, () => assertSuccessMetricsHaveControlData(base, metrics, variants, exposure));
  return { inserts, updates };
}

/**
 * The rule recordResults applies, over the stored and the imported results together: a
 * SUCCESS metric with exposure results for a treatment needs exposure results for the control.
 */
function assertSuccessMetricsHaveControlData(
  base: string,
  metrics: readonly PlannedMetric[],
  variants: readonly Variant[],
  exposure: ReadonlySet<string>,
): void {
  const control = variants.find((v) => v.isControl);
  if (control === undefined) return;
  for (const m of metrics) {
    if (m.role !== 'SUCCESS' || exposure.has(`${m.experimentMetricId}/${control.id}`)) continue;
    const treatment = variants.find((v) => !v.isControl && exposure.has(`${m.experimentMetricId}/${v.id}`));
    if (treatment === undefined) continue;
    const field = fieldPath(base, 'results');
    throw new DomainError(
      'BAD_USER_INPUT',
      `Invalid ${field}: success metric "${m.metric.key}" has results for variant "${treatment.key}" but none for the control; send the control's results in the same item or before`,
      {
        reason: 'MISSING_CONTROL_DATA',
        details: {
          field,
          value: `metric "${m.metric.key}"`,
          allowed: 'control results for every success metric that has treatment results',
        },
      },
    );
  }
}

/**
 * Decisions to append: those not already stored (or earlier in the item) with the same kind,
 * decidedAt and decidedBy. The shipped variant must be one of the experiment's variants. For a new
 * experiment the current one is marked here (markCurrent).
 */
export function planDecisions(
  drafts: readonly ImportDecisionDraft[],
  stored: StoredImportExperiment | undefined,
  experimentId: string,
  variants: readonly Variant[],
  newId: () => string,
  now: Date,
  errors: DomainError[],
): Decision[] {
  const out: Decision[] = [];
  const seen = new Set<string>();
  for (const d of drafts) {
    const key = decisionKey(d.kind, d.decidedAt, d.decidedBy);
    if (seen.has(key) || stored?.decisionKeys.has(key)) continue;
    seen.add(key);
    attempt(errors, () => {
      let shippedVariantId: string | null = null;
      if (d.shippedVariantKey !== null) {
        const variant = findVariant(variants, { key: d.shippedVariantKey });
        if (variant === undefined)
          throw notInExperiment('variant', fieldPath(d.field, 'shippedVariantKey'), { key: d.shippedVariantKey });
        shippedVariantId = variant.id;
      }
      out.push({
        id: newId(),
        experimentId,
        kind: d.kind,
        shippedVariantId,
        rationale: d.rationale,
        decidedBy: d.decidedBy,
        decidedAt: d.decidedAt,
        isCurrent: false,
        createdAt: now,
      });
    });
  }
  return stored === undefined ? markCurrent(out) : out;
}

/**
 * The decisions of a new experiment with the current one marked, as refreshCurrentDecision would
 * mark it: the latest by decidedAt, then by recording order (they are inserted in this order, so
 * a later one gets the higher `seq`). A stored experiment's current decision is recomputed in SQL.
 */
function markCurrent(decisions: Decision[]): Decision[] {
  let current = -1;
  for (let i = 0; i < decisions.length; i += 1) {
    if (current < 0 || decisions[i]!.decidedAt.getTime() >= decisions[current]!.decidedAt.getTime()) current = i;
  }
  if (current >= 0) decisions[current] = { ...decisions[current]!, isCurrent: true };
  return decisions;
}
