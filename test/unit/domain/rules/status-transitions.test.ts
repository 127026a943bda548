import { DomainError } from '../../../../src/domain/errors';
import { EXPERIMENT_STATUSES, type ExperimentStatus } from '../../../../src/domain/experiment';
import {
  ALLOWED_TRANSITIONS,
  planStatusTransition,
  validateEventDate,
} from '../../../../src/domain/rules/lifecycle-plan';

const now = new Date('2025-06-01T00:00:00Z');
const d = (iso: string) => new Date(iso);
const dates = {
  startedAt: d('2025-01-01T00:00:00Z'),
  endedAt: d('2025-02-01T00:00:00Z'),
  concludedAt: d('2025-03-01T00:00:00Z'),
};
const plan = (from: ExperimentStatus, to: ExperimentStatus, at: Date | null = null) =>
  planStatusTransition({ from, to, at, now, ...dates });

describe('planStatusTransition', () => {
  it.each([
    ['DRAFT', 'RUNNING', { to: 'RUNNING', startedAt: d('2025-05-01T00:00:00Z'), locksHypotheses: true }],
    ['RUNNING', 'STOPPED', { to: 'STOPPED', endedAt: d('2025-05-01T00:00:00Z'), locksHypotheses: false }],
    ['STOPPED', 'CONCLUDED', { to: 'CONCLUDED', concludedAt: d('2025-05-01T00:00:00Z'), locksHypotheses: false }],
    ['CONCLUDED', 'ARCHIVED', { to: 'ARCHIVED', locksHypotheses: false }],
  ] as const)('allows %s -> %s and sets the implied date', (from, to, expected) => {
    expect(plan(from, to, d('2025-05-01T00:00:00Z'))).toEqual(expected);
  });

  it('defaults the date to now', () => {
    expect(plan('DRAFT', 'RUNNING')).toEqual({ to: 'RUNNING', startedAt: now, locksHypotheses: true });
  });

  const forbidden = EXPERIMENT_STATUSES.flatMap((from) =>
    EXPERIMENT_STATUSES.filter((to) => !ALLOWED_TRANSITIONS[from].includes(to)).map((to) => [from, to] as const),
  );
  it.each(forbidden)('refuses %s -> %s with INVALID_STATUS_TRANSITION naming the allowed targets', (from, to) => {
    expect(() => plan(from, to)).toThrow(DomainError);
    try {
      plan(from, to);
    } catch (e) {
      const error = e as DomainError;
      expect(error.reason).toBe('INVALID_STATUS_TRANSITION');
      expect(error.message).toContain(`from ${from} to ${to}`);
      expect(error.message).toContain(ALLOWED_TRANSITIONS[from][0] ?? 'ARCHIVED is final');
    }
  });

  it.each([
    ['RUNNING', 'STOPPED', '2024-12-31T00:00:00Z', 'startedAt'],
    ['STOPPED', 'CONCLUDED', '2025-01-15T00:00:00Z', 'endedAt'],
    ['CONCLUDED', 'ARCHIVED', '2025-02-15T00:00:00Z', 'concludedAt'],
  ] as const)('refuses %s -> %s dated before the previous date (%s)', (from, to, at, previous) => {
    expect(() => plan(from, to, d(at))).toThrow(previous);
  });

  it('refuses a date in the future beyond the clock tolerance', () => {
    expect(() => plan('DRAFT', 'RUNNING', d('2025-06-02T00:00:00Z'))).toThrow('not in the future');
  });
});

describe('validateEventDate', () => {
  it.each([
    ['an invalid date', new Date('nope'), 'years 0001 to 9999'],
    ['a date in year 0000 (stored as 1 BC)', new Date('0000-06-01T00:00:00Z'), 'years 0001 to 9999'],
    ['a date after now + 5 minutes', new Date(now.getTime() + 6 * 60_000), 'future'],
  ])('refuses %s', (_label, at, message) => {
    expect(() => validateEventDate('input.at', at, now)).toThrow(message);
  });

  it('accepts a date a little after now (clock skew)', () => {
    const at = new Date(now.getTime() + 60_000);
    expect(validateEventDate('input.at', at, now)).toBe(at);
  });
});
