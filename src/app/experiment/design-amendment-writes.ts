import { type EntityManager } from 'typeorm';
import { badInput } from '../../domain/errors';
import {
  assertDesignAmendable,
  findMetricSetChange,
  findVariantSetChange,
  LOCKED_EXPERIMENT_FIELDS,
  type LockedExperimentField,
} from '../../domain/rules/design-lock';
import { assertNotArchived } from '../../domain/rules/experiment-lifecycle';
import { validateAlpha, validatePositiveInteger, validatePower } from '../../domain/rules/experiment-settings';
import type { Experiment } from '../../domain/experiment';
import { ExperimentEntity } from '../../db/entities';
import { findVariantsByExperimentIds, findWrittenExperiment } from '../../db/queries/experiment-reads';
import { findExperimentMetricsByExperimentIds, findMetricsByIds } from '../../db/queries/metric-reads';
import { TEXT_LIMITS } from '../../domain/rules/field-limits';
import { validateText } from '../../domain/rules/text-fields';
import { replaceMetrics, replaceVariants, resolveMetricSet } from './experiment-design-writes';
import { type UpdateExperimentCommand } from './experiment-writes';
import { bumpVersion } from '../../db/queries/version-writes';
import { auditActor } from '../run-command';
import { type WriteContext } from '../write-context';
import { classifyAndPublish } from '../events/event-publishing';

/** An amendment: the design fields of updateExperiment (same types and meaning), with the experiment and a required reason. */
export interface AmendExperimentDesignCommand extends Pick<
  UpdateExperimentCommand,
  | 'expectedVersion'
  | 'alpha'
  | 'power'
  | 'powerBudgetMode'
  | 'deteriorationAlphaMode'
  | 'analysisMode'
  | 'plannedSampleSize'
  | 'plannedRuntimeDays'
  | 'randomizationUnit'
  | 'variants'
  | 'metrics'
> {
  readonly experimentId: string;
  readonly reason: string;
}

/** The design parts an amendment changed, as they were before and after it. */
type DesignParts = Record<string, unknown>;

/** The settings given (null clears planned size and runtime; other settings cannot be cleared and keep their value). */
function settingsOf(input: AmendExperimentDesignCommand): Partial<Record<LockedExperimentField, unknown>> {
  const s: Partial<Record<LockedExperimentField, unknown>> = {};
  if (input.alpha != null) s.alpha = validateAlpha('input.alpha', input.alpha);
  if (input.power != null) s.power = validatePower('input.power', input.power);
  if (input.powerBudgetMode != null) s.powerBudgetMode = input.powerBudgetMode;
  if (input.deteriorationAlphaMode != null) s.deteriorationAlphaMode = input.deteriorationAlphaMode;
  if (input.analysisMode != null) s.analysisMode = input.analysisMode;
  if (input.plannedSampleSize !== undefined)
    s.plannedSampleSize = validatePositiveInteger('input.plannedSampleSize', input.plannedSampleSize);
  if (input.plannedRuntimeDays !== undefined)
    s.plannedRuntimeDays = validatePositiveInteger('input.plannedRuntimeDays', input.plannedRuntimeDays);
  if (input.randomizationUnit != null)
    s.randomizationUnit = validateText(
      'input.randomizationUnit',
      input.randomizationUnit,
      TEXT_LIMITS.experiment.randomizationUnit,
    );
  return s;
}

async function variantDesign(m: EntityManager, experimentId: string) {
  const rows = await findVariantsByExperimentIds(m, [experimentId]);
  return rows.map((v) => ({ key: v.key, isControl: v.isControl, plannedWeight: v.plannedWeight }));
}

async function metricDesign(m: EntityManager, experimentId: string) {
  const rows = await findExperimentMetricsByExperimentIds(m, [experimentId]);
  const keys = new Map(
    (rows.length === 0
      ? []
      : await findMetricsByIds(
          m,
          rows.map((r) => r.metricId),
        )
    ).map((k) => [k.id, k.key]),
  );
  return rows.map((r) => ({
    metricId: r.metricId,
    metricKey: keys.get(r.metricId)!,
    role: r.role,
    mde: r.mde,
    mdeScale: r.mdeScale,
    nim: r.nim,
    nimScale: r.nimScale,
  }));
}

const withoutIds = (metrics: Awaited<ReturnType<typeof metricDesign>>) =>
  metrics.map(({ metricId: _id, ...rest }) => rest);

/**
 * Amends the pre-registered design of a started experiment (docs/pre-registration.md): the given
 * settings, variant set and metric set replace the stored ones with every rule updateExperiment
 * applies to a DRAFT, except that the control arm cannot change and a variant or metric with
 * results cannot be removed. The amendment is recorded with its reason, who made it and the
 * changed parts before and after; `experiment.design_amended_at` keeps the first amendment's
 * instant. Reclassifies the experiment.
 * @throws DomainError BAD_USER_INPUT for a blank or too long reason, or when nothing changes;
 *   CONFLICT DESIGN_NOT_LOCKED for a DRAFT; CONFLICT EXPERIMENT_NOT_EDITABLE for an ARCHIVED one.
 */
export async function amendExperimentDesign(w: WriteContext, input: AmendExperimentDesignCommand): Promise<Experiment> {
  const { m, now } = w;
  const actor = auditActor(w);
  const experiment = await w.subtree.findExperiment(m, 'input.experimentId', input.experimentId, true);
  await bumpVersion(m, 'experiment', experiment.id, input.expectedVersion);
  assertNotArchived(experiment.status, 'input');
  assertDesignAmendable(experiment.status, 'input.experimentId');
  const reason = validateText('input.reason', input.reason, TEXT_LIMITS.designAmendment.reason);
  const settings = settingsOf(input);
  const before: DesignParts = {};
  const after: DesignParts = {};
  for (const f of LOCKED_EXPERIMENT_FIELDS) {
    if (f in settings && settings[f] !== experiment[f]) {
      before[f] = experiment[f];
      after[f] = settings[f];
    }
  }
  if (input.variants != null) {
    const old = await variantDesign(m, experiment.id);
    if (findVariantSetChange('input.variants', old, input.variants) !== null) {
      await replaceVariants(m, experiment.id, experiment.status, input.variants, 'input.variants', 'AMEND');
      before.variants = old;
      after.variants = await variantDesign(m, experiment.id);
    }
  }
  if (input.metrics != null) {
    const old = await metricDesign(m, experiment.id);
    const resolved = await resolveMetricSet(m, 'input.metrics', input.metrics);
    if (findMetricSetChange('input.metrics', old, resolved) !== null) {
      await replaceMetrics(m, experiment.id, experiment.status, resolved, 'input.metrics', 'AMEND');
      before.metrics = withoutIds(old);
      after.metrics = withoutIds(await metricDesign(m, experiment.id));
    }
  }
  const changedFields = Object.keys(after);
  if (changedFields.length === 0)
    throw badInput('input', 'no design change', 'at least one design field that differs from the current design');
  const columns = Object.fromEntries(
    changedFields.filter((f) => f in settings).map((f) => [f, settings[f as LockedExperimentField]]),
  );
  await m.update(ExperimentEntity, { id: experiment.id }, { ...columns, updatedAt: now });
  await m.query('UPDATE experiment SET design_amended_at = coalesce(design_amended_at, $2) WHERE id = $1', [
    experiment.id,
    now,
  ]);
  await m.query(
    `INSERT INTO experiment_design_amendment (experiment_id, amended_at, status, reason, changed_fields, before, after, principal_kind, api_key_id, api_key_name, actor)
     VALUES ($1, $2, $3, $4, $5::text[], $6::jsonb, $7::jsonb, $8, $9, $10, $11)`,
    [
      experiment.id,
      now,
      experiment.status,
      reason,
      changedFields,
      JSON.stringify(before),
      JSON.stringify(after),
      actor.principalKind,
      actor.apiKeyId,
      actor.apiKeyName,
      actor.actor,
    ],
  );
  await classifyAndPublish(m, [experiment.id], now, 'DESIGN_CHANGED');
  return findWrittenExperiment(m, experiment.id);
}
