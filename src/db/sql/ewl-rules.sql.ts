import type { DataCategory, LearningCategory } from '../../domain/analysis-types';
import { EXPERIMENT_STATUSES } from '../../domain/experiment';
import {
  categoriesFlagged,
  expectedDecisions,
  STATUS_CONCLUSION,
  type StatusConclusion,
} from '../../domain/learning-category';
import { CATEGORY_SUB_REASONS, CONCLUDED_CATEGORIES } from '../../domain/org-rollup';
import { MS_PER_DAY, STALE_STOPPED_DAYS } from '../../domain/ruleset';

/**
 * Every SQL form of the EwL rules (docs/ewl-rules.md §6), generated from the domain's constants and
 * tables (`STATUS_CONCLUSION`, `STALE_STOPPED_DAYS`, `CATEGORY_FLAGS`, `expectedDecisions`) so that
 * the SQL and the TypeScript rules cannot drift apart. The experiment filter, the roll-up
 * statements, the roll-up summary, the stored decision consistency and the roll-up cache's horizon
 * take their rules from here; no other file spells them.
 *
 * Columns are those of `experiment_classification` (and of the roll-up relations that copy them):
 * `status`, `counts_toward_ewl`, `category`, `ended_at`, `concluded_at`.
 */

/** A constant from a domain union as an SQL literal (only SCREAMING_SNAKE identifiers are ever inlined). */
export function literal(value: string): string {
  if (!/^[A-Z][A-Z0-9_]*$/.test(value)) throw new Error(`ewl-rules.sql: refusing to inline ${JSON.stringify(value)}`);
  return `'${value}'`;
}

/** `column IN (values)` over domain constants (`=` for one value, `false` for none). */
export function inList(column: string, values: readonly string[]): string {
  if (values.length === 0) return 'false';
  if (values.length === 1) return `${column} = ${literal(values[0]!)}`;
  return `${column} IN (${values.map(literal).join(', ')})`;
}

/** The statuses whose conclusion follows `rule`, in the domain's status order. */
const statusesOf = (...rules: StatusConclusion[]) =>
  EXPERIMENT_STATUSES.filter((s) => rules.includes(STATUS_CONCLUSION[s]));

/**
 * The 30-day rule's span (docs/ewl-rules.md §6.4): {@link STALE_STOPPED_DAYS} days as an exact number of
 * seconds, the milliseconds the TypeScript rule compares. An interval without a day or month part
 * means the same elapsed time in every session time zone (a `'30 days'` interval would not across
 * a daylight-saving change).
 */
export const STALE_STOPPED_INTERVAL_SQL = `make_interval(secs => ${(STALE_STOPPED_DAYS * MS_PER_DAY) / 1000})`;

/** The 30-day rule has run at `asOf` for an experiment that ended at `endedAt` (`staleStoppedRuleHasRun`). */
export function staleStoppedRuleHasRunSql(endedAt: string, asOf: string): string {
  return `${endedAt} < ${asOf} - ${STALE_STOPPED_INTERVAL_SQL}`;
}

/** The 30-day rule has not run yet at `asOf` (the negation of {@link staleStoppedRuleHasRunSql} for a known `endedAt`). */
function staleStoppedRulePendingSql(endedAt: string, asOf: string): string {
  return `${endedAt} >= ${asOf} - ${STALE_STOPPED_INTERVAL_SQL}`;
}

/**
 * Settled: concluded at `concluded_at` whatever the clock (a status concluded at its conclusion, or
 * a STOPPED one that has a conclusion); what the monthly roll-up summary may hold.
 */
export function settledSql(alias: string): string {
  return `${concludingStatusSql(alias)} AND ${alias}.concluded_at IS NOT NULL`;
}

/**
 * The status is one that concludes (STOPPED, CONCLUDED, ARCHIVED; not DRAFT or RUNNING): the only
 * statuses whose stored category can be a data category (a DRAFT or RUNNING experiment is PENDING
 * or EXCLUDED), so a filter on data categories may add it on `experiment` to read only those rows.
 */
export function concludingStatusSql(alias: string): string {
  return inList(`${alias}.status`, statusesOf('STOPPED_RULE', 'AT_CONCLUDED_AT'));
}

/** A STOPPED experiment without a conclusion: its conclusion instant depends on the reader's clock (the 30-day rule). */
export function awaitingStoppedRuleSql(alias: string): string {
  return `${inList(`${alias}.status`, statusesOf('STOPPED_RULE'))} AND ${alias}.concluded_at IS NULL`;
}

/**
 * When the experiment concluded, as seen at `asOf` (docs/ewl-rules.md §6.4, §14): `concluded_at` once CONCLUDED
 * or ARCHIVED (or STOPPED with a conclusion); `ended_at` for a STOPPED experiment without a
 * conclusion once the 30-day rule has run at `asOf`; NULL while not concluded. The SQL form of
 * `conclusionOf()`'s date (src/domain/learning-category.ts).
 */
export function conclusionDateSql(alias: string, asOf: string): string {
  return `CASE WHEN ${inList(`${alias}.status`, statusesOf('AT_CONCLUDED_AT'))} THEN ${alias}.concluded_at
    WHEN ${inList(`${alias}.status`, statusesOf('STOPPED_RULE'))} THEN coalesce(${alias}.concluded_at,
      CASE WHEN ${staleStoppedRuleHasRunSql(`${alias}.ended_at`, asOf)} THEN ${alias}.ended_at END) END`;
}

/**
 * True when the stored row is PENDING at `asOf` although its stored category is its data category:
 * an in-scope STOPPED experiment without a conclusion whose 30-day rule has not run yet. NULL when
 * `ended_at` is unknown (such a row is stored as PENDING).
 */
function pendingByStoppedRuleSql(alias: string, asOf: string): string {
  return `${alias}.counts_toward_ewl AND ${awaitingStoppedRuleSql(alias)} AND ${staleStoppedRulePendingSql(`${alias}.ended_at`, asOf)}`;
}

/**
 * The stored category at an instant (docs/ewl-rules.md §14, `effectiveCategory()`): a STOPPED experiment
 * without a conclusion is PENDING until the 30-day rule has run, then its stored (data) category;
 * EXCLUDED stays EXCLUDED.
 */
export function effectiveCategorySql(alias: string, asOfSql: string): string {
  return `CASE WHEN ${pendingByStoppedRuleSql(alias, asOfSql)} THEN ${literal('PENDING' satisfies LearningCategory)} ELSE ${alias}.category END`;
}

/**
 * The stored row's category at `asOf` is one of `categories`: equal to
 * `effectiveCategorySql(...) IN (categories)`, written so that the planner can estimate (and index)
 * the category test. A row is PENDING at `asOf` when stored PENDING or held PENDING by the 30-day
 * rule; any other category is the stored one when the rule does not hold the row.
 */
export function effectiveCategoryInSql(
  alias: string,
  asOfSql: string,
  categories: readonly LearningCategory[],
): string {
  const pending = literal('PENDING' satisfies LearningCategory);
  const stored = categories.filter((category) => category !== 'PENDING');
  const heldPending = pendingByStoppedRuleSql(alias, asOfSql);
  const asStored = `${inList(`${alias}.category`, stored)} AND (${heldPending}) IS NOT TRUE`;
  if (stored.length === categories.length) return asStored;
  const asPending = `${alias}.category = ${pending} OR (${heldPending})`;
  return stored.length === 0 ? `(${asPending})` : `((${asStored}) OR ${asPending})`;
}

/** The categories whose `isLearning` is `isLearning` (`CATEGORY_FLAGS`; PENDING and EXCLUDED are neither). */
export function learningCategories(isLearning: boolean): DataCategory[] {
  return categoriesFlagged('isLearning', isLearning);
}

/** `category` (an SQL expression) is a concluded category, one inside the rates' denominator. */
export function concludedCategorySql(category: string): string {
  return inList(category, CONCLUDED_CATEGORIES);
}

const sameKinds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((k) => b.includes(k));

/**
 * `true` when the decision kind `kind` is one `expectedDecisions(category, subReason)` allows, as
 * an SQL CASE generated from that function over every concluded category and sub-reason.
 */
export function expectedDecisionSql(category: string, subReason: string, kind: string): string {
  const branches = CONCLUDED_CATEGORIES.map((cat) => {
    const base = expectedDecisions(cat, null);
    const special = CATEGORY_SUB_REASONS.filter((sr) => !sameKinds(expectedDecisions(cat, sr), base));
    if (special.length === 0) return `WHEN ${literal(cat)} THEN ${inList(kind, base)}`;
    const inner = special.map((sr) => `WHEN ${literal(sr)} THEN ${inList(kind, expectedDecisions(cat, sr))}`).join(' ');
    return `WHEN ${literal(cat)} THEN CASE ${subReason} ${inner} ELSE ${inList(kind, base)} END`;
  });
  return `(CASE ${category} ${branches.join(' ')} ELSE false END)`;
}

/**
 * The next instant after `now` at which the 30-day rule concludes a STOPPED experiment of `table`
 * (NULL: none is waiting), as a scalar subquery: the roll-up cache's clock horizon. A row whose
 * rule has not run at `now` is waiting; its answer changes right after `ended_at` + the span.
 */
export function nextStoppedRuleSql(table: string, now: string): string {
  return `(SELECT min(t.ended_at) + ${STALE_STOPPED_INTERVAL_SQL} FROM ${table} t
          WHERE ${awaitingStoppedRuleSql('t')} AND ${staleStoppedRulePendingSql('t.ended_at', now)})`;
}

/**
 * Days run, start to end (`daysRun()`, src/domain/companion-numbers.ts) as a float8: the exact
 * seconds between the two instants over the seconds of a day.
 */
export function daysRunSql(alias: string): string {
  return `(extract(epoch FROM ${alias}.ended_at - ${alias}.started_at) / ${MS_PER_DAY / 1000})::float8`;
}

/** Ran longer than planned (`ranLongerThanPlanned()`): more days run than the whole planned days. */
export function ranLongerThanPlannedSql(daysRun: string, plannedRuntimeDays: string): string {
  return `${daysRun} > ${plannedRuntimeDays}`;
}
