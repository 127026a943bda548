import { DomainError } from '../errors';
import type { ExperimentStatus } from '../experiment';

/**
 * What each status allows to be written (documented in the mutations' descriptions):
 * - statistical design (alpha, power, modes, planned size/runtime, randomisation unit, variants,
 *   metrics): while DRAFT or RUNNING; after that the analysis must stay reproducible;
 * - descriptive fields (title, description, owner, kind, tags, links): any status but ARCHIVED;
 * - results and reported health checks: see RESULT_STATUSES and HEALTH_CHECK_STATUSES;
 * - decisions: any status but ARCHIVED (ABANDON of a DRAFT is a real decision);
 * - ARCHIVED experiments are read-only.
 */
export const DESIGN_EDITABLE_STATUSES: readonly ExperimentStatus[] = ['DRAFT', 'RUNNING'];

/** Results are accepted once traffic has started and until the experiment is archived. */
export const RESULT_STATUSES: readonly ExperimentStatus[] = ['RUNNING', 'STOPPED', 'CONCLUDED'];

function notEditable(
  field: string,
  status: ExperimentStatus,
  allowed: readonly ExperimentStatus[],
  what: string,
): DomainError {
  return new DomainError(
    'CONFLICT',
    `Cannot change ${what} of a ${status} experiment (${field}); allowed while ${allowed.join(' or ')}`,
    {
      reason: 'EXPERIMENT_NOT_EDITABLE',
      details: { field, value: status, allowed: allowed.join(', ') },
    },
  );
}

/**
 * @throws DomainError CONFLICT, reason EXPERIMENT_NOT_EDITABLE, unless the status is DRAFT or RUNNING.
 */
export function assertDesignEditable(status: ExperimentStatus, field: string): void {
  if (!DESIGN_EDITABLE_STATUSES.includes(status))
    throw notEditable(field, status, DESIGN_EDITABLE_STATUSES, 'the statistical design');
}

/** @throws DomainError CONFLICT, reason EXPERIMENT_NOT_EDITABLE, for an ARCHIVED experiment. */
export function assertNotArchived(status: ExperimentStatus, field: string): void {
  const allowed: ExperimentStatus[] = ['DRAFT', 'RUNNING', 'STOPPED', 'CONCLUDED'];
  if (status === 'ARCHIVED') throw notEditable(field, status, allowed, 'anything');
}

/** @throws DomainError CONFLICT, reason EXPERIMENT_NOT_EDITABLE, unless results are accepted in this status. */
export function assertAcceptsResults(status: ExperimentStatus, field: string): void {
  if (!RESULT_STATUSES.includes(status)) throw notEditable(field, status, RESULT_STATUSES, 'the results');
}

/**
 * Hypotheses lock when the experiment starts (docs/ewl-rules.md §2.3). Edits after the lock are refused rather
 * than versioned: the pre-registered statement must stay as it was.
 * @throws DomainError CONFLICT, reason HYPOTHESIS_LOCKED, when `lockedAt` is set or the experiment left DRAFT.
 */
export function assertHypothesisEditable(status: ExperimentStatus, lockedAt: Date | null, field: string): void {
  if (lockedAt !== null || status !== 'DRAFT') {
    const since = lockedAt ? ` since ${lockedAt.toISOString()}` : '';
    throw new DomainError(
      'CONFLICT',
      `Hypotheses are locked${since} because the experiment is ${status}; they can only be written while DRAFT (${field})`,
      {
        reason: 'HYPOTHESIS_LOCKED',
        details: { field, value: status, allowed: 'DRAFT' },
      },
    );
  }
}
