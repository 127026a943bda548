import { badInput } from '../domain/errors';
import { DATE_RANGES, type ExperimentFilter } from '../db/queries/experiment-filter-reads';
import { isUuid } from '../domain/rules/keys';

/** Longest free-text argument (search strings, keys, tags) accepted by read queries. */
export const MAX_TEXT_ARGUMENT_LENGTH = 500;

/**
 * Checks a free-text argument before it reaches SQL: PostgreSQL text cannot hold NUL characters,
 * and huge strings are rejected rather than searched.
 * @throws DomainError BAD_USER_INPUT naming `field`.
 */
export function assertTextArgument(field: string, value: string, maxLength = MAX_TEXT_ARGUMENT_LENGTH): void {
  if (value.includes('\u0000')) throw badInput(field, value, 'text without NUL characters');
  if (value.length > maxLength) throw badInput(field, value, `at most ${maxLength} characters`);
}

/**
 * Rejects filters that cannot be answered: both owner forms, a malformed owner id, NUL or huge
 * strings, and empty or inverted date ranges.
 * @throws DomainError BAD_USER_INPUT naming the offending `path.field`.
 */
export function validateExperimentFilter(filter: ExperimentFilter, path = 'filter'): void {
  if (filter.ownerNodeId != null && filter.ownerNodeKey != null) {
    throw badInput(
      `${path}.ownerNodeKey`,
      filter.ownerNodeKey,
      `at most one of ${path}.ownerNodeId and ${path}.ownerNodeKey`,
    );
  }
  if (filter.ownerNodeId != null && !isUuid(filter.ownerNodeId))
    throw badInput(`${path}.ownerNodeId`, filter.ownerNodeId, 'an org node id (UUID)');
  if (filter.ownerNodeKey != null) assertTextArgument(`${path}.ownerNodeKey`, filter.ownerNodeKey);
  for (const field of ['tagsAll', 'tagsAny', 'surface', 'metricKeys'] as const) {
    (filter[field] ?? []).forEach((tag, i) => assertTextArgument(`${path}.${field}[${i}]`, tag));
  }
  if (filter.search != null) assertTextArgument(`${path}.search`, filter.search);
  for (const [fromField, toField] of DATE_RANGES) {
    const from = filter[fromField];
    const to = filter[toField];
    if (from && to && to.getTime() <= from.getTime()) {
      throw badInput(
        `${path}.${toField}`,
        to,
        `a DateTime after ${path}.${fromField} (${from.toISOString()}); ranges are half-open [from, to)`,
      );
    }
  }
}
