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
import { type CursorPayload, type CursorPosition } from '../db/queries/page-reads';
import { isUuid } from '../domain/rules/keys';

/** Largest page a connection returns; `first` must be from 1 to this. */
export const MAX_PAGE_SIZE = 100;
/** Page size when the client does not give `first`. */
export const DEFAULT_PAGE_SIZE = 20;

/**
 * Decodes a cursor made by `encodeCursor` for the same order.
 * @throws DomainError BAD_USER_INPUT when the cursor is malformed or belongs to another order.
 */
export function decodeCursor(raw: string, order: string, field = 'after'): CursorPosition {
  const allowed = `a cursor returned by this connection (pageInfo.endCursor or edges.cursor) for the same orderBy`;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw badInput(field, raw, allowed);
  }
  if (typeof payload !== 'object' || payload === null) throw badInput(field, raw, allowed);
  const { o, v, i } = payload as Partial<CursorPayload>;
  const valueOk = v === null || (typeof v === 'string' && !v.includes('\u0000') && v.length <= 1000);
  if (o !== order || !valueOk || typeof i !== 'string' || !isUuid(i)) throw badInput(field, raw, allowed);
  return { value: v ?? null, id: i };
}

const TIMESTAMP_CURSOR_PATTERN = /^(\d{4,6})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z( BC)?$/;
/** PostgreSQL's timestamptz range: 4713 BC to 294276 AD. */
const LAST_CURSOR_YEAR = 294276;
const FIRST_CURSOR_YEAR_BC = 4713;

/** True for a cursor value produced by `timestampCursorSql` that is a real calendar instant PostgreSQL can hold. */
export function isTimestampCursorValue(value: string): boolean {
  const match = TIMESTAMP_CURSOR_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const bc = match[7] !== undefined;
  if (
    year < 1 ||
    (bc ? year > FIRST_CURSOR_YEAR_BC : year > LAST_CURSOR_YEAR) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return false;
  // 1 BC is the astronomical year 0 (a leap year in the proleptic Gregorian calendar PostgreSQL uses).
  const date = new Date(0);
  date.setUTCFullYear(bc ? 1 - year : year, month - 1, day);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

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
