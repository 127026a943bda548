/** The small fixed set of error codes the API returns (README, "A short tour of the schema"). */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED';

/**
 * A specific, machine-readable cause that refines the code, for clients that branch on it.
 * Kept as an open string union so each module can add its own reasons without touching this file's callers.
 */
export type ErrorReason =
  | 'INVALID_VALUE'
  | 'UNKNOWN_ID'
  | 'DUPLICATE_KEY'
  | 'ORG_CYCLE'
  | 'TWO_CONTROLS'
  | 'NO_CONTROL'
  | 'INVALID_STATUS_TRANSITION'
  | 'HYPOTHESIS_LOCKED'
  | 'EXPERIMENT_NOT_EDITABLE'
  | 'INCONSISTENT_STATISTICS'
  | 'METRIC_IN_USE'
  // Pre-registration (docs/pre-registration.md): a started experiment's design changes only by amendment.
  | 'DESIGN_LOCKED'
  | 'DESIGN_NOT_LOCKED'
  | 'NODE_HAS_CHILDREN'
  | 'REFERENCED'
  // Access (README "Access"): UNAUTHENTICATED and FORBIDDEN reasons.
  | 'MISSING_API_KEY'
  | 'INVALID_API_KEY'
  | 'REVOKED_API_KEY'
  | 'EXPIRED_API_KEY'
  | 'MISSING_SCOPE'
  | 'OUTSIDE_KEY_SUBTREE'
  | 'UNREGISTERED_FIELD'
  | (string & { readonly __brand?: 'ErrorReason' });

/** Structured detail about the offending input, returned to clients in `extensions`. */
export interface ErrorDetails {
  /** Path of the field in the input, e.g. `input.variants[1].plannedWeight`. */
  readonly field?: string;
  /** The rejected value (already truncated for display). */
  readonly value?: string;
  /** What would have been accepted, e.g. `one of DRAFT, RUNNING` or `> 0`. */
  readonly allowed?: string;
  /** On VERSION_MISMATCH: the record's current version, to re-read and retry with. */
  readonly currentVersion?: number;
}

/**
 * An expected failure with a code the client can act on. It is the only error type whose
 * message reaches clients; everything else is masked by the GraphQL layer.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly reason: ErrorReason | undefined;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, options: { reason?: ErrorReason; details?: ErrorDetails } = {}) {
    super(message);
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'DomainError';
    this.code = code;
    this.reason = options.reason;
    this.details = options.details ?? {};
  }
}

/** Renders a value for an error message, truncated so that huge inputs do not flood logs or clients. */
export function displayValue(value: unknown, maxLength = 60): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/**
 * A `BAD_USER_INPUT` error whose message names the field, the bad value and what is allowed.
 * @example badInput('input.first', 500, 'an integer from 1 to 100').message
 * // 'Invalid input.first: got 500, expected an integer from 1 to 100'
 */
export function badInput(
  field: string,
  value: unknown,
  allowed: string,
  reason: ErrorReason = 'INVALID_VALUE',
): DomainError {
  const shown = displayValue(value);
  return new DomainError('BAD_USER_INPUT', `Invalid ${field}: got ${shown}, expected ${allowed}`, {
    reason,
    details: { field, value: shown, allowed },
  });
}

/** A `NOT_FOUND` error for a reference by id or key. */
export function notFound(entity: string, field: string, value: unknown): DomainError {
  const shown = displayValue(value);
  return new DomainError('NOT_FOUND', `No ${entity} with ${field} ${shown}`, {
    reason: 'UNKNOWN_ID',
    details: { field, value: shown },
  });
}

/** Exhaustiveness guard for `switch` over unions. */
export function assertNever(value: never): never {
  throw new Error(`Unreachable case: ${JSON.stringify(value)}`);
}
