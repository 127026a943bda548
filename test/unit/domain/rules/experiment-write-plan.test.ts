import { DomainError } from '../../../../src/domain/errors';
import type { Experiment } from '../../../../src/domain/experiment';
import { EXPERIMENT_DEFAULTS } from '../../../../src/domain/rules/experiment-settings';
import {
  beginExperimentWrite,
  changedLifecycle,
  LIFECYCLE_FIELDS,
  type LifecycleChange,
  planExperimentWrite,
} from '../../../../src/domain/rules/experiment-write-plan';
import type { LifecycleDraft } from '../../../../src/domain/rules/lifecycle-plan';

const NOW = new Date('2026-01-01T00:00:00Z');
const d = (day: string) => new Date(`2025-${day}T00:00:00Z`);
const KEEP: LifecycleChange = { kind: 'KEEP' };
const none: LifecycleDraft = { status: undefined, startedAt: undefined, endedAt: undefined, concludedAt: undefined };
const report = (draft: Partial<LifecycleDraft> = {}): LifecycleChange => ({
  kind: 'REPORT',
  draft: { ...none, ...draft },
});

const DRAFT: Experiment = {
  ...EXPERIMENT_DEFAULTS,
  id: 'experiment-1',
  key: 'exp-1',
  title: 'Stored',
  ownerNodeId: 'node-1',
  countsTowardEwl: true,
  status: 'DRAFT',
  startedAt: null,
  endedAt: null,
  concludedAt: null,
  plannedSampleSize: null,
  plannedRuntimeDays: null,
  surface: null,
  restartOfId: null,
  externalSource: null,
  externalId: null,
  createdAt: d('01-01'),
  updatedAt: d('01-01'),
  version: 1,
};
const RUNNING: Experiment = { ...DRAFT, status: 'RUNNING', startedAt: d('02-01') };
const ARCHIVED: Experiment = {
  ...DRAFT,
  status: 'ARCHIVED',
  startedAt: d('02-01'),
  endedAt: d('03-01'),
  concludedAt: d('04-01'),
};

function refusal(run: () => unknown): { code: string; reason?: string; field?: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, reason: error.reason, field: error.details.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('beginExperimentWrite', () => {
  it('makes a new experiment a DRAFT without dates, every lifecycle column written', () => {
    expect(beginExperimentWrite('input', null, KEEP, NOW).lifecycle).toEqual({
      status: 'DRAFT',
      startedAt: null,
      endedAt: null,
      concludedAt: null,
      changed: LIFECYCLE_FIELDS,
      locksHypothesesAt: null,
    });
  });

  it('keeps the status and dates of an update', () => {
    expect(beginExperimentWrite('input', RUNNING, KEEP, NOW).lifecycle).toEqual({
      status: 'RUNNING',
      startedAt: d('02-01'),
      endedAt: null,
      concludedAt: null,
      changed: [],
      locksHypothesesAt: null,
    });
  });

  it('refuses an update of an ARCHIVED experiment before its input is read, naming the base', () => {
    expect(refusal(() => beginExperimentWrite('input', ARCHIVED, KEEP, NOW))).toEqual({
      code: 'CONFLICT',
      reason: 'EXPERIMENT_NOT_EDITABLE',
      field: 'input',
    });
  });

  it('starts a DRAFT one step, at now by default, locking its hypotheses at the start date', () => {
    const { lifecycle } = beginExperimentWrite('input', DRAFT, { kind: 'STEP', to: 'RUNNING', at: null }, NOW);
    expect(lifecycle).toMatchObject({ status: 'RUNNING', startedAt: NOW, locksHypothesesAt: NOW });
    expect(changedLifecycle(lifecycle)).toEqual({ status: 'RUNNING', startedAt: NOW });
  });

  it('stops a RUNNING experiment at the given date without locking anything', () => {
    const at = d('03-01');
    const { lifecycle } = beginExperimentWrite('input', RUNNING, { kind: 'STEP', to: 'STOPPED', at }, NOW);
    expect(changedLifecycle(lifecycle)).toEqual({ status: 'STOPPED', endedAt: at });
    expect(lifecycle.locksHypothesesAt).toBeNull();
  });

  it('refuses a step from ARCHIVED as a status transition (ARCHIVED is final), not as a read-only experiment', () => {
    const step: LifecycleChange = { kind: 'STEP', to: 'RUNNING', at: null };
    expect(refusal(() => beginExperimentWrite('input', ARCHIVED, step, NOW))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_STATUS_TRANSITION',
      field: 'input.to',
    });
  });

  it('lets a report move a stored DRAFT several steps, locking its hypotheses at the reported start', () => {
    const change = report({ status: 'STOPPED', startedAt: d('02-01'), endedAt: d('03-01') });
    const { lifecycle } = beginExperimentWrite('items[0]', DRAFT, change, NOW);
    expect(lifecycle.changed).toEqual(['status', 'startedAt', 'endedAt']);
    expect(lifecycle.locksHypothesesAt).toEqual(d('02-01'));
  });

  it('locks nothing for a new experiment reported as started (its hypotheses are written locked)', () => {
    const change = report({ status: 'RUNNING', startedAt: d('02-01') });
    expect(beginExperimentWrite('items[0]', null, change, NOW).lifecycle.locksHypothesesAt).toBeNull();
  });

  it('leaves an unchanged report of an ARCHIVED experiment to the import, which refuses only a change', () => {
    expect(beginExperimentWrite('items[0]', ARCHIVED, report(), NOW).lifecycle.changed).toEqual([]);
  });

  it('names the item in a report that moves back', () => {
    expect(refusal(() => beginExperimentWrite('items[2]', RUNNING, report({ status: 'DRAFT' }), NOW))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_STATUS_TRANSITION',
      field: 'items[2].status',
    });
  });
});

describe('planExperimentWrite', () => {
  it('plans a create with the defaults, next to its lifecycle', () => {
    const plan = planExperimentWrite(beginExperimentWrite('input', null, KEEP, NOW), {
      title: 'New',
      ownerNodeId: 'node-1',
    });
    expect(plan.attributes.alpha).toBe(EXPERIMENT_DEFAULTS.alpha);
    expect(plan.lifecycle.status).toBe('DRAFT');
  });

  it('changes the design of a DRAFT', () => {
    const plan = planExperimentWrite(beginExperimentWrite('input', DRAFT, KEEP, NOW), { alpha: 0.1 });
    expect(plan.changed).toEqual(['alpha']);
  });

  it('refuses a design change of a started experiment with DESIGN_LOCKED naming the field', () => {
    const start = beginExperimentWrite('input', RUNNING, KEEP, NOW);
    expect(refusal(() => planExperimentWrite(start, { alpha: 0.1 }))).toEqual({
      code: 'CONFLICT',
      reason: 'DESIGN_LOCKED',
      field: 'input.alpha',
    });
  });

  it('accepts descriptive changes and resent design values of a started experiment', () => {
    const start = beginExperimentWrite('input', RUNNING, KEEP, NOW);
    expect(planExperimentWrite(start, { title: 'Renamed', alpha: RUNNING.alpha }).changed).toEqual(['title']);
  });

  it('checks the design lock against the stored status, so a report may start a DRAFT with a new design', () => {
    const start = beginExperimentWrite('items[0]', DRAFT, report({ status: 'RUNNING', startedAt: d('02-01') }), NOW);
    const plan = planExperimentWrite(start, { alpha: 0.1 });
    expect(plan.changed).toEqual(['alpha']);
    expect(plan.lifecycle.status).toBe('RUNNING');
  });

  it('changes no attribute on a transition', () => {
    const start = beginExperimentWrite('input', RUNNING, { kind: 'STEP', to: 'STOPPED', at: null }, NOW);
    const plan = planExperimentWrite(start, {});
    expect(plan.changed).toEqual([]);
    expect(plan.designChange).toBeNull();
  });
});
