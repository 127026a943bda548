import { DomainError } from '../errors';
import { MAX_IMPORT_ITEMS } from '../import/import-item';

/**
 * Most items any list in an input may hold (tags and tag filters, statuses, kinds, keys and ids,
 * planner metrics and weights, health checks, ...): far above real use, and a bound on the work a
 * single request can ask for. A list over it is refused before anything else happens (no SQL).
 */
export const MAX_INPUT_LIST_ITEMS = 100;

/**
 * Lists with a larger maximum of their own, by input field name: a bulk import's items, and the
 * results one `recordResults` may carry (an experiment's metrics x variants x periods).
 */
export const INPUT_LIST_MAXIMUMS: Readonly<Record<string, number>> = {
  items: MAX_IMPORT_ITEMS,
  results: 1000,
  externalResults: 1000,
};

/**
 * Lists whose items carry lists checked by their own rules: a bulk import parses each item on its
 * own (variants, metrics, results, decisions and raw tags up to 1,000 each), so that one bad item
 * fails alone instead of refusing the whole import.
 */
export const ITEMS_CHECKED_APART: ReadonlySet<string> = new Set(['items']);

/** The most items the input list `name` (its field name, e.g. `tagsAny`) may hold. */
export function maxInputListItems(name: string): number {
  return INPUT_LIST_MAXIMUMS[name] ?? MAX_INPUT_LIST_ITEMS;
}

/** The field name of a list's path: `tagsAny` for `filter.tagsAny`, `results` for `input.items[3].results`. */
export function listName(field: string): string {
  return field.slice(field.lastIndexOf('.') + 1);
}

/**
 * Checks the size of one input list.
 * @param field path of the list in the input, e.g. `filter.tagsAny`; its last segment selects the maximum.
 * @throws DomainError BAD_USER_INPUT (reason TOO_MANY_ITEMS) naming the field, the size and the maximum.
 * @example assertInputListSize('filter.tagsAny', 3) // passes
 */
export function assertInputListSize(field: string, size: number): void {
  const max = maxInputListItems(listName(field));
  if (size > max) {
    throw new DomainError('BAD_USER_INPUT', `Invalid ${field}: got ${size} items, expected at most ${max} items`, {
      reason: 'TOO_MANY_ITEMS',
      details: { field, value: `${size} items`, allowed: `at most ${max} items` },
    });
  }
}

/**
 * Checks every list inside `value` (at input path `path`; '' for the top level) against its maximum, outermost
 * first, so a list of 100,000 items is refused before any of them is looked at. The items of an
 * import are left to the import's own per-item rules.
 */
export function assertInputListSizes(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    assertInputListSize(path, value.length);
    if (!ITEMS_CHECKED_APART.has(listName(path)))
      value.forEach((item, i) => assertInputListSizes(item, `${path}[${i}]`));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) assertInputListSizes(child, path === '' ? key : `${path}.${key}`);
  }
}
