import type {
  DecisionKind,
  ExperimentFilter,
  ExperimentOrderField,
  ExperimentStatus,
  LearningCategory,
  SortDirection,
} from '../gql/graphql';
import { EXPERIMENT_KINDS, type ExperimentKindName, isIsoDate } from './view-params';

/** Experiment statuses (ExperimentStatus) in lifecycle order, with their labels. */
export const EXPERIMENT_STATUSES = {
  DRAFT: 'Draft',
  RUNNING: 'Running',
  STOPPED: 'Stopped',
  CONCLUDED: 'Concluded',
  ARCHIVED: 'Archived',
} as const satisfies Record<ExperimentStatus, string>;

/** Every EwL category (LearningCategory) an experiment can be in, the learning ones first. */
export const LEARNING_CATEGORIES = {
  WIN: 'Win',
  REGRESSION: 'Regression',
  POWERED_NEUTRAL: 'Powered neutral',
  UNDERPOWERED: 'Underpowered',
  INVALID: 'Invalid',
  PENDING: 'Pending',
  EXCLUDED: 'Excluded',
} as const satisfies Record<LearningCategory, string>;

/** Kinds of the current decision (DecisionKind). */
export const DECISION_KINDS = {
  SHIP: 'Ship',
  SHIP_INFRA: 'Ship (infrastructure)',
  ITERATE: 'Iterate',
  RERUN: 'Rerun',
  ABANDON: 'Abandon',
  ABORT: 'Abort',
  NONE: 'None',
} as const satisfies Record<DecisionKind, string>;

/** Sort keys of the experiments connection (ExperimentOrderField). */
export const ORDER_FIELDS = {
  CREATED_AT: 'Created',
  CONCLUDED_AT: 'Concluded',
  STARTED_AT: 'Started',
  ENDED_AT: 'Ended',
  KEY: 'Key',
  TITLE: 'Title',
} as const satisfies Record<ExperimentOrderField, string>;

/** Rows per page of results. */
export const SEARCH_PAGE_SIZE = 20;

/**
 * The Search page's form, kept in its URL so that a search can be shared: `q` full-text search, `node` the owner
 * node's key (`own=1`: its own experiments only, not its subtree), `status`, `category`, `decision` and `kind`
 * comma-separated lists, `learning` yes or no, `tags` (all of) and `anyTag` (any of) comma-separated tags, `metric`
 * a catalogue metric's key, `from` and `to` the concluded window (UTC dates, `to` exclusive), `sort` and `dir` the
 * order, and `after` (repeated) the cursors of the pages before the current one, oldest first.
 */
export interface SearchParams {
  readonly text: string;
  readonly node: string | null;
  readonly ownOnly: boolean;
  readonly statuses: readonly ExperimentStatus[];
  readonly categories: readonly LearningCategory[];
  readonly isLearning: boolean | null;
  readonly tagsAll: readonly string[];
  readonly tagsAny: readonly string[];
  readonly decisions: readonly DecisionKind[];
  readonly kinds: readonly ExperimentKindName[];
  readonly metric: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly sort: ExperimentOrderField;
  readonly direction: SortDirection;
  readonly after: readonly string[];
}

/** No filter, newest first (the API's default order), the first page. */
export const DEFAULT_SEARCH_PARAMS: SearchParams = {
  text: '',
  node: null,
  ownOnly: false,
  statuses: [],
  categories: [],
  isLearning: null,
  tagsAll: [],
  tagsAny: [],
  decisions: [],
  kinds: [],
  metric: null,
  from: null,
  to: null,
  sort: 'CREATED_AT',
  direction: 'DESC',
  after: [],
};

function isOneOf<T extends string>(values: Readonly<Record<T, string>>) {
  return (value: string): value is T => Object.prototype.hasOwnProperty.call(values, value);
}

/** The values of a comma-separated list that are names of `values`, each once, in the order given. */
function readList<T extends string>(text: string | null, values: Readonly<Record<T, string>>): T[] {
  return [...new Set((text ?? '').split(',').filter(isOneOf(values)))];
}

/** Tags as the API stores them: trimmed, lower-cased, de-duplicated, blanks dropped. */
export function readTags(text: string | null): string[] {
  const tags = (text ?? '').split(',').map((t) => t.trim().toLowerCase());
  return [...new Set(tags.filter((t) => t !== ''))];
}

/** Reads the Search page's parameters from a query string; a value that is not valid is ignored. */
export function readSearchParams(search: string): SearchParams {
  const query = new URLSearchParams(search);
  const text = (name: string) => query.get(name)?.trim() || null;
  const date = (name: string) => {
    const value = query.get(name);
    return value !== null && isIsoDate(value) ? value : null;
  };
  const learning = query.get('learning');
  const sort = query.get('sort') ?? '';
  const direction = query.get('dir');
  return {
    text: text('q') ?? '',
    node: text('node'),
    ownOnly: query.get('own') === '1',
    statuses: readList(query.get('status'), EXPERIMENT_STATUSES),
    categories: readList(query.get('category'), LEARNING_CATEGORIES),
    isLearning: learning === 'yes' ? true : learning === 'no' ? false : null,
    tagsAll: readTags(query.get('tags')),
    tagsAny: readTags(query.get('anyTag')),
    decisions: readList(query.get('decision'), DECISION_KINDS),
    kinds: readList(query.get('kind'), EXPERIMENT_KINDS),
    metric: text('metric'),
    from: date('from'),
    to: date('to'),
    sort: isOneOf(ORDER_FIELDS)(sort) ? sort : DEFAULT_SEARCH_PARAMS.sort,
    direction: direction === 'asc' ? 'ASC' : direction === 'desc' ? 'DESC' : DEFAULT_SEARCH_PARAMS.direction,
    after: query.getAll('after').filter((cursor) => cursor !== ''),
  };
}

/** The query string of `params` (with `?`, or empty), defaults left out, in a stable order. */
export function writeSearchParams(params: SearchParams): string {
  const query = new URLSearchParams();
  const list = (name: string, values: readonly string[]) => {
    if (values.length > 0) query.set(name, values.join(','));
  };
  if (params.text.trim()) query.set('q', params.text.trim());
  if (params.node) query.set('node', params.node);
  if (params.node && params.ownOnly) query.set('own', '1');
  list('status', params.statuses);
  list('category', params.categories);
  if (params.isLearning !== null) query.set('learning', params.isLearning ? 'yes' : 'no');
  list('tags', params.tagsAll);
  list('anyTag', params.tagsAny);
  list('decision', params.decisions);
  list('kind', params.kinds);
  if (params.metric) query.set('metric', params.metric);
  if (params.from) query.set('from', params.from);
  if (params.to) query.set('to', params.to);
  if (params.sort !== DEFAULT_SEARCH_PARAMS.sort) query.set('sort', params.sort);
  if (params.direction !== DEFAULT_SEARCH_PARAMS.direction) query.set('dir', params.direction.toLowerCase());
  for (const cursor of params.after) query.append('after', cursor);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The `experiments` query's filter for `params` (null when nothing restricts). */
export function searchFilter(params: SearchParams): ExperimentFilter | null {
  const filter: ExperimentFilter = {};
  const list = <T>(values: readonly T[]) => (values.length > 0 ? [...values] : undefined);
  if (params.text.trim()) filter.search = params.text.trim();
  if (params.node) {
    filter.ownerNodeKey = params.node;
    filter.includeDescendants = !params.ownOnly;
  }
  filter.status = list(params.statuses);
  filter.category = list(params.categories);
  if (params.isLearning !== null) filter.isLearning = params.isLearning;
  filter.tagsAll = list(params.tagsAll);
  filter.tagsAny = list(params.tagsAny);
  filter.decisionKind = list(params.decisions);
  filter.kind = list(params.kinds);
  if (params.metric) filter.metricKeys = [params.metric];
  if (params.from) filter.concludedFrom = `${params.from}T00:00:00.000Z`;
  if (params.to) filter.concludedTo = `${params.to}T00:00:00.000Z`;
  const set = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as ExperimentFilter;
  return Object.keys(set).length > 0 ? set : null;
}

/** The variables of the Search page's query: the filter, the order and the page (the last cursor of the trail). */
export function searchVariables(params: SearchParams) {
  return {
    filter: searchFilter(params),
    orderBy: { field: params.sort, direction: params.direction },
    first: SEARCH_PAGE_SIZE,
    after: params.after.at(-1) ?? null,
  };
}

/**
 * The parameters of another search: a changed filter or order starts again from the first page (the cursors of
 * the old order would not apply).
 */
export function withFilter(params: SearchParams, change: Partial<Omit<SearchParams, 'after'>>): SearchParams {
  return { ...params, ...change, after: [] };
}

/** The next page: the current page's end cursor added to the trail. */
export function nextPage(params: SearchParams, endCursor: string): SearchParams {
  return { ...params, after: [...params.after, endCursor] };
}

/** The previous page: the trail without its last cursor. */
export function previousPage(params: SearchParams): SearchParams {
  return { ...params, after: params.after.slice(0, -1) };
}

/** Which rows the current page shows, e.g. `21–40 of 49`, from the page's position in the trail. */
export function pageRange(params: SearchParams, rowsOnPage: number, totalCount: number): string {
  if (rowsOnPage === 0) return `0 of ${totalCount}`;
  const first = params.after.length * SEARCH_PAGE_SIZE + 1;
  return `${first}–${first + rowsOnPage - 1} of ${totalCount}`;
}

/** Toggles `value` in a list (added at the end, or removed). */
export function toggle<T>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}
