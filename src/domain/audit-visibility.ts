import { scopesGrant } from './api-scopes';
import { type Principal, principalScopes } from './principal';

/** The fields of an audit entry that tell who wrote it and with which idempotency key. */
export interface AuditAttribution {
  readonly principalKind: string;
  readonly apiKeyId: string | null;
  readonly apiKeyName: string | null;
  readonly idempotencyKey: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

const NO_RUNS: ReadonlySet<string> = new Set();

/** The run an experiment snapshot (`{ experiment: { restart_of_id } }`) restarts, if any. */
export function restartOfIdIn(snapshot: unknown): string | null {
  const row = (snapshot as { experiment?: { restart_of_id?: unknown } } | null)?.experiment;
  return typeof row?.restart_of_id === 'string' ? row.restart_of_id : null;
}

/** The snapshot with its restarted run's id nulled when that run is one of `hiddenRuns`. */
function withVisibleRun(snapshot: unknown, hiddenRuns: ReadonlySet<string>): unknown {
  const run = restartOfIdIn(snapshot);
  if (run === null || !hiddenRuns.has(run)) return snapshot;
  const s = snapshot as { experiment: Record<string, unknown> };
  return { ...s, experiment: { ...s.experiment, restart_of_id: null } };
}

/**
 * Whether the principal may read `Experiment.history` at all: anonymous readers may not (the
 * field answers null for them); refused credentials never reach a field.
 * @example mayReadHistory({ kind: 'ANONYMOUS' }) // false
 */
export function mayReadHistory(principal: Principal): boolean {
  return principal.kind === 'API_KEY' || principal.kind === 'INTERNAL';
}

/**
 * An audit entry as the principal may see it in `Experiment.history`:
 * - a key with `admin` (and in-process callers) sees every entry whole;
 * - any other key sees its own entries whole, and in entries written by another API key neither
 *   that key's name nor the idempotency key it sent (both null). The writing key's id stays, so
 *   that entries by one key can still be told apart; names of in-process writers (`seed`, scripts)
 *   are not credentials and stay.
 * - in the states before and after, the run an experiment restarts is null when it is one of
 *   `hiddenRuns` (runs outside the key's org subtree, as `Experiment.restartOfId` answers).
 * The `auditLog` root field needs `admin`, so it always shows entries whole.
 * @returns the entry itself when nothing is hidden, else a copy.
 * @example auditEntryFor(readerKey, { principalKind: 'API_KEY', apiKeyId: 'other', apiKeyName: 'ci bot', idempotencyKey: 'k1' })
 * // { principalKind: 'API_KEY', apiKeyId: 'other', apiKeyName: null, idempotencyKey: null }
 */
export function auditEntryFor<T extends AuditAttribution>(
  principal: Principal,
  entry: T,
  hiddenRuns: ReadonlySet<string> = NO_RUNS,
): T {
  if (scopesGrant(principalScopes(principal), 'admin')) return entry;
  const states =
    hiddenRuns.size === 0
      ? entry
      : { ...entry, before: withVisibleRun(entry.before, hiddenRuns), after: withVisibleRun(entry.after, hiddenRuns) };
  if (principal.kind === 'API_KEY' && entry.apiKeyId === principal.keyId) return states;
  if (entry.idempotencyKey === null && (entry.apiKeyName === null || entry.principalKind !== 'API_KEY')) return states;
  return { ...states, apiKeyName: entry.principalKind === 'API_KEY' ? null : entry.apiKeyName, idempotencyKey: null };
}
