import { type EntityManager } from 'typeorm';
import { badInput, DomainError, notFound } from '../../domain/errors';
import type { EffectScale, ExperimentStatus, MetricRole } from '../../domain/experiment';
import { assertDesignUnlocked, findMetricSetChange, findVariantSetChange } from '../../domain/rules/design-lock';
import { assertDesignEditable } from '../../domain/rules/experiment-lifecycle';
import { pickReference } from '../../domain/rules/keys';
import { validateMetricSettings, type MetricSettings } from '../../domain/rules/metric-settings';
import { validateVariantSet, type VariantDraft } from '../../domain/rules/variant-set';
import { ExperimentMetricEntity, VariantEntity } from '../../db/entities';
import { findVariantsByExperimentIds } from '../../db/queries/experiment-reads';
import { findExperimentMetricsByExperimentIds, findMetricsByIds } from '../../db/queries/metric-reads';

export type VariantCommand = VariantDraft;

export interface ExperimentMetricCommand {
  readonly metricId?: string | null;
  readonly metricKey?: string | null;
  readonly role: MetricRole;
  readonly mde?: number | null;
  readonly mdeScale?: EffectScale | null;
  readonly nim?: number | null;
  readonly nimScale?: EffectScale | null;
}

type ResolvedMetric = MetricSettings & { readonly metricId: string; readonly metricKey: string };

/**
 * How a set replacement treats the pre-registered design (src/domain/rules/design-lock.ts):
 * WRITE refuses design changes of a started experiment (CONFLICT DESIGN_LOCKED); AMEND is
 * amendExperimentDesign, which may change them. Either way, changes that are not design (names,
 * order, unit counts) follow assertDesignEditable.
 */
export type DesignWriteMode = 'WRITE' | 'AMEND';

/** Resolves and validates a metric set in one query: each metric once, settings per validateMetricSettings. */
export async function resolveMetricSet(
  m: EntityManager,
  field: string,
  metrics: readonly ExperimentMetricCommand[],
): Promise<ResolvedMetric[]> {
  const refs = metrics.map((metric, i) =>
    pickReference(
      { id: `${field}[${i}].metricId`, key: `${field}[${i}].metricKey` },
      { id: metric.metricId, key: metric.metricKey },
      true,
    )!,
  );
  const ids = refs.flatMap((r) => ('id' in r ? [r.id] : []));
  const keys = refs.flatMap((r) => ('key' in r ? [r.key] : []));
  const rows =
    refs.length === 0
      ? []
      : await m.query(`SELECT id, key FROM metric WHERE id = ANY($1::uuid[]) OR key = ANY($2::text[])`, [ids, keys]);
  const byId = new Map<string, string>(rows.map((r: { id: string; key: string }) => [r.id, r.key]));
  const byKey = new Map<string, string>(rows.map((r: { id: string; key: string }) => [r.key, r.id]));
  const seen = new Map<string, number>();
  return metrics.map((metric, i) => {
    const ref = refs[i]!;
    const metricId = 'id' in ref ? (byId.has(ref.id) ? ref.id : undefined) : byKey.get(ref.key);
    if (metricId === undefined)
      throw 'id' in ref
        ? notFound('metric', `${field}[${i}].metricId`, ref.id)
        : notFound('metric', `${field}[${i}].metricKey`, ref.key);
    const metricKey = byId.get(metricId)!;
    if (seen.has(metricId))
      throw badInput(
        `${field}[${i}]`,
        metricKey,
        `each metric once (also at ${field}[${seen.get(metricId)}])`,
        'DUPLICATE_KEY',
      );
    seen.set(metricId, i);
    return { ...validateMetricSettings(`${field}[${i}]`, metric), metricId, metricKey };
  });
}

function hasResults(message: string, field: string): DomainError {
  return new DomainError('CONFLICT', message, { reason: 'HAS_RESULTS', details: { field } });
}

/**
 * Replaces an experiment's variants with `drafts`, matched by key: matching variants keep their id
 * (and their results), new keys are inserted, missing keys are deleted. Omitted unit counts of a
 * matching variant keep their stored values. The arms, control and planned weights are design
 * (see DesignWriteMode). Outside DRAFT the control arm cannot change and a variant with results or
 * a shipping decision cannot be removed, even by an amendment.
 */
export async function replaceVariants(
  m: EntityManager,
  experimentId: string,
  status: ExperimentStatus,
  drafts: readonly VariantCommand[],
  field = 'input.variants',
  mode: DesignWriteMode = 'WRITE',
): Promise<void> {
  const existing = await findVariantsByExperimentIds(m, [experimentId]);
  const byKey = new Map(existing.map((v) => [v.key, v]));
  const merged = drafts.map((d) => {
    const old = byKey.get(d.key);
    return {
      ...d,
      units: d.units === undefined ? (old?.units ?? null) : d.units,
      multiExposedUnits: d.multiExposedUnits === undefined ? (old?.multiExposedUnits ?? null) : d.multiExposedUnits,
    };
  });
  const variants = validateVariantSet(field, merged);
  const keys = new Set(variants.map((v) => v.key));
  const removed = existing.filter((v) => !keys.has(v.key));
  const designChange = findVariantSetChange(field, existing, variants);
  const otherChange = variants.some((v, i) => {
    const old = byKey.get(v.key);
    return (
      old !== undefined &&
      (old.name !== v.name ||
        old.units !== v.units ||
        old.multiExposedUnits !== v.multiExposedUnits ||
        old.position !== i)
    );
  });
  if (designChange === null && !otherChange) return;
  if (mode === 'WRITE') assertDesignUnlocked(status, designChange);
  if (otherChange) assertDesignEditable(status, field);
  const oldControl = existing.find((v) => v.isControl);
  const newControl = variants.find((v) => v.isControl)!;
  if (status !== 'DRAFT' && oldControl && oldControl.key !== newControl.key) {
    throw new DomainError(
      'CONFLICT',
      `The control arm of a ${status} experiment cannot change (it is ${oldControl.key}, got ${newControl.key})`,
      {
        reason: 'EXPERIMENT_NOT_EDITABLE',
        details: { field, value: newControl.key, allowed: oldControl.key },
      },
    );
  }
  if (removed.length > 0) {
    const ids = removed.map((v) => v.id);
    const [used] = await m.query(
      `SELECT (SELECT count(*) FROM metric_result WHERE variant_id = ANY($1::uuid[])) + (SELECT count(*) FROM external_result WHERE variant_id = ANY($1::uuid[]))
            + (SELECT count(*) FROM decision WHERE shipped_variant_id = ANY($1::uuid[])) AS n`,
      [ids],
    );
    if (Number(used.n) > 0)
      throw hasResults(
        `Cannot remove variants ${removed.map((v) => v.key).join(', ')}: they have results or a decision shipped them`,
        field,
      );
    await m.delete(VariantEntity, ids);
  }
  await m.query('UPDATE variant SET is_control = false WHERE experiment_id = $1 AND is_control', [experimentId]);
  for (const [position, v] of variants.entries()) {
    const values = {
      name: v.name,
      isControl: v.isControl,
      plannedWeight: v.plannedWeight,
      units: v.units ?? null,
      multiExposedUnits: v.multiExposedUnits ?? null,
      position,
    };
    const old = byKey.get(v.key);
    if (old) await m.update(VariantEntity, { id: old.id }, values);
    else await m.insert(VariantEntity, { experimentId, key: v.key, ...values });
  }
}

/**
 * Replaces an experiment's metrics, matched by catalogue metric: matches keep their id (and results),
 * others are inserted or deleted. The set, roles, MDE and NIM are design (see DesignWriteMode). A
 * metric with results cannot be removed (CONFLICT HAS_RESULTS), even by an amendment.
 */
export async function replaceMetrics(
  m: EntityManager,
  experimentId: string,
  status: ExperimentStatus,
  metrics: readonly ResolvedMetric[],
  field = 'input.metrics',
  mode: DesignWriteMode = 'WRITE',
): Promise<void> {
  const existing = await findExperimentMetricsByExperimentIds(m, [experimentId]);
  const byMetric = new Map(existing.map((em) => [em.metricId, em]));
  const wanted = new Set(metrics.map((em) => em.metricId));
  const removed = existing.filter((em) => !wanted.has(em.metricId));
  const designChange = findMetricSetChange(field, existing, metrics);
  const reordered = metrics.some(
    (em, i) => byMetric.get(em.metricId)?.position !== undefined && byMetric.get(em.metricId)!.position !== i,
  );
  if (designChange === null && !reordered) return;
  if (mode === 'WRITE') assertDesignUnlocked(status, designChange);
  if (reordered) assertDesignEditable(status, field);
  if (removed.length > 0) {
    const ids = removed.map((em) => em.id);
    const [used] = await m.query(
      `SELECT (SELECT count(*) FROM metric_result WHERE experiment_metric_id = ANY($1::uuid[])) + (SELECT count(*) FROM external_result WHERE experiment_metric_id = ANY($1::uuid[])) AS n`,
      [ids],
    );
    if (Number(used.n) > 0) {
      const keys = await findMetricsByIds(
        m,
        removed.map((em) => em.metricId),
      );
      throw hasResults(
        `Cannot remove metrics ${keys.map((k) => k.key).join(', ')}: results were recorded for them`,
        field,
      );
    }
    await m.delete(ExperimentMetricEntity, ids);
  }
  for (const [position, em] of metrics.entries()) {
    const values = { role: em.role, mde: em.mde, mdeScale: em.mdeScale, nim: em.nim, nimScale: em.nimScale, position };
    const old = byMetric.get(em.metricId);
    if (old) await m.update(ExperimentMetricEntity, { id: old.id }, values);
    else await m.insert(ExperimentMetricEntity, { experimentId, metricId: em.metricId, ...values });
  }
}
