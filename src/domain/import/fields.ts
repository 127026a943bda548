import { badInput, DomainError } from '../errors';
import { INSTANT_ALLOWED, instantRefusalReason, isInstantInRange, parseInstant } from '../rules/instant-range';

// Typed readers for one import item. The same item arrives either from GraphQL (already typed by
// the schema) or as a parsed NDJSON line (anything JSON can hold), so every field is checked here
// before the domain rules see it. Paths are built only when an error is raised: an import of
// 100,000 items reads about 30 fields each.

export type JsonObject = Readonly<Record<string, unknown>>;

/** `base.name`, or `name` alone when the item has no prefix (a CLI line). */
export function fieldPath(base: string, name: string): string {
  return base === '' ? name : `${base}.${name}`;
}

/** `base[index]`. */
export function indexPath(base: string, index: number): string {
  return `${base}[${index}]`;
}

/** @throws DomainError BAD_USER_INPUT unless `value` is a plain object. */
export function asObject(field: string, value: unknown): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) {
    throw badInput(field === '' ? 'item' : field, value, 'an object');
  }
  return value as JsonObject;
}

/** Refuses fields the item type does not have (a misspelt field must not be dropped silently). */
export function assertKnownFields(o: JsonObject, base: string, known: ReadonlySet<string>): void {
  for (const name in o) {
    if (!known.has(name) && o[name] !== undefined) {
      throw badInput(fieldPath(base, name), o[name], `one of the fields ${[...known].join(', ')}`, 'UNKNOWN_FIELD');
    }
  }
}

/** A string, or undefined when absent or null. */
export function optionalString(o: JsonObject, base: string, name: string): string | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badInput(fieldPath(base, name), v, 'a string');
  return v;
}

export function requiredString(o: JsonObject, base: string, name: string): string {
  const v = optionalString(o, base, name);
  if (v === undefined) throw badInput(fieldPath(base, name), null, 'a string (required)');
  return v;
}

/** A number, or undefined when absent or null (finiteness and ranges are the domain rules' job). */
export function optionalNumber(o: JsonObject, base: string, name: string): number | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number') throw badInput(fieldPath(base, name), v, 'a number');
  return v;
}

export function requiredNumber(o: JsonObject, base: string, name: string): number {
  const v = optionalNumber(o, base, name);
  if (v === undefined) throw badInput(fieldPath(base, name), null, 'a number (required)');
  return v;
}

/** A number, null (explicitly cleared) or undefined (absent). */
export function nullableNumber(o: JsonObject, base: string, name: string): number | null | undefined {
  return o[name] === null ? null : optionalNumber(o, base, name);
}

export function optionalBoolean(o: JsonObject, base: string, name: string): boolean | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw badInput(fieldPath(base, name), v, 'true or false');
  return v;
}

export function requiredBoolean(o: JsonObject, base: string, name: string): boolean {
  const v = optionalBoolean(o, base, name);
  if (v === undefined) throw badInput(fieldPath(base, name), null, 'true or false (required)');
  return v;
}

export function optionalEnum<T extends string>(
  o: JsonObject,
  base: string,
  name: string,
  values: readonly T[],
): T | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
    throw badInput(fieldPath(base, name), v, `one of ${values.join(', ')}`);
  return v as T;
}

export function requiredEnum<T extends string>(o: JsonObject, base: string, name: string, values: readonly T[]): T {
  const v = optionalEnum(o, base, name, values);
  if (v === undefined) throw badInput(fieldPath(base, name), null, `one of ${values.join(', ')} (required)`);
  return v;
}

/**
 * A Date (GraphQL) or an RFC 3339 date-time string (NDJSON), both in years 0001-9999 as the GraphQL
 * DateTime scalar accepts (instant-range.ts); null when explicitly null.
 */
export function nullableDate(o: JsonObject, base: string, name: string): Date | null | undefined {
  const v = o[name];
  if (v === undefined) return undefined;
  if (v === null) return null;
  const date = v instanceof Date ? v : typeof v === 'string' ? parseInstant(v) : null;
  if (date !== null && isInstantInRange(date)) return date;
  throw badInput(
    fieldPath(base, name),
    v,
    INSTANT_ALLOWED,
    typeof v === 'string' ? instantRefusalReason(v) : date === null ? 'INVALID_VALUE' : 'DATE_OUT_OF_RANGE',
  );
}

/** An array of at most `max` entries, or undefined when absent or null. */
export function optionalArray(o: JsonObject, base: string, name: string, max: number): readonly unknown[] | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw badInput(fieldPath(base, name), v, 'an array');
  if (v.length > max) throw badInput(fieldPath(base, name), `${v.length} entries`, `at most ${max} entries`);
  return v;
}

/** Runs `read`, recording a DomainError in `errors` instead of throwing it; other errors propagate. */
export function attempt<T>(errors: DomainError[], read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof DomainError) {
      errors.push(error);
      return undefined;
    }
    throw error;
  }
}
