import { DomainError } from './errors';

/**
 * CONFLICT, reason VERSION_MISMATCH (README "Safe writes"): the update was sent with an `expectedVersion`
 * that is no longer the record's version; `extensions.currentVersion` carries the current one.
 * @example versionMismatch('input.expectedVersion', 3, 4).details.currentVersion // 4
 */
export function versionMismatch(field: string, expected: number, current: number): DomainError {
  return new DomainError(
    'CONFLICT',
    `Stale ${field}: expected version ${expected}, but the record is at version ${current}; re-read it and retry`,
    {
      reason: 'VERSION_MISMATCH',
      details: { field, value: String(expected), allowed: `the current version ${current}`, currentVersion: current },
    },
  );
}
