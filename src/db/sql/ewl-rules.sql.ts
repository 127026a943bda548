import { expectedDecisions } from '../../domain/learning-category';
import { CATEGORY_SUB_REASONS, CONCLUDED_CATEGORIES } from '../../domain/org-rollup';
import { STALE_STOPPED_DAYS } from '../../domain/ruleset';

/**
 * Every SQL form of the EwL rules (docs/ewl-rules.md §6), generated from the domain's constants and
 * tables so that the SQL and the TypeScript rules cannot drift apart. The experiment filter, the
 * roll-up statements, the roll-up summary, the stored decision consistency and the roll-up cache's
 * horizon take their rules from here; no other file spells them.
 */

/** A constant from a domain union as an SQL literal (only SCREAMING_SNAKE identifiers are ever inlined). */
export function literal(value: string): string {
  if (!/^[A-Z][A-Z0-9_]*$/.test(value)) throw new Error(`rollup-sql: refusing to inline ${JSON.stringify(value)}`);
  return `'${value}'`;
}

/** `column IN (values)` over domain constants (`false` for no value). */
export function inList(column: string, values: readonly string[]): string {
  return values.length === 0 ? 'false' : `${column} IN (${values.map(literal).join(', ')})`;
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
 * When the experiment concluded, as seen at `asOf` (docs/ewl-rules.md §6.4, §14): `concluded_at` once CONCLUDED
 * or ARCHIVED (or STOPPED with a conclusion); `ended_at` for a STOPPED experiment without a
 * conclusion once more than 30 days passed at `asOf`; NULL while not concluded. Mirrors
 * `conclusionOf()` in src/domain/learning-category.ts.
 */
export function conclusionDateSql(alias: string, asOf: string): string {
  return `CASE WHEN ${alias}.status IN ('CONCLUDED', 'ARCHIVED') THEN ${alias}.concluded_at
    WHEN ${alias}.status = 'STOPPED' THEN coalesce(${alias}.concluded_at,
      CASE WHEN ${alias}.ended_at < ${asOf} - interval '${STALE_STOPPED_DAYS * 24} hours' THEN ${alias}.ended_at END) END`;
}

/**
 * The stored category at an instant (docs/ewl-rules.md §14): a STOPPED experiment without a conclusion is
 * PENDING until 30 days after its end, then its stored (data) category; EXCLUDED stays EXCLUDED.
 */
export function effectiveCategorySql(alias: string, asOfSql: string): string {
  return `CASE WHEN ${alias}.counts_toward_ewl AND ${alias}.status = 'STOPPED' AND ${alias}.concluded_at IS NULL
    AND ${alias}.ended_at >= ${asOfSql} - interval '${STALE_STOPPED_DAYS} days' THEN 'PENDING' ELSE ${alias}.category END`;
}

/** The categories the `isLearning` filter matches, by its value (PENDING and EXCLUDED match neither). */
export function learningCategoriesSql(isLearning: boolean): string {
  return isLearning ? `'WIN', 'REGRESSION', 'POWERED_NEUTRAL'` : `'UNDERPOWERED', 'INVALID'`;
}
