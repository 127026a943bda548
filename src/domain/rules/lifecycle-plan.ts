import { badInput, displayValue, DomainError } from '../errors';
import { EXPERIMENT_STATUSES, type ExperimentStatus } from '../experiment';
import { fieldPath } from '../import/fields';
import { validateInstant } from './instant-range';

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

/** The column a transition sets (ARCHIVED sets none) and whether it locks the hypotheses. */
export type TransitionPlan =
  | { readonly to: 'RUNNING'; readonly startedAt: Date; readonly locksHypotheses: true }
  | { readonly to: 'STOPPED'; readonly endedAt: Date; readonly locksHypotheses: false }
  | { readonly to: 'CONCLUDED'; readonly concludedAt: Date; readonly locksHypotheses: false }
  | { readonly to: 'ARCHIVED'; readonly locksHypotheses: false };

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
 * Plans a status transition: checks that `from -> to` is allowed and that the date is not earlier
 * than the previous lifecycle date, and returns the date column to set.
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
  const at = input.at ?? input.now;
  switch (input.to) {
    case 'RUNNING':
      return { to: 'RUNNING', startedAt: validateEventDate('input.at', at, input.now), locksHypotheses: true };
    case 'STOPPED':
      return {
        to: 'STOPPED',
        endedAt: validateEventDate('input.at', at, input.now, { date: input.startedAt, name: 'startedAt' }),
        locksHypotheses: false,
      };
    case 'CONCLUDED':
      return {
        to: 'CONCLUDED',
        concludedAt: validateEventDate('input.at', at, input.now, { date: input.endedAt, name: 'endedAt' }),
        locksHypotheses: false,
      };
    case 'ARCHIVED':
      validateEventDate('input.at', at, input.now, { date: input.concludedAt, name: 'concludedAt' });
      return { to: 'ARCHIVED', locksHypotheses: false };
    case 'DRAFT':
      throw new Error('Unreachable: no transition leads to DRAFT');
  }
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

/** Position along DRAFT -> RUNNING -> STOPPED -> CONCLUDED -> ARCHIVED (EXPERIMENT_STATUSES is in lifecycle order). */
const RANK = Object.fromEntries(EXPERIMENT_STATUSES.map((s, i) => [s, i])) as Readonly<
  Record<ExperimentStatus, number>
>;

/** Each lifecycle date, the first status that sets it, and the date it may not precede. */
const DATES = [
  { name: 'startedAt', from: 'RUNNING', after: null, verb: 'started' },
  { name: 'endedAt', from: 'STOPPED', after: 'startedAt', verb: 'stopped' },
  { name: 'concludedAt', from: 'CONCLUDED', after: 'endedAt', verb: 'concluded' },
] as const;

/**
 * The status and lifecycle dates an imported item leads to. An import reports where an experiment
 * stands rather than one transition, so it may move several steps forward at once (a new
 * experiment may arrive CONCLUDED), but never back (docs/ewl-rules.md §2.2: a rerun is a new experiment).
 * Omitted fields keep the stored values (DRAFT without dates for a new experiment). The dates
 * must be exactly those the status implies (the `experiment_*` CHECK constraints): startedAt from
 * RUNNING on, endedAt from STOPPED on, concludedAt from CONCLUDED on; each new date passes
 * validateEventDate (not in the future, not before the previous one). A date already stored does
 * not change: hypotheses were locked and results windowed by it.
 * @throws DomainError BAD_USER_INPUT naming e.g. `items[2].endedAt`; reason INVALID_STATUS_TRANSITION for a move back.
 */
export function planImportLifecycle(
  base: string,
  stored: Lifecycle | null,
  draft: LifecycleDraft,
  now: Date,
): Lifecycle {
  const status = draft.status ?? stored?.status ?? 'DRAFT';
  if (stored !== null && RANK[status] < RANK[stored.status]) {
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
  const out: Record<'startedAt' | 'endedAt' | 'concludedAt', Date | null> = {
    startedAt: null,
    endedAt: null,
    concludedAt: null,
  };
  for (const date of DATES) {
    const field = fieldPath(base, date.name);
    const given = draft[date.name];
    const kept = stored?.[date.name] ?? null;
    const value = given !== undefined ? given : kept;
    const needed = RANK[status] >= RANK[date.from];
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
      const previous = date.after === null ? undefined : { date: out[date.after], name: date.after };
      validateEventDate(field, value, now, previous);
    }
    out[date.name] = value;
  }
  return { status, startedAt: out.startedAt, endedAt: out.endedAt, concludedAt: out.concludedAt };
}
