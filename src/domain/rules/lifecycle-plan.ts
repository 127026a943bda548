import { badInput, displayValue, DomainError } from '../errors';
import { EXPERIMENT_STATUSES, type ExperimentStatus } from '../experiment';
import { validateInstant } from './instant-range';

/**
 * An experiment's lifecycle (docs/ewl-rules.md §2.2), described once: the steps a status may take
 * (ALLOWED_TRANSITIONS) and the date each status sets (LIFECYCLE_DATES). transitionExperiment takes
 * one step at a time (planStatusTransition, its date `at` defaulting to now); importExperiments
 * reports where an experiment stands, several steps forward at once with every date given, never
 * back (planImportLifecycle). Both read these two tables and check each new date with
 * validateEventDate; experiment-write-plan.ts puts them together with the attributes.
 */

/**
 * The only status changes allowed (docs/ewl-rules.md §2.2): one step forward at a time,
 * DRAFT -> RUNNING -> STOPPED -> CONCLUDED -> ARCHIVED. There is no way back: a restarted run is a
 * new experiment that points to the old one with `restartOfId`.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<ExperimentStatus, readonly ExperimentStatus[]>> = {
  DRAFT: ['RUNNING'],
  RUNNING: ['STOPPED'],
  STOPPED: ['CONCLUDED'],
  CONCLUDED: ['ARCHIVED'],
  ARCHIVED: [],
};

/**
 * The lifecycle dates in order, each with the status that sets it: an experiment has the date from
 * that status on and not before (the `experiment_*` CHECK constraints), and the verb of its message.
 * A new date may not precede the one before it in this list; a step to a status that sets no date
 * (ARCHIVED) may not precede the last date the experiment has. Setting startedAt locks the
 * hypotheses (docs/ewl-rules.md §2.3).
 */
export const LIFECYCLE_DATES = [
  { name: 'startedAt', setBy: 'RUNNING', verb: 'started', locksHypotheses: true },
  { name: 'endedAt', setBy: 'STOPPED', verb: 'stopped', locksHypotheses: false },
  { name: 'concludedAt', setBy: 'CONCLUDED', verb: 'concluded', locksHypotheses: false },
] as const;

export type LifecycleDate = (typeof LIFECYCLE_DATES)[number]['name'];

/** The statuses ALLOWED_TRANSITIONS leads to from each status, itself included. */
const REACHABLE = new Map(
  EXPERIMENT_STATUSES.map((milestone) => {
    const reached = new Set<ExperimentStatus>([milestone]);
    // A Set's iterator also visits what is added while it runs.
    for (const status of reached) for (const next of ALLOWED_TRANSITIONS[status]) reached.add(next);
    return [milestone, reached];
  }),
);

/**
 * Whether an experiment in `status` has reached `milestone`: it is in it, or ALLOWED_TRANSITIONS
 * leads from `milestone` to it.
 * @example hasReached('CONCLUDED', 'RUNNING') // true
 */
export function hasReached(status: ExperimentStatus, milestone: ExperimentStatus): boolean {
  return REACHABLE.get(milestone)!.has(status);
}

/** The lifecycle date `status` sets, if any. */
function dateSetBy(status: ExperimentStatus): (typeof LIFECYCLE_DATES)[number] | undefined {
  return LIFECYCLE_DATES.find((date) => date.setBy === status);
}

/** The last lifecycle date an experiment in `status` has, if any. */
function lastDateOf(status: ExperimentStatus): LifecycleDate | undefined {
  return LIFECYCLE_DATES.filter((date) => hasReached(status, date.setBy)).at(-1)?.name;
}

/** `base.name`, or `name` alone for an item without prefix (a CLI line of the import). */
function fieldPath(base: string, name: string): string {
  return base === '' ? name : `${base}.${name}`;
}

/** How far a reported date may lie after the server's clock (clients' clocks drift). */
export const FUTURE_DATE_TOLERANCE_MS = 5 * 60 * 1000;

export interface TransitionInput {
  readonly from: ExperimentStatus;
  readonly to: ExperimentStatus;
  /** When the change happened; defaults to `now`. */
  readonly at: Date | null | undefined;
  readonly now: Date;
  readonly startedAt: Date | null;
  readonly endedAt: Date | null;
  readonly concludedAt: Date | null;
}

/** Where a step leads, the date it sets (LIFECYCLE_DATES; ARCHIVED sets none), whether it locks the hypotheses. */
export type TransitionPlan = { readonly to: ExperimentStatus; readonly locksHypotheses: boolean } & {
  readonly [D in LifecycleDate]?: Date;
};

/**
 * Checks a date reported by a client: a valid date in years 0001-9999 (instant-range.ts), not after `now` (plus FUTURE_DATE_TOLERANCE_MS),
 * and not before `notBefore` when given.
 * @throws DomainError BAD_USER_INPUT naming `field`.
 */
export function validateEventDate(
  field: string,
  at: Date,
  now: Date,
  notBefore?: { date: Date | null; name: string },
): Date {
  validateInstant(field, at);
  if (at.getTime() > now.getTime() + FUTURE_DATE_TOLERANCE_MS)
    throw badInput(field, at, `a date not in the future (now is ${now.toISOString()})`);
  if (notBefore?.date && at.getTime() < notBefore.date.getTime()) {
    throw badInput(field, at, `a date on or after ${notBefore.name} (${notBefore.date.toISOString()})`);
  }
  return at;
}

/**
 * Plans a status transition: checks that `from -> to` is one step of ALLOWED_TRANSITIONS and that
 * the date is not earlier than the last lifecycle date, and returns the date `to` sets (LIFECYCLE_DATES).
 * @throws DomainError BAD_USER_INPUT, reason INVALID_STATUS_TRANSITION, naming from, to and the
 * allowed targets; BAD_USER_INPUT for a date before the previous one or in the future.
 * @example planStatusTransition({ from: 'DRAFT', to: 'RUNNING', at: null, now, startedAt: null, endedAt: null, concludedAt: null })
 * // { to: 'RUNNING', startedAt: now, locksHypotheses: true }
 */
export function planStatusTransition(input: TransitionInput): TransitionPlan {
  const allowed = ALLOWED_TRANSITIONS[input.from];
  if (!allowed.includes(input.to)) {
    const targets = allowed.length > 0 ? allowed.join(', ') : 'none (ARCHIVED is final)';
    throw new DomainError(
      'BAD_USER_INPUT',
      `Cannot move an experiment from ${input.from} to ${input.to}; allowed from ${input.from}: ${targets}`,
      {
        reason: 'INVALID_STATUS_TRANSITION',
        details: { field: 'input.to', value: displayValue(input.to), allowed: targets },
      },
    );
  }
  const last = lastDateOf(input.from);
  const notBefore = last === undefined ? undefined : { date: input[last], name: last };
  const at = validateEventDate('input.at', input.at ?? input.now, input.now, notBefore);
  const date = dateSetBy(input.to);
  if (date === undefined) return { to: input.to, locksHypotheses: false };
  return { to: input.to, [date.name]: at, locksHypotheses: date.locksHypotheses };
}

export interface Lifecycle {
  readonly status: ExperimentStatus;
  readonly startedAt: Date | null;
  readonly endedAt: Date | null;
  readonly concludedAt: Date | null;
}

export interface LifecycleDraft {
  readonly status: ExperimentStatus | undefined;
  readonly startedAt: Date | null | undefined;
  readonly endedAt: Date | null | undefined;
  readonly concludedAt: Date | null | undefined;
}

/**
 * The status and lifecycle dates an imported item leads to. An import reports where an experiment
 * stands rather than one transition, so it may move several steps forward at once (a new
 * experiment may arrive CONCLUDED), but never back (docs/ewl-rules.md §2.2: a rerun is a new experiment).
 * Omitted fields keep the stored values (DRAFT without dates for a new experiment). The dates
 * must be exactly those the status implies (LIFECYCLE_DATES): startedAt from RUNNING on, endedAt
 * from STOPPED on, concludedAt from CONCLUDED on; each new date passes validateEventDate (not in
 * the future, not before the previous one). A date already stored does not change: hypotheses
 * were locked and results windowed by it.
 * @throws DomainError BAD_USER_INPUT naming e.g. `items[2].endedAt`; reason INVALID_STATUS_TRANSITION for a move back.
 */
export function planImportLifecycle(
  base: string,
  stored: Lifecycle | null,
  draft: LifecycleDraft,
  now: Date,
): Lifecycle {
  const status = draft.status ?? stored?.status ?? 'DRAFT';
  if (stored !== null && !hasReached(status, stored.status)) {
    const field = fieldPath(base, 'status');
    throw new DomainError(
      'BAD_USER_INPUT',
      `Cannot move an imported experiment back from ${stored.status} to ${status} (${field}); a rerun is a new experiment`,
      {
        reason: 'INVALID_STATUS_TRANSITION',
        details: { field, value: displayValue(status), allowed: `${stored.status} or a later status` },
      },
    );
  }
  const out: Record<LifecycleDate, Date | null> = {
    startedAt: null,
    endedAt: null,
    concludedAt: null,
  };
  for (const [i, date] of LIFECYCLE_DATES.entries()) {
    const field = fieldPath(base, date.name);
    const given = draft[date.name];
    const kept = stored?.[date.name] ?? null;
    const value = given !== undefined ? given : kept;
    const needed = hasReached(status, date.setBy);
    if (needed && value === null) throw badInput(field, null, `a date-time (required for a ${status} experiment)`);
    if (!needed && value !== null)
      throw badInput(
        field,
        value,
        `no ${date.name} for a ${status} experiment (it is set once the experiment ${date.verb})`,
      );
    if (value !== null && kept !== null && value.getTime() !== kept.getTime()) {
      throw badInput(
        field,
        value,
        `the stored ${date.name} ${kept.toISOString()} (a lifecycle date does not change once set)`,
      );
    }
    if (value !== null && kept === null) {
      const previous = LIFECYCLE_DATES[i - 1]?.name;
      validateEventDate(
        field,
        value,
        now,
        previous === undefined ? undefined : { date: out[previous], name: previous },
      );
    }
    out[date.name] = value;
  }
  return { status, startedAt: out.startedAt, endedAt: out.endedAt, concludedAt: out.concludedAt };
}
