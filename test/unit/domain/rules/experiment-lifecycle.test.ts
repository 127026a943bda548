import { DomainError } from '../../../../src/domain/errors';
import { EXPERIMENT_STATUSES, type ExperimentStatus } from '../../../../src/domain/experiment';
import {
  assertAcceptsResults,
  assertDesignEditable,
  assertHypothesisEditable,
  assertNotArchived,
} from '../../../../src/domain/rules/experiment-lifecycle';

function outcome(fn: () => void): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return `${(e as DomainError).code}:${(e as DomainError).reason}`;
  }
}

const table = (allowed: readonly ExperimentStatus[], refusal: string) =>
  EXPERIMENT_STATUSES.map((s) => [s, allowed.includes(s) ? 'ok' : refusal] as const);

describe('experiment lifecycle permissions', () => {
  it.each(table(['DRAFT', 'RUNNING'], 'CONFLICT:EXPERIMENT_NOT_EDITABLE'))(
    'assertDesignEditable on %s -> %s',
    (status, expected) => {
      expect(outcome(() => assertDesignEditable(status, 'input.alpha'))).toBe(expected);
    },
  );

  it.each(table(['RUNNING', 'STOPPED', 'CONCLUDED'], 'CONFLICT:EXPERIMENT_NOT_EDITABLE'))(
    'assertAcceptsResults on %s -> %s',
    (status, expected) => {
      expect(outcome(() => assertAcceptsResults(status, 'input.experimentId'))).toBe(expected);
    },
  );

  it.each(table(['DRAFT', 'RUNNING', 'STOPPED', 'CONCLUDED'], 'CONFLICT:EXPERIMENT_NOT_EDITABLE'))(
    'assertNotArchived on %s -> %s',
    (status, expected) => {
      expect(outcome(() => assertNotArchived(status, 'input'))).toBe(expected);
    },
  );

  it.each(table(['DRAFT'], 'CONFLICT:HYPOTHESIS_LOCKED'))(
    'assertHypothesisEditable (unlocked) on %s -> %s',
    (status, expected) => {
      expect(outcome(() => assertHypothesisEditable(status, null, 'input.id'))).toBe(expected);
    },
  );

  it('refuses a locked hypothesis even on a DRAFT experiment', () => {
    expect(outcome(() => assertHypothesisEditable('DRAFT', new Date('2025-01-01T00:00:00Z'), 'input.id'))).toBe(
      'CONFLICT:HYPOTHESIS_LOCKED',
    );
  });
});
