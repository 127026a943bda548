import { badInput } from '../errors';
import { MAX_KEY_LENGTH } from './field-limits';

/**
 * Format of every key (org nodes, experiments, metrics, variants): starts with a letter or digit,
 * then letters, digits and `. _ : / -`, at most MAX_KEY_LENGTH characters. The `*_key_format` CHECK
 * constraints enforce the same pattern (test/integration/db/field-limits.int.test.ts), so that
 * clients get a precise message before SQL runs.
 */
export const KEY_PATTERN = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._:/-]{0,${MAX_KEY_LENGTH - 1}}$`);

/** What KEY_PATTERN allows, in words, for error messages. */
export const KEY_FORMAT_DESCRIPTION = `a key of 1-${MAX_KEY_LENGTH} characters: letters, digits and . _ : / -, starting with a letter or digit`;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks a key's format and returns it unchanged.
 * @throws DomainError BAD_USER_INPUT when the key does not match KEY_PATTERN.
 * @example validateKey('input.key', 'checkout-v2') // 'checkout-v2'
 */
export function validateKey(field: string, value: string): string {
  if (!KEY_PATTERN.test(value)) throw badInput(field, value, KEY_FORMAT_DESCRIPTION);
  return value;
}

/** True when `value` is a UUID in canonical text form (any version). */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/**
 * Checks that an id is a UUID, so that a malformed id becomes BAD_USER_INPUT instead of a database
 * type error.
 * @throws DomainError BAD_USER_INPUT when it is not a UUID.
 * @example validateUuid('input.id', 'abc') // throws: Invalid input.id: got "abc", expected a UUID
 */
export function validateUuid(field: string, value: string): string {
  if (!isUuid(value)) throw badInput(field, value, 'a UUID');
  return value;
}

/**
 * Resolves an "id or key" pair of input fields: exactly one must be given (or neither, when the
 * reference is optional).
 * @throws DomainError BAD_USER_INPUT when both are given, or neither while required.
 */
export function pickReference(
  field: { id: string; key: string },
  value: { id?: string | null; key?: string | null },
  required: boolean,
): { id: string } | { key: string } | undefined {
  const { id, key } = value;
  const hasId = id !== undefined && id !== null;
  const hasKey = key !== undefined && key !== null;
  if (hasId && hasKey) throw badInput(field.id, id, `either ${field.id} or ${field.key}, not both`);
  if (hasId) return { id: validateUuid(field.id, id) };
  if (hasKey) return { key };
  if (required) throw badInput(field.id, null, `${field.id} or ${field.key}`);
  return undefined;
}
