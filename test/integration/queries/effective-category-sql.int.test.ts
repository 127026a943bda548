import { LEARNING_CATEGORIES, type LearningCategory } from '../../../src/domain/analysis-types';
import { EXPERIMENT_STATUSES } from '../../../src/domain/experiment';
import { effectiveCategoryInSql, effectiveCategorySql, literal } from '../../../src/db/sql/ewl-rules.sql';
import { useTestApp } from '../helpers';

const AS_OF = '2026-06-01T00:00:00Z';
const DAY_MS = 86_400_000;
const daysBefore = (days: number) => new Date(Date.parse(AS_OF) - days * DAY_MS).toISOString();

/** Every non-empty subset of the categories. */
const subsets = (LEARNING_CATEGORIES as readonly LearningCategory[]).reduce<LearningCategory[][]>(
  (all, category) => [...all, ...all.map((subset) => [...subset, category]), [category]],
  [],
);

/**
 * The category filter's SQL (`effectiveCategoryInSql`, written for the planner's estimates and
 * indexes) keeps exactly the rows whose category at `asOf` (`effectiveCategorySql`, the rule's SQL
 * form) is in the list: for every list of categories, over stored rows of every category, status,
 * scope, end (unknown, within the 30 days, before them) and conclusion.
 */
describe('effectiveCategoryInSql', () => {
  const t = useTestApp();
  const rows = LEARNING_CATEGORIES.flatMap((category) =>
    EXPERIMENT_STATUSES.flatMap((status) =>
      [true, false].flatMap((counts) =>
        [null, daysBefore(5), daysBefore(29.999), daysBefore(30.001), daysBefore(45)].flatMap((endedAt) =>
          [null, daysBefore(1)].map((concluded) => ({
            category,
            status,
            counts_toward_ewl: counts,
            ended_at: endedAt,
            concluded_at: concluded,
          })),
        ),
      ),
    ),
  );

  it.each(subsets.map((subset) => [subset.join(', '), subset] as const))(
    'equals the category at asOf in (%s)',
    async (_name, categories) => {
      const asOf = `$2::timestamptz`;
      const [row] = await t.dataSource.query(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE expected)::int AS expected,
           count(*) FILTER (WHERE actual IS DISTINCT FROM expected)::int AS differing
         FROM (SELECT (${effectiveCategorySql('r', asOf)} IN (${categories.map(literal).join(', ')})) IS TRUE AS expected,
             (${effectiveCategoryInSql('r', asOf, categories)}) IS TRUE AS actual
           FROM json_to_recordset($1::json)
             AS r(category text, status text, counts_toward_ewl boolean, ended_at timestamptz, concluded_at timestamptz)) c`,
        [JSON.stringify(rows), AS_OF],
      );
      expect(row).toEqual({ n: rows.length, expected: expect.any(Number), differing: 0 });
    },
  );
});
