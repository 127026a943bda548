import { displayValue, DomainError } from '../errors';
import type { Experiment, ExperimentMetric, ExperimentStatus } from '../experiment';

/**
 * Pre-registration lock (docs/pre-registration.md): an experiment's statistical
 * design is written while it is DRAFT and frozen from the moment it starts. After that the design
 * changes only through `amendExperimentDesign`, with a reason, recorded and shown on the
 * experiment; every other write path (updateExperiment, importExperiments, updateMetric) refuses a
 * design change with CONFLICT DESIGN_LOCKED naming the field. Resending unchanged values is fine.
 *
 * The design is:
 * - the experiment's statistical settings ({@link LOCKED_EXPERIMENT_FIELDS});
 * - the variant set: which arms exist, which is control, their planned weights (names, order and
 *   unit counts are not design: unit counts are data);
 * - the metric set: which catalogue metrics, their roles, MDE and NIM with their scales (their
 *   order is not design);
 * - the type and preferred direction of every catalogue metric a started experiment uses.
 */

/** The only status whose design can be written freely. */
export const DESIGN_OPEN_STATUS: ExperimentStatus = 'DRAFT';

/** Experiment columns that belong to the pre-registered design. */
export const LOCKED_EXPERIMENT_FIELDS = [
  'alpha',
  'power',
  'powerBudgetMode',
  'deteriorationAlphaMode',
  'analysisMode',
  'plannedSampleSize',
  'plannedRuntimeDays',
  'randomizationUnit',
] as const;
export type LockedExperimentField = (typeof LOCKED_EXPERIMENT_FIELDS)[number];

/** The locked experiment settings as values. */
export type ExperimentDesignSettings = Pick<
  Experiment,
  | 'alpha'
  | 'power'
  | 'powerBudgetMode'
  | 'deteriorationAlphaMode'
  | 'analysisMode'
  | 'plannedSampleSize'
  | 'plannedRuntimeDays'
  | 'randomizationUnit'
>;

/** The design part of a variant. */
export interface VariantDesign {
  readonly key: string;
  readonly isControl: boolean;
  readonly plannedWeight: number;
}

/** The design part of a metric in an experiment (`metricId`: the catalogue metric). */
export type MetricDesign = Pick<ExperimentMetric, 'metricId' | 'role' | 'mde' | 'mdeScale' | 'nim' | 'nimScale'>;

/** One design change: the input field that makes it and the value it asks for (for the message). */
export interface DesignChange {
  readonly field: string;
  readonly value: unknown;
}

/** True when the experiment's design is locked (it started: RUNNING or any later status). */
export function isDesignLocked(status: ExperimentStatus): boolean {
  return status !== DESIGN_OPEN_STATUS;
}

/**
 * The first locked setting that `next` changes (given fields only), or null.
 * @example findSettingsChange('input', { alpha: 0.05 }, { alpha: 0.1 }) // { field: 'input.alpha', value: 0.1 }
 */
export function findSettingsChange(
  base: string,
  current: Partial<ExperimentDesignSettings>,
  next: Partial<ExperimentDesignSettings>,
): DesignChange | null {
  for (const f of LOCKED_EXPERIMENT_FIELDS) {
    if (f in next && next[f] !== undefined && next[f] !== current[f])
      return { field: base === '' ? f : `${base}.${f}`, value: next[f] };
  }
  return null;
}

/** The first design change from the stored variants to `next` (matched by key), or null. */
export function findVariantSetChange(
  field: string,
  stored: readonly VariantDesign[],
  next: readonly VariantDesign[],
): DesignChange | null {
  const byKey = new Map(stored.map((v) => [v.key, v]));
  for (const [i, v] of next.entries()) {
    const old = byKey.get(v.key);
    if (old === undefined) return { field: `${field}[${i}].key`, value: v.key };
    if (old.isControl !== v.isControl) return { field: `${field}[${i}].isControl`, value: v.isControl };
    if (old.plannedWeight !== v.plannedWeight) return { field: `${field}[${i}].plannedWeight`, value: v.plannedWeight };
  }
  const kept = new Set(next.map((v) => v.key));
  const removed = stored.filter((v) => !kept.has(v.key));
  return removed.length > 0 ? { field, value: `without ${removed.map((v) => v.key).join(', ')}` } : null;
}

/** The first design change from the stored metric set to `next` (matched by catalogue metric), or null. */
export function findMetricSetChange(
  field: string,
  stored: readonly MetricDesign[],
  next: readonly MetricDesign[],
): DesignChange | null {
  const byMetric = new Map(stored.map((em) => [em.metricId, em]));
  for (const [i, em] of next.entries()) {
    const old = byMetric.get(em.metricId);
    if (old === undefined) return { field: `${field}[${i}]`, value: 'a metric the experiment did not use' };
    for (const f of ['role', 'mde', 'mdeScale', 'nim', 'nimScale'] as const) {
      if (old[f] !== em[f]) return { field: `${field}[${i}].${f}`, value: em[f] };
    }
  }
  const kept = new Set(next.map((em) => em.metricId));
  const removed = stored.filter((em) => !kept.has(em.metricId)).length;
  return removed > 0 ? { field, value: `${removed} metric(s) removed` } : null;
}

/** The CONFLICT DESIGN_LOCKED error for a change of a started experiment's design. */
export function designLocked(status: ExperimentStatus, change: DesignChange): DomainError {
  const shown = displayValue(change.value);
  return new DomainError(
    'CONFLICT',
    `The statistical design of a ${status} experiment is pre-registered and locked (${change.field}: got ${shown}); ` +
      'change it with amendExperimentDesign, which records the change with a reason',
    {
      reason: 'DESIGN_LOCKED',
      details: { field: change.field, value: shown, allowed: 'the pre-registered value, or amendExperimentDesign' },
    },
  );
}

/**
 * Refuses a design change of a started experiment.
 * @throws DomainError CONFLICT, reason DESIGN_LOCKED, naming the field, when `change` is set and the status is not DRAFT.
 */
export function assertDesignUnlocked(status: ExperimentStatus, change: DesignChange | null): void {
  if (change !== null && isDesignLocked(status)) throw designLocked(status, change);
}

/** How many experiment keys a DESIGN_LOCKED message about a catalogue metric names. */
const NAMED_EXPERIMENTS = 5;

/**
 * A catalogue metric's type and preferred direction are part of the design of every started
 * experiment that uses it; there they cannot change (an amendment cannot change them either: it
 * can swap in another metric).
 * @throws DomainError CONFLICT, reason DESIGN_LOCKED, naming `field` and the first started experiments.
 */
export function assertMetricUnlocked(
  metricKey: string,
  change: DesignChange | null,
  startedExperimentKeys: readonly string[],
): void {
  if (change === null || startedExperimentKeys.length === 0) return;
  const named = startedExperimentKeys.slice(0, NAMED_EXPERIMENTS).join(', ');
  const more =
    startedExperimentKeys.length > NAMED_EXPERIMENTS
      ? ` and ${startedExperimentKeys.length - NAMED_EXPERIMENTS} more`
      : '';
  throw new DomainError(
    'CONFLICT',
    `Metric ${metricKey} is part of the pre-registered design of started experiments (${named}${more}); its ${change.field} cannot change ` +
      '(create a new metric and amend those experiments with amendExperimentDesign)',
    {
      reason: 'DESIGN_LOCKED',
      details: {
        field: change.field,
        value: displayValue(change.value),
        allowed: 'the current value while started experiments use the metric',
      },
    },
  );
}

/** Longest amendment reason, in characters (after trimming). */
export const AMENDMENT_REASON_MAX = 2000;

/** Statuses an amendment can be made in: started and not archived (ARCHIVED experiments are read-only). */
export const AMENDABLE_STATUSES: readonly ExperimentStatus[] = ['RUNNING', 'STOPPED', 'CONCLUDED'];

/**
 * amendExperimentDesign is for started experiments only: a DRAFT's design is not locked yet.
 * @throws DomainError CONFLICT, reason DESIGN_NOT_LOCKED, for a DRAFT (the message points to updateExperiment).
 */
export function assertDesignAmendable(status: ExperimentStatus, field: string): void {
  if (!isDesignLocked(status)) {
    throw new DomainError(
      'CONFLICT',
      `The design of a ${status} experiment is not locked yet: change it with updateExperiment (${field})`,
      {
        reason: 'DESIGN_NOT_LOCKED',
        details: { field, value: status, allowed: AMENDABLE_STATUSES.join(', ') },
      },
    );
  }
}
