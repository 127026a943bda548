import { createHash } from 'node:crypto';
import { badInput, DomainError } from './errors';

/** Longest accepted idempotency key. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** How long a key is kept at least (24 hours, README "Safe writes"); rows are purged after twice that. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

/**
 * Checks a client's idempotency key: 1 to 200 printable ASCII characters (a UUID is typical).
 * @throws DomainError BAD_USER_INPUT naming `idempotencyKey`.
 */
export function validateIdempotencyKey(key: string): string {
  if (key.length < 1 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key)) {
    throw badInput(
      'idempotencyKey',
      key,
      `1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters without spaces (e.g. a UUID)`,
    );
  }
  return key;
}

/** JSON with object keys sorted at every level, so equal inputs give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .filter(([, x]) => x !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    }
    return v;
  });
}

/**
 * The fingerprint a key is bound to: the operation and its arguments (the key itself excluded).
 * @example requestFingerprint('recordDecision', { input: { kind: 'SHIP' } }) === requestFingerprint('recordDecision', { input: { kind: 'SHIP' } })
 */
export function requestFingerprint(operation: string, args: unknown): string {
  return createHash('sha256').update(operation).update('\u0000').update(canonicalJson(args)).digest('hex');
}

/**
 * CONFLICT, reason IDEMPOTENCY_KEY_REUSED: the key was used before with another operation or input.
 */
export function idempotencyKeyReused(key: string, firstOperation: string): DomainError {
  return new DomainError(
    'CONFLICT',
    `Idempotency key ${JSON.stringify(key)} was already used by ${firstOperation} with a different input; use a new key for a new request`,
    {
      reason: 'IDEMPOTENCY_KEY_REUSED',
      details: {
        field: 'idempotencyKey',
        value: key,
        allowed: 'the same operation and input as its first use, or a new key',
      },
    },
  );
}

/** Dates survive the round trip through the stored JSON response (tagged, then revived). */
export function encodeResponse(value: unknown): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : v;
  });
}

export function decodeResponse(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) =>
    v && typeof v === 'object' && '$date' in v && Object.keys(v).length === 1
      ? new Date((v as { $date: string }).$date)
      : v,
  );
}
