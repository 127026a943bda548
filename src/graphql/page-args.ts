import { badInput } from '../domain/errors';
import { type ExperimentFilter } from '../db/queries/experiment-filter-reads';
import { assertTextArgument, validateExperimentFilter } from './experiment-filter-args';
import {
  DEFAULT_EXPERIMENT_ORDER,
  type ExperimentOrder,
  type ExperimentPageQuery,
  orderKey,
  SORT_COLUMNS,
} from '../db/queries/experiment-page-reads';
import { LEARNING_ORDER, type LearningFilter, type LearningPageQuery } from '../db/queries/learning-reads';
import { decodeCursor, isTimestampCursorValue, isUuid } from '../db/queries/page-reads';

/** Largest page a connection returns; `first` must be from 1 to this. */
export const MAX_PAGE_SIZE = 100;
/** Page size when the client does not give `first`. */
export const DEFAULT_PAGE_SIZE = 20;

/**
 * Checks a page size.
 * @throws DomainError BAD_USER_INPUT when it is outside 1..MAX_PAGE_SIZE.
 * @example validateFirst(20) // 20
 */
export function validateFirst(first: number, field = 'first'): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(field, first, `an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/** Arguments of `experiments` / `OrgNode.experiments` as the API receives them. */
export interface ExperimentPageArgs {
  readonly filter?: ExperimentFilter | null;
  readonly orderBy?: ExperimentOrder | null;
  readonly first?: number | null;
  readonly after?: string | null;
}

/**
 * Validates page arguments (page size, cursor, filter) before any SQL runs.
 * @throws DomainError BAD_USER_INPUT naming `first`, `after` or `filter.<field>`.
 */
export function parseExperimentPageArgs(args: ExperimentPageArgs): ExperimentPageQuery {
  const order = args.orderBy ?? DEFAULT_EXPERIMENT_ORDER;
  const first = validateFirst(args.first ?? DEFAULT_PAGE_SIZE);
  const filter = args.filter ?? {};
  validateExperimentFilter(filter);
  const after = args.after == null ? null : decodeCursor(args.after, orderKey(order));
  if (after?.value != null && SORT_COLUMNS[order.field].timestamp && !isTimestampCursorValue(after.value)) {
    throw badInput('after', args.after, 'a cursor returned by this connection for the same orderBy');
  }
  return { filter, order, first, after };
}

export interface LearningPageArgs {
  readonly filter?: LearningFilter | null;
  readonly first?: number | null;
  readonly after?: string | null;
}

/**
 * Validates `learnings` arguments before any SQL runs.
 * @throws DomainError BAD_USER_INPUT naming `first`, `after` or `filter.<field>`.
 */
export function parseLearningPageArgs(args: LearningPageArgs): LearningPageQuery {
  const first = validateFirst(args.first ?? DEFAULT_PAGE_SIZE);
  const filter = args.filter ?? {};
  if (filter.search != null) assertTextArgument('filter.search', filter.search);
  for (const field of ['tagsAll', 'tagsAny'] as const)
    (filter[field] ?? []).forEach((tag, i) => assertTextArgument(`filter.${field}[${i}]`, tag));
  if (filter.experimentId != null && !isUuid(filter.experimentId))
    throw badInput('filter.experimentId', filter.experimentId, 'an experiment id (UUID)');
  const after = args.after == null ? null : decodeCursor(args.after, LEARNING_ORDER);
  if (after && (after.value === null || !isTimestampCursorValue(after.value))) {
    throw badInput('after', args.after, 'a cursor returned by this connection');
  }
  return { filter, first, after };
}
