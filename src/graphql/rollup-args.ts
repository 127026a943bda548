import { type GraphQLResolveInfo } from 'graphql';
import { badInput } from '../domain/errors';
import { selectsField } from './selection';
import { type StatsRate, type StatsScope } from '../domain/org-rollup';
import { resolveStatsWindow, seriesPeriods, type StatsBucket } from '../domain/stats-window';
import {
  ATTRIBUTE_FILTER_FIELDS,
  type AttributeFilter,
  type AttributeFilterField,
  type ExperimentFilter,
} from '../db/queries/experiment-filter-reads';
import { validateExperimentFilter } from './experiment-filter-args';
import { decodeCursor, isTimestampCursorValue, validateFirst } from './page-args';
import { DECISION_DEBT_ORDER, type DecisionDebtQuery } from '../db/queries/decision-debt-reads';
import {
  type NodeRollupQuery,
  type RankingQuery,
  type RollupQuery,
  type SeriesRollupQuery,
} from '../db/queries/rollup-reads';

/**
 * Validation of the statistics arguments into the queries of `rollup-reads.ts`. Every failure is
 * a BAD_USER_INPUT naming the argument. The results are plain data (Dates and strings), so a
 * DataLoader can use them as batch keys.
 */

/** Largest accepted `minConcluded`. */
export const MAX_MIN_CONCLUDED = 1_000_000;

export interface StatsWindowArgsInput {
  readonly from?: Date | null;
  readonly to?: Date | null;
}

export interface NodeStatsArgsInput extends StatsWindowArgsInput {
  readonly scope?: StatsScope | null;
  /** Statistics as they stood at this instant (not after now). */
  readonly asOf?: Date | null;
  readonly filter?: AttributeFilter | null;
}

/** Keeps only the attribute criteria, each present (a stable shape, so equal arguments make equal batch keys). */
function nodeFilter(input: NodeStatsArgsInput['filter']): ExperimentFilter {
  const filter: { -readonly [K in AttributeFilterField]?: AttributeFilter[K] } = {};
  const keep = <K extends AttributeFilterField>(field: K) => {
    filter[field] = input?.[field] ?? null;
  };
  ATTRIBUTE_FILTER_FIELDS.forEach(keep);
  validateExperimentFilter(filter, 'filter');
  return filter;
}

/** The clock of a statistics request: `asOf` when given (never after now), else now. */
function statsClock(asOf: Date | null | undefined, now: Date): Date {
  if (asOf == null) return now;
  if (asOf.getTime() > now.getTime()) throw badInput('asOf', asOf, `an instant not after now (${now.toISOString()})`);
  return asOf;
}

/**
 * `OrgNode.stats`: default scope SUBTREE, window all time up to now. `withMedian`, `withCompanions`:
 * whether the median days to decision and the companion medians are wanted (resolvers pass whether
 * their fields are selected).
 */
export function parseNodeStatsArgs(
  args: NodeStatsArgsInput,
  now: Date,
  withMedian = true,
  withCompanions = true,
): NodeRollupQuery {
  const clock = statsClock(args.asOf, now);
  const window = resolveStatsWindow(args, clock);
  return {
    scope: args.scope ?? 'SUBTREE',
    from: window.from,
    to: window.to,
    now: clock,
    filter: nodeFilter(args.filter),
    withMedian,
    withCompanions,
    asOf: args.asOf ?? null,
  };
}

/** `OrgNode.statsSeries`: the window of the buckets (default: the last 12 periods up to `to`), at most 500 buckets. */
export function parseSeriesArgs(
  args: NodeStatsArgsInput & { bucket: StatsBucket },
  now: Date,
  withMedian = true,
  withCompanions = true,
): SeriesRollupQuery & { from: Date } {
  const clock = statsClock(args.asOf, now);
  const periods = seriesPeriods(args, args.bucket, clock);
  const first = periods[0];
  const last = periods.at(-1);
  if (first === undefined || last === undefined) throw new Error('seriesPeriods returns at least one period');
  const from = first.periodStart;
  const to = last.periodEnd;
  return {
    scope: args.scope ?? 'SUBTREE',
    from,
    to,
    now: clock,
    filter: nodeFilter(args.filter),
    bucket: args.bucket,
    withMedian,
    withCompanions,
    asOf: args.asOf ?? null,
  };
}

/** `OrgNode.ranking`. */
export function parseRankingArgs(
  args: NodeStatsArgsInput & {
    by: StatsRate;
    minConcluded?: number | null;
    direction?: 'ASC' | 'DESC' | null;
    first?: number | null;
  },
  now: Date,
  withMedian = true,
  withCompanions = true,
): RankingQuery {
  const minConcluded = args.minConcluded ?? 10;
  if (!Number.isInteger(minConcluded) || minConcluded < 1 || minConcluded > MAX_MIN_CONCLUDED) {
    throw badInput('minConcluded', minConcluded, `an integer from 1 to ${MAX_MIN_CONCLUDED}`);
  }
  const first = validateFirst(args.first ?? 20);
  return {
    ...parseNodeStatsArgs(args, now, withMedian, withCompanions),
    by: args.by,
    direction: args.direction ?? 'DESC',
    minConcluded,
    first,
  };
}

/** `portfolioStats`: any experiment filter, validated like the experiments query's. */
export function parsePortfolioStatsArgs(
  args: StatsWindowArgsInput & { filter?: ExperimentFilter | null },
  now: Date,
  withMedian = true,
  withCompanions = true,
): RollupQuery {
  const window = resolveStatsWindow(args, now);
  const given = args.filter ?? {};
  validateExperimentFilter(given, 'filter');
  // Category filters read the 30-day rule at the request's clock, not the database's, so that one
  // answer has one clock (the roll-up cache's validity horizon is taken at the request's clock).
  const clockBound = (given.category?.length ?? 0) > 0 || given.isLearning != null;
  const filter = clockBound && given.asOf == null ? { ...given, asOf: now } : given;
  return { from: window.from, to: window.to, now, filter, withMedian, withCompanions };
}

/**
 * `OrgNode.decisionDebt`: the window, scope and filter of OrgNode.stats (not as of a past instant),
 * a page size and a cursor of the same list.
 */
export function parseDecisionDebtArgs(
  args: NodeStatsArgsInput & { first: number; after?: string | null },
  now: Date,
): DecisionDebtQuery {
  const { scope, from, to, filter } = parseNodeStatsArgs({ ...args, asOf: null }, now, false, false);
  const first = validateFirst(args.first);
  const after = args.after == null ? null : decodeCursor(args.after, DECISION_DEBT_ORDER);
  if (after !== null && (after.value === null || !isTimestampCursorValue(after.value)))
    throw badInput('after', args.after, 'a cursor returned by this connection');
  return { scope, from, to, now, filter, first, after };
}

/**
 * Whether the field being resolved selects a companion number that is not a sum (`precision` or
 * `runtime` of OrgStats, docs/ewl-rules.md §7.1): the roll-up computes their medians only then.
 */
export function selectsCompanions(info: GraphQLResolveInfo): boolean {
  return selectsField(info, 'precision') || selectsField(info, 'runtime');
}
