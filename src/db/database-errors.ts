import { DomainError } from '../domain/errors';

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
}

/**
 * Constraint names from `migrations/` and the client-facing error each one means. Write paths
 * validate first and give precise messages; this mapping is the safety net for races (two writers
 * inserting the same key) and keeps table and constraint names out of responses.
 */
const CONSTRAINT_ERRORS: Record<string, () => DomainError> = {
  org_node_key_uq: () => conflict('An org node with this key already exists', 'input.key'),
  experiment_key_uq: () => conflict('An experiment with this key already exists', 'input.key'),
  experiment_external_uq: () =>
    conflict('An experiment with this externalSource and externalId already exists', 'input.externalId'),
  metric_key_uq: () => conflict('A metric with this key already exists', 'input.key'),
  variant_key_uq: () => conflict('Variant keys must be unique within an experiment', 'input.variants'),
  variant_one_control_uq: () =>
    new DomainError('BAD_USER_INPUT', 'An experiment must have exactly one control variant', {
      reason: 'TWO_CONTROLS',
      details: { field: 'input.variants', allowed: 'exactly one variant with isControl: true' },
    }),
  decision_current_uq: () =>
    new DomainError('CONFLICT', 'Another decision was recorded at the same time; retry', {
      reason: 'CONCURRENT_WRITE',
    }),
  experiment_metric_uq: () => conflict('A metric can be used only once per experiment', 'input.metrics'),
  org_node_closure_pkey: () =>
    new DomainError('CONFLICT', 'The organisation tree changed at the same time; retry', {
      reason: 'CONCURRENT_WRITE',
    }),
};

function conflict(message: string, field: string): DomainError {
  return new DomainError('CONFLICT', message, { reason: 'DUPLICATE_KEY', details: { field } });
}

/** Maps a PostgreSQL error to a `DomainError`, or returns `undefined` when it is not a known client error. */
export function translateDatabaseError(error: unknown): DomainError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const pg = ((error as { driverError?: PgError }).driverError ?? error) as PgError;
  if (pg.code === '23505' || pg.code === '23514' || pg.code === '23503') {
    const make = pg.constraint ? CONSTRAINT_ERRORS[pg.constraint] : undefined;
    if (make) return make();
  }
  // Input PostgreSQL cannot hold, should a value get past the checks before SQL (nul-text.ts,
  // instant-range.ts): NUL in text (22021) or JSON (22P05), a date/time out of its range (22008).
  if (pg.code === '22021' || pg.code === '22P05') {
    return new DomainError('BAD_USER_INPUT', 'Text may not contain NUL characters (\\u0000)', {
      reason: 'NUL_CHARACTER',
      details: { allowed: 'text without NUL characters' },
    });
  }
  if (pg.code === '22008') {
    return new DomainError('BAD_USER_INPUT', 'A date is outside years 0001 to 9999', {
      reason: 'DATE_OUT_OF_RANGE',
      details: { allowed: 'years 0001 to 9999' },
    });
  }
  if (pg.code === '40001' || pg.code === '40P01') {
    return new DomainError('CONFLICT', 'The write conflicted with a concurrent one; retry', {
      reason: 'CONCURRENT_WRITE',
    });
  }
  return undefined;
}
