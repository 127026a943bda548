import type { SortDirection } from '../gql/graphql';
import { routePath } from './routes';
import { DEFAULT_VIEW_PARAMS, readViewParams, statsArguments, type ViewParams } from './view-params';

/** The orders of the effects table (MetricEffectOrder). */
export type EffectOrder = 'RAW_EFFECT' | 'SHRUNK_EFFECT';

/** Arms per page of the Metric page's effects table. */
export const EFFECTS_PAGE_SIZE = 20;

/**
 * The Metric page's view, kept in its URL: `node` the org node whose subtree's experiments are pooled (none: the
 * whole organisation), `from`, `to` and `kind` the window and kinds as on every page (view-params.ts), `order`
 * (`raw` or `shrunk`), `dir` (`asc` or `desc`) and `offset` the effects table's order and page.
 */
export interface MetricParams {
  readonly node: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly kinds: ViewParams['kinds'];
  readonly order: EffectOrder;
  readonly direction: SortDirection;
  readonly offset: number;
}

export const DEFAULT_METRIC_PARAMS: MetricParams = {
  node: null,
  from: null,
  to: null,
  kinds: [],
  order: 'RAW_EFFECT',
  direction: 'DESC',
  offset: 0,
};

/** Reads the Metric page's parameters from a query string; a value that is not valid is ignored. */
export function readMetricParams(search: string): MetricParams {
  const query = new URLSearchParams(search);
  const { from, to, kinds } = readViewParams(search);
  const offset = Number(query.get('offset'));
  return {
    node: query.get('node')?.trim() || null,
    from,
    to,
    kinds,
    order: query.get('order') === 'shrunk' ? 'SHRUNK_EFFECT' : 'RAW_EFFECT',
    direction: query.get('dir') === 'asc' ? 'ASC' : 'DESC',
    offset: Number.isSafeInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** The query string of `params` (with `?`, or empty), defaults left out, in a stable order. */
export function writeMetricParams(params: MetricParams): string {
  const query = new URLSearchParams();
  if (params.node) query.set('node', params.node);
  if (params.from) query.set('from', params.from);
  if (params.to) query.set('to', params.to);
  if (params.kinds.length > 0) query.set('kind', params.kinds.join(','));
  if (params.order === 'SHRUNK_EFFECT') query.set('order', 'shrunk');
  if (params.direction === 'ASC') query.set('dir', 'asc');
  if (params.offset > 0) query.set('offset', String(params.offset));
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The URL of a metric's page with a view (the effects table on its first page). */
export function metricHref(key: string, view: Partial<MetricParams> = {}): string {
  return `${routePath({ page: 'metric', key })}${writeMetricParams({ ...DEFAULT_METRIC_PARAMS, ...view, offset: 0 })}`;
}

/** The window and kinds of the view as the other pages' parameters (for their window controls). */
export function metricWindow(params: MetricParams): ViewParams {
  return { ...DEFAULT_VIEW_PARAMS, from: params.from, to: params.to, kinds: params.kinds };
}

/** The variables of the root `metricInsight` query for `key` and `params`. */
export function metricInsightVariables(key: string, params: MetricParams) {
  const { from, to, filter } = statsArguments(metricWindow(params));
  const experimentFilter = {
    ...(params.node ? { ownerNodeKey: params.node } : {}),
    ...(filter ? { kind: filter.kind } : {}),
  };
  return {
    metricKey: key,
    from,
    to,
    filter: Object.keys(experimentFilter).length > 0 ? experimentFilter : null,
    order: params.order,
    direction: params.direction,
    first: EFFECTS_PAGE_SIZE,
    offset: params.offset,
  };
}
