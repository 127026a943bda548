import { isStatsRate, type StatsRateName } from './rates';

/** Experiment kinds (ExperimentKind) with their labels, for the kind filter. */
export const EXPERIMENT_KINDS = {
  AB_TEST: 'A/B test',
  AA_TEST: 'A/A test',
  CAMPAIGN: 'Campaign',
  ROLLOUT: 'Rollout',
  OTHER: 'Other',
} as const;

export type ExperimentKindName = keyof typeof EXPERIMENT_KINDS;

/**
 * A page's window and filter, kept in its URL's query so that every view can be shared: `from` and `to` are UTC
 * dates (the window [from, to) of the API; none: since the beginning, up to now), `kind` a comma-separated list of
 * experiment kinds, `rank` the rate children are ranked by.
 */
export interface ViewParams {
  readonly from: string | null;
  readonly to: string | null;
  readonly kinds: readonly ExperimentKindName[];
  readonly rankBy: StatsRateName;
}

export const DEFAULT_VIEW_PARAMS: ViewParams = { from: null, to: null, kinds: [], rankBy: 'LEARNING_RATE' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `text` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Reads the parameters from a query string; a value that is not valid is ignored (its default applies). */
export function readViewParams(search: string): ViewParams {
  const query = new URLSearchParams(search);
  const date = (name: string) => {
    const value = query.get(name);
    return value !== null && isIsoDate(value) ? value : null;
  };
  const kinds = (query.get('kind') ?? '')
    .split(',')
    .filter((k): k is ExperimentKindName => Object.prototype.hasOwnProperty.call(EXPERIMENT_KINDS, k));
  const rank = query.get('rank') ?? '';
  return {
    from: date('from'),
    to: date('to'),
    kinds: [...new Set(kinds)],
    rankBy: isStatsRate(rank) ? rank : DEFAULT_VIEW_PARAMS.rankBy,
  };
}

/** The query string of `params` (with `?`, or empty), defaults left out, in a stable order. */
export function writeViewParams(params: ViewParams): string {
  const query = new URLSearchParams();
  if (params.from) query.set('from', params.from);
  if (params.to) query.set('to', params.to);
  if (params.kinds.length > 0) query.set('kind', params.kinds.join(','));
  if (params.rankBy !== DEFAULT_VIEW_PARAMS.rankBy) query.set('rank', params.rankBy);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The window and filter arguments of OrgNode.stats / statsSeries for `params`. */
export function statsArguments(params: ViewParams): {
  from: string | null;
  to: string | null;
  filter: { kind: ExperimentKindName[] } | null;
} {
  return {
    from: params.from ? `${params.from}T00:00:00.000Z` : null,
    to: params.to ? `${params.to}T00:00:00.000Z` : null,
    filter: params.kinds.length > 0 ? { kind: [...params.kinds] } : null,
  };
}

/** Windows offered in a menu: the last N calendar quarters (UTC) up to now, the current one included. */
export const WINDOW_PRESETS = [
  { id: 'all', label: 'All time', quarters: null },
  { id: 'q4', label: 'Last 4 quarters', quarters: 4 },
  { id: 'q8', label: 'Last 8 quarters', quarters: 8 },
] as const;

/** The first day (YYYY-MM-DD, UTC) of the quarter `quartersBack` quarters before the one `now` is in. */
export function quarterStart(now: Date, quartersBack: number): string {
  const quarterIndex = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) - quartersBack;
  const year = Math.floor(quarterIndex / 4);
  const month = (quarterIndex - year * 4) * 3 + 1;
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

/** The parameters with a preset window applied (`to` cleared: up to now). */
export function withPreset(params: ViewParams, presetId: string, now: Date): ViewParams {
  const preset = WINDOW_PRESETS.find((p) => p.id === presetId);
  if (!preset) return params;
  return { ...params, from: preset.quarters === null ? null : quarterStart(now, preset.quarters - 1), to: null };
}

/** Which preset the parameters' window is, or 'custom'. */
export function presetOf(params: ViewParams, now: Date): string {
  if (params.to !== null) return 'custom';
  const preset = WINDOW_PRESETS.find((p) =>
    p.quarters === null ? params.from === null : params.from === quarterStart(now, p.quarters - 1),
  );
  return preset?.id ?? 'custom';
}
