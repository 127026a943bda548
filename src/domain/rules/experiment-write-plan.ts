import type { Experiment, ExperimentStatus } from '../experiment';
import { assertDesignUnlocked } from './design-lock';
import { assertNotArchived } from './experiment-lifecycle';
import { type ExperimentAttributesPlan, type ExperimentChanges, planExperimentAttributes } from './experiment-plan';
import {
  hasReached,
  type Lifecycle,
  LIFECYCLE_DATES,
  type LifecycleDraft,
  planImportLifecycle,
  planStatusTransition,
} from './lifecycle-plan';

/**
 * The one planner of a write of an experiment as a whole, used by createExperiment,
 * updateExperiment, transitionExperiment and importExperiments: what may change in which status.
 * It runs in two parts, because an entry point reads its input in between:
 *
 * 1. beginExperimentWrite, before the entry point reads the attributes: the lifecycle change
 *    (lifecycle-plan.ts: none, one step, or a report) and the gate that needs only the stored
 *    status. An update of an ARCHIVED experiment is refused here (read-only), before its input is
 *    read; a step from ARCHIVED is refused by ALLOWED_TRANSITIONS (ARCHIVED is final).
 * 2. planExperimentWrite, with the validated attributes: planExperimentAttributes (experiment-plan.ts:
 *    defaults, what changes) and the design lock of a started experiment (design-lock.ts), against
 *    the stored status.
 *
 * Each part throws its first error; the import runs each in `attempt` at its place among the
 * other parts of an item, so that it collects every error of an item in the same order. A report
 * (the import) may move an ARCHIVED experiment nowhere and change nothing, which is only known once
 * the whole item is planned: the import applies assertNotArchived last, when the item would change
 * something. The design of the variant and metric sets is checked by the entry points, which diff
 * the sets (replaceVariants and replaceMetrics, the import's design-plan.ts).
 */

/** How a write moves the experiment along its lifecycle. */
export type LifecycleChange =
  /** createExperiment (a new experiment is a DRAFT without dates) and updateExperiment: status and dates stay. */
  | { readonly kind: 'KEEP' }
  /** transitionExperiment: one step of ALLOWED_TRANSITIONS, `at` defaulting to now (fields `input.to`, `input.at`). */
  | { readonly kind: 'STEP'; readonly to: ExperimentStatus; readonly at: Date | null | undefined }
  /** importExperiments: where the experiment stands, several steps forward at once (planImportLifecycle). */
  | { readonly kind: 'REPORT'; readonly draft: LifecycleDraft };

/** The columns of an experiment's lifecycle. */
export type LifecycleField = keyof Lifecycle;

/** The lifecycle columns, in the order a write sets them. */
export const LIFECYCLE_FIELDS: readonly LifecycleField[] = ['status', ...LIFECYCLE_DATES.map((date) => date.name)];

/** The status and dates after a write, and what changes. */
export interface LifecyclePlan extends Lifecycle {
  /** Lifecycle columns whose value differs from the stored one (every column on create). */
  readonly changed: readonly LifecycleField[];
  /** The date at which the hypotheses of a stored experiment lock, when this write starts it; else null. */
  readonly locksHypothesesAt: Date | null;
}

/** A write begun: the experiment as stored (null on create) and where its lifecycle goes. */
export interface ExperimentWriteStart {
  /** Path prefix of the fields in messages (`input`, `items[3]`, or '' for a CLI line). */
  readonly base: string;
  readonly stored: Experiment | null;
  readonly lifecycle: LifecyclePlan;
}

/** The experiment after a write: its attributes (with what changes) and its lifecycle. */
export interface ExperimentWritePlan extends ExperimentAttributesPlan {
  readonly lifecycle: LifecyclePlan;
}

/** The lifecycle of a new experiment. */
const NEW_LIFECYCLE: Lifecycle = { status: 'DRAFT', startedAt: null, endedAt: null, concludedAt: null };

/** The lifecycle date whose setting locks the hypotheses (docs/ewl-rules.md §2.3). */
const HYPOTHESIS_LOCK = LIFECYCLE_DATES.find((date) => date.locksHypotheses)!;

/** The lifecycle columns of a stored experiment. */
function lifecycleOf(e: Lifecycle): Lifecycle {
  return { status: e.status, startedAt: e.startedAt, endedAt: e.endedAt, concludedAt: e.concludedAt };
}

function nextLifecycle(base: string, stored: Experiment | null, change: LifecycleChange, now: Date): Lifecycle {
  switch (change.kind) {
    case 'KEEP':
      if (stored === null) return NEW_LIFECYCLE;
      assertNotArchived(stored.status, base);
      return lifecycleOf(stored);
    case 'STEP': {
      if (stored === null) throw new Error('A status transition needs a stored experiment');
      const current = lifecycleOf(stored);
      const step = planStatusTransition({ ...current, from: current.status, to: change.to, at: change.at, now });
      const { to, locksHypotheses: _locks, ...set } = step;
      return { ...current, status: to, ...set };
    }
    case 'REPORT':
      return planImportLifecycle(base, stored === null ? null : lifecycleOf(stored), change.draft, now);
  }
}

/** Whether two lifecycle values are equal (dates by their instant). */
function sameValue(a: Date | string | null, b: Date | string | null): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

/**
 * Begins a write of `stored` (null: a create): plans the lifecycle `change` and applies the gate of
 * the stored status (see the top of this module).
 * @throws DomainError CONFLICT, reason EXPERIMENT_NOT_EDITABLE, naming `base`, for an update of an
 * ARCHIVED experiment; the errors of planStatusTransition and planImportLifecycle.
 * @example beginExperimentWrite('input', draftExperiment, { kind: 'STEP', to: 'RUNNING', at: null }, now).lifecycle
 * // { status: 'RUNNING', startedAt: now, endedAt: null, concludedAt: null,
 * //   changed: ['status', 'startedAt'], locksHypothesesAt: now }
 */
export function beginExperimentWrite(
  base: string,
  stored: Experiment | null,
  change: LifecycleChange,
  now: Date,
): ExperimentWriteStart {
  const next = nextLifecycle(base, stored, change, now);
  const changed =
    stored === null ? LIFECYCLE_FIELDS : LIFECYCLE_FIELDS.filter((field) => !sameValue(stored[field], next[field]));
  const starts =
    stored !== null &&
    !hasReached(stored.status, HYPOTHESIS_LOCK.setBy) &&
    hasReached(next.status, HYPOTHESIS_LOCK.setBy);
  return {
    base,
    stored,
    lifecycle: { ...next, changed, locksHypothesesAt: starts ? next[HYPOTHESIS_LOCK.name] : null },
  };
}

/**
 * Plans the experiment after the write begun with beginExperimentWrite: its attributes from the
 * validated `changes` (planExperimentAttributes) next to its lifecycle.
 * @throws DomainError CONFLICT, reason DESIGN_LOCKED, naming the first pre-registered setting that
 * changes when the stored experiment has started.
 * @example const start = beginExperimentWrite('input', null, { kind: 'KEEP' }, now);
 * planExperimentWrite(start, { title: 'T', ownerNodeId: 'n' }).lifecycle.status // 'DRAFT'
 */
export function planExperimentWrite(start: ExperimentWriteStart, changes: ExperimentChanges): ExperimentWritePlan {
  const attributes = planExperimentAttributes(start.base, start.stored, changes);
  if (start.stored !== null) assertDesignUnlocked(start.stored.status, attributes.designChange);
  return { ...attributes, lifecycle: start.lifecycle };
}

/** The lifecycle columns a plan changes, with their planned values (what an update of the stored row sets). */
export function changedLifecycle(plan: LifecyclePlan): Partial<Lifecycle> {
  return Object.fromEntries(plan.changed.map((field) => [field, plan[field]]));
}
