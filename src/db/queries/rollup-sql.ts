import type { DataCategory } from '../../domain/analysis-types';
import { DECISION_KINDS } from '../../domain/experiment';
import {
  BREAKDOWN_CATEGORY,
  CATEGORY_SUB_REASONS,
  CONCLUDED_CATEGORIES,
  type KeyCount,
  RATE_NUMERATORS,
  type RollupCounts,
  type StatsRate,
  VALIDITY_REASON_CODES,
} from '../../domain/org-rollup';
import { expectedDecisionSql, literal } from '../sql/ewl-rules.sql';
import { COMPANION_COLUMNS, toCompanionCounts } from './rollup-companion-sql';

/**
 * SQL fragments of the roll-up statement, generated from the domain's tables (categories, reasons,
 * decision kinds, the expected-decision table) so that the SQL and the TypeScript rules cannot
 * drift apart. Every fragment reads the per-(group, window, experiment) relation `x` built in
 * `rollup-reads.ts`, built by `rollupCtes()`.
 */

const IN_WINDOW = `(y.concluded_on < y.w_to AND (y.w_from IS NULL OR y.concluded_on >= y.w_from))`;

/**
 * The per-row flags over `y` (one experiment in one window, with its `concluded_on`), computed once
 * per row so that the aggregate's FILTERs only read booleans:
 * - concluded: in scope and concluded inside the window (the denominator);
 * - pending: in scope, started before `to` and not concluded by `to` (running at `to`, or stopped
 *   at most 30 days before it);
 * - excluded: out of scope, concluded inside the window;
 * - restart: an in-scope rerun (`restart_of_id` set) started inside the window;
 * - started: in scope and started inside the window (volume, docs/ewl-rules.md §7.1).
 */
export const ROLLUP_FLAGS_SQL = [
  `y.counts_toward_ewl AND ${IN_WINDOW} AS concluded`,
  `y.counts_toward_ewl AND y.started_at < y.w_to AND (y.concluded_on IS NULL OR y.concluded_on >= y.w_to) AS pending`,
  `NOT y.counts_toward_ewl AND ${IN_WINDOW} AS excluded`,
  `y.counts_toward_ewl AND y.restart_of_id IS NOT NULL AND y.started_at < y.w_to AND (y.w_from IS NULL OR y.started_at >= y.w_from) AS restart`,
  `y.counts_toward_ewl AND y.started_at < y.w_to AND (y.w_from IS NULL OR y.started_at >= y.w_from) AS started`,
].join(',\n      ');

const CONCLUDED = 'x.concluded';
const PENDING = 'x.pending';
const EXCLUDED = 'x.excluded';
const RESTART = 'x.restart';
const STARTED = 'x.started';

interface AggregateColumn {
  readonly name: string;
  readonly sql: string;
}

/**
 * A count of the roll-up: `condition` over the per-row relation `x` (the raw path), and the
 * columns of `org_rollup_month` holding the same count per owner node and month (the summary
 * path): `summary`, or null for counts that are not summarised (pending is derived from starts and
 * conclusions); for a count of conclusions, `stopped`, the same count among the STOPPED experiments
 * without a conclusion by the month of their end (they conclude then once the 30-day rule has run
 * at the reader's clock), or null for a count of starts.
 */
export interface CountColumn {
  readonly name: string;
  readonly condition: string;
  readonly summary: string | null;
  readonly stopped: string | null;
}

const lower = (value: string) => value.toLowerCase();

/** A count of conclusions, summarised as `summary` (settled, by month of conclusion) and `stopped_<summary>`. */
const conclusions = (name: string, condition: string, summary: string): CountColumn => ({
  name,
  condition,
  summary,
  stopped: `stopped_${summary}`,
});

function buildCountColumns(): CountColumn[] {
  const columns: CountColumn[] = [conclusions('concluded', CONCLUDED, 'concluded')];
  CONCLUDED_CATEGORIES.forEach((cat, i) =>
    columns.push(conclusions(`cat_${i}`, `${CONCLUDED} AND x.category = ${literal(cat)}`, `cat_${lower(cat)}`)),
  );
  columns.push(
    { name: 'pending', condition: PENDING, summary: null, stopped: null },
    conclusions('excluded', EXCLUDED, 'excluded'),
    { name: 'restarts', condition: RESTART, summary: 'restarts', stopped: null },
    { name: 'started', condition: STARTED, summary: 'started', stopped: null },
  );
  VALIDITY_REASON_CODES.forEach((code, i) =>
    columns.push(
      conclusions(
        `vr_${i}`,
        `${CONCLUDED} AND x.category = ${literal(BREAKDOWN_CATEGORY.invalidByReason)} AND ${literal(code)} = ANY(x.validity_reasons)`,
        `vr_${lower(code)}`,
      ),
    ),
  );
  CATEGORY_SUB_REASONS.forEach((sr, i) =>
    columns.push(
      conclusions(
        `us_${i}`,
        `${CONCLUDED} AND x.category = ${literal(BREAKDOWN_CATEGORY.underpoweredBySubReason)} AND x.sub_reason = ${literal(sr)}`,
        `us_${lower(sr)}`,
      ),
    ),
  );
  DECISION_KINDS.forEach((kind, i) =>
    columns.push(conclusions(`dk_${i}`, `${CONCLUDED} AND x.decision_kind = ${literal(kind)}`, `dk_${lower(kind)}`)),
  );
  const expected = expectedDecisionSql('x.category', 'x.sub_reason', 'x.decision_kind');
  columns.push(
    conclusions('inconsistent', `${CONCLUDED} AND x.decision_kind IS NOT NULL AND NOT ${expected}`, 'inconsistent'),
    conclusions('undecided', `${CONCLUDED} AND x.decision_kind IS NULL`, 'undecided'),
    // Concluded experiments whose pre-registered design was amended (docs/pre-registration.md): they stay in their category.
    conclusions('amended', `${CONCLUDED} AND x.design_amended`, 'amended_after_launch'),
  );
  return columns;
}

/** Every count of a roll-up row, in output order. */
export const COUNT_COLUMNS: readonly CountColumn[] = buildCountColumns();

/** The columns of `org_rollup_month` the summary path reads (besides the key): its counts (`started` among them). */
export const SUMMARY_COLUMNS: readonly string[] = [
  ...COUNT_COLUMNS.flatMap((c) => (c.summary ? [c.summary] : [])),
  ...COUNT_COLUMNS.flatMap((c) => (c.stopped ? [c.stopped] : [])),
];

/**
 * The conclusion facts of a STOPPED experiment without a conclusion, as the raw path counts it
 * once the 30-day rule has run: `x` is the classification row `c` of `source` (with its `sign`)
 * concluded (in scope) or excluded (out of scope). The month summary's `stopped` columns, by the
 * month of `ended_at`, are these facts (migration StoppedSummary).
 */
export function stoppedConclusionFactsSql(source: string, where: string): string {
  const facts = COUNT_COLUMNS.filter((c) => c.stopped !== null);
  return `SELECT x.owner_node_id, date_trunc('month', x.ended_at AT TIME ZONE 'UTC')::date AS month,
      ${facts.map((c) => `x.sign * coalesce(${c.condition}, false)::int AS ${c.stopped}`).join(',\n      ')}
    FROM (SELECT c.*, c.counts_toward_ewl AS concluded, NOT c.counts_toward_ewl AS excluded FROM ${source} c WHERE ${where}) x`;
}

/** Oldest undecided age and median days to decision over `x` (the raw path). */
export function decisionTimingSql(withMedian: boolean): AggregateColumn[] {
  return [
    {
      // An instant, not an age: answers hold no clock (the age is taken per request, see toRollupCounts).
      name: 'oldest_undecided_ms',
      sql: `(extract(epoch FROM min(x.concluded_on) FILTER (WHERE ${CONCLUDED} AND x.decision_kind IS NULL)) * 1000)::float8`,
    },
    {
      name: 'median_days_to_decision',
      sql: withMedian
        ? `(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM x.decided_at - x.ended_at) / 86400)
        FILTER (WHERE ${CONCLUDED} AND x.decision_kind IS NOT NULL))::float8`
        : 'NULL::float8',
    },
  ];
}

/** The aggregate columns over `x`, grouped by (group, window), of the raw path. */
export function rawAggregates(withMedian: boolean): AggregateColumn[] {
  return [
    ...COUNT_COLUMNS.map((c) => ({ name: c.name, sql: `count(*) FILTER (WHERE ${c.condition})::int` })),
    ...decisionTimingSql(withMedian),
  ];
}

/** Output column names of every roll-up row (both paths), in order. */
export const ROLLUP_OUTPUT_COLUMNS: readonly string[] = [
  ...rawAggregates(false).map((c) => c.name),
  ...COMPANION_COLUMNS,
];

/** SQL value of a rate's numerator / concluded over an aggregate alias (for ORDER BY). */
export function rateSql(alias: string, rate: StatsRate): string {
  const numerator = RATE_NUMERATORS[rate].map((cat) => `${alias}.cat_${CONCLUDED_CATEGORIES.indexOf(cat)}`).join(' + ');
  return `((${numerator})::float8 / nullif(${alias}.concluded, 0))`;
}

export type RollupRow = Record<string, number | string | null>;

const int = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const float = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

function keyCounts<K extends string>(row: RollupRow, prefix: string, keys: readonly K[]): KeyCount<K>[] {
  return keys.map((key, i) => ({ key, count: int(row[`${prefix}_${i}`]) }));
}

/** Days from `sinceMs` to `atMs` (fractional): the age of the decision debt. */
export const ageInDays = (sinceMs: number, atMs: number): number => (atMs - sinceMs) / 86_400_000;

/** The oldest undecided conclusion of a row, as an instant (ms), or null. */
export const oldestUndecidedMs = (row: RollupRow): number | null => float(row.oldest_undecided_ms);

/**
 * Decodes one aggregate row (NULLs for an empty group). `asOfMs`: the instant the age of the
 * decision debt is taken at, min(window end, now).
 */
export function toRollupCounts(row: RollupRow, asOfMs: number): RollupCounts {
  const oldestUndecided = oldestUndecidedMs(row);
  const categories = Object.fromEntries(CONCLUDED_CATEGORIES.map((cat, i) => [cat, int(row[`cat_${i}`])])) as Record<
    DataCategory,
    number
  >;
  return {
    categories,
    pending: int(row.pending),
    excluded: int(row.excluded),
    restarts: int(row.restarts),
    started: int(row.started),
    invalidByReason: keyCounts(row, 'vr', VALIDITY_REASON_CODES),
    underpoweredBySubReason: keyCounts(row, 'us', CATEGORY_SUB_REASONS),
    decisionsByKind: keyCounts(row, 'dk', DECISION_KINDS),
    inconsistentDecisions: int(row.inconsistent),
    undecided: int(row.undecided),
    amendedAfterLaunch: int(row.amended),
    oldestUndecidedAgeDays: oldestUndecided === null ? null : ageInDays(oldestUndecided, asOfMs),
    medianDaysToDecision: float(row.median_days_to_decision),
    companions: toCompanionCounts(row),
  };
}
