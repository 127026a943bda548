import { DomainError } from '../../../../src/domain/errors';
import { EXPERIMENT_STATUSES } from '../../../../src/domain/experiment';
import {
  ALLOWED_TRANSITIONS,
  hasReached,
  type Lifecycle,
  LIFECYCLE_DATES,
  type LifecycleDraft,
  planImportLifecycle,
  planStatusTransition,
} from '../../../../src/domain/rules/lifecycle-plan';

const NOW = new Date('2026-01-01T00:00:00Z');
const d = (day: string) => new Date(`2025-${day}T00:00:00Z`);
const none: LifecycleDraft = { status: undefined, startedAt: undefined, endedAt: undefined, concludedAt: undefined };
const stored = (
  status: Lifecycle['status'],
  startedAt: Date | null = null,
  endedAt: Date | null = null,
  concludedAt: Date | null = null,
): Lifecycle => ({ status, startedAt, endedAt, concludedAt });

function refusal(run: () => unknown): { field?: string; reason?: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { field: error.details.field, reason: error.reason };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('planImportLifecycle', () => {
  it('makes a new experiment without status a DRAFT without dates', () => {
    expect(planImportLifecycle('items[0]', null, none, NOW)).toEqual({
      status: 'DRAFT',
      startedAt: null,
      endedAt: null,
      concludedAt: null,
    });
  });

  it('lets a new experiment arrive CONCLUDED with its three dates', () => {
    const draft = { status: 'CONCLUDED' as const, startedAt: d('01-01'), endedAt: d('01-15'), concludedAt: d('01-20') };
    expect(planImportLifecycle('', null, draft, NOW)).toEqual(draft);
  });

  it('moves a stored experiment several steps forward, keeping its stored dates when omitted', () => {
    const plan = planImportLifecycle(
      '',
      stored('RUNNING', d('01-01')),
      { ...none, status: 'ARCHIVED', endedAt: d('02-01'), concludedAt: d('02-02') },
      NOW,
    );
    expect(plan).toEqual({ status: 'ARCHIVED', startedAt: d('01-01'), endedAt: d('02-01'), concludedAt: d('02-02') });
  });

  it('keeps status and dates when the item gives neither', () => {
    expect(planImportLifecycle('', stored('STOPPED', d('01-01'), d('01-10')), none, NOW)).toEqual(
      stored('STOPPED', d('01-01'), d('01-10')),
    );
  });

  it.each([
    [
      'a move back',
      stored('CONCLUDED', d('01-01'), d('01-02'), d('01-03')),
      { ...none, status: 'RUNNING' as const, endedAt: null, concludedAt: null },
      'items[1].status',
      'INVALID_STATUS_TRANSITION',
    ],
    ['a missing start date', null, { ...none, status: 'RUNNING' as const }, 'items[1].startedAt', 'INVALID_VALUE'],
    [
      'an end date on a RUNNING experiment',
      null,
      { ...none, status: 'RUNNING' as const, startedAt: d('01-01'), endedAt: d('01-02') },
      'items[1].endedAt',
      'INVALID_VALUE',
    ],
    [
      'an end before the start',
      null,
      { ...none, status: 'STOPPED' as const, startedAt: d('01-05'), endedAt: d('01-02') },
      'items[1].endedAt',
      'INVALID_VALUE',
    ],
    [
      'a date in the future',
      null,
      { ...none, status: 'RUNNING' as const, startedAt: new Date('2026-02-01T00:00:00Z') },
      'items[1].startedAt',
      'INVALID_VALUE',
    ],
    [
      'a changed stored date',
      stored('RUNNING', d('01-01')),
      { ...none, startedAt: d('01-02') },
      'items[1].startedAt',
      'INVALID_VALUE',
    ],
  ])('refuses %s, naming the field', (_name, current, draft, field, reason) => {
    expect(refusal(() => planImportLifecycle('items[1]', current, draft, NOW))).toEqual({ field, reason });
  });
});

describe('hasReached', () => {
  it.each([
    ['DRAFT', 'DRAFT', true],
    ['DRAFT', 'RUNNING', false],
    ['CONCLUDED', 'RUNNING', true],
    ['ARCHIVED', 'DRAFT', true],
    ['STOPPED', 'ARCHIVED', false],
  ] as const)('says %s has reached %s: %p', (status, milestone, expected) => {
    expect(hasReached(status, milestone)).toBe(expected);
  });
});

describe('LIFECYCLE_DATES', () => {
  it('names each date once, each set by a status ALLOWED_TRANSITIONS leads to, in lifecycle order', () => {
    const setBy = LIFECYCLE_DATES.map((date) => date.setBy);
    expect(new Set(LIFECYCLE_DATES.map((date) => date.name)).size).toBe(LIFECYCLE_DATES.length);
    for (const [i, status] of setBy.entries()) {
      expect(hasReached(status, 'DRAFT')).toBe(true);
      if (i > 0) expect(hasReached(status, setBy[i - 1]!)).toBe(true);
    }
  });
});

describe('planStatusTransition and planImportLifecycle', () => {
  const at = d('03-01');
  const storedAt: Record<Lifecycle['status'], Lifecycle> = {
    DRAFT: stored('DRAFT'),
    RUNNING: stored('RUNNING', d('01-01')),
    STOPPED: stored('STOPPED', d('01-01'), d('02-01')),
    CONCLUDED: stored('CONCLUDED', d('01-01'), d('02-01'), d('02-15')),
    ARCHIVED: stored('ARCHIVED', d('01-01'), d('02-01'), d('02-15')),
  };
  const steps = EXPERIMENT_STATUSES.flatMap((from) => ALLOWED_TRANSITIONS[from].map((to) => [from, to] as const));

  it.each(steps)('agree on where a step %s -> %s leads', (from, to) => {
    const current = storedAt[from];
    const step = planStatusTransition({ from, to, at, now: NOW, ...current });
    const { to: status, locksHypotheses: _locks, ...set } = step;
    const after = { ...current, status, ...set };
    expect(planImportLifecycle('', current, { ...none, status, ...set }, NOW)).toEqual(after);
  });

  it.each(steps.filter(([from, to]) => from !== 'DRAFT' && to !== 'ARCHIVED'))(
    'agree that a step %s -> %s may not precede the last date',
    (from, to) => {
      const current = storedAt[from];
      const last = [current.concludedAt, current.endedAt, current.startedAt].find((date) => date !== null)!;
      const before = new Date(last.getTime() - 1);
      const date = LIFECYCLE_DATES.find((entry) => entry.setBy === to)!.name;
      expect(refusal(() => planStatusTransition({ from, to, at: before, now: NOW, ...current }))).toEqual({
        field: 'input.at',
        reason: 'INVALID_VALUE',
      });
      expect(refusal(() => planImportLifecycle('', current, { ...none, status: to, [date]: before }, NOW))).toEqual({
        field: date,
        reason: 'INVALID_VALUE',
      });
    },
  );
});
