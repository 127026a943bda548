import { badInput, displayValue, DomainError } from '../errors';
import { EXPERIMENT_STATUSES, type ExperimentStatus } from '../experiment';
import { validateEventDate } from './status-transitions';
import { fieldPath } from '../import/fields';

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
