/**
 * The one definition of every field limit: text lengths, list sizes and numeric ranges. The domain
 * rules check them (text-fields.ts, experiment-settings.ts, ...), the GraphQL inputs declare them on
 * their fields (`@TextLimit`, which checks them before the resolver runs and derives the numbers in
 * the descriptions), and where the database enforces a limit too, `check` names its CHECK
 * constraint: test/integration/db/field-limits.int.test.ts reads the installed constraints and
 * asserts that they agree with this table (migrations are never edited; a changed limit needs a new
 * migration).
 *
 * Text lengths count characters after trimming, so surrounding white space never makes a value too
 * long. Where the database has no CHECK, the limit is the application's alone. Counts of list items
 * live with their rules: variants in variant-set.ts, planner metrics in sample-size-plan.ts, the
 * size of any input list in input-lists.ts.
 */

/** Length of a text field, in characters after trimming. */
export interface TextLimit {
  /** 1: required and not blank; 0: may be empty. */
  readonly min: 0 | 1;
  readonly max: number;
  /** The CHECK constraint that enforces `min <= length(btrim(column)) <= max` in the database, if any. */
  readonly check?: string;
}

/** Text limits by entity and field. */
export const TEXT_LIMITS = {
  orgNode: {
    name: { min: 1, max: 200, check: 'org_node_name_nonblank' },
    kind: { min: 1, max: 50, check: 'org_node_kind_nonblank' },
  },
  experiment: {
    title: { min: 1, max: 300, check: 'experiment_title_nonblank' },
    description: { min: 0, max: 10_000 },
    randomizationUnit: { min: 1, max: 50 },
    /** The system an experiment was imported from, and its id there. */
    externalSource: { min: 1, max: 200 },
    externalId: { min: 1, max: 200 },
    /** The product surface it changes (normalised like a tag; null when none). */
    surface: { min: 1, max: 50, check: 'experiment_surface_length' },
  },
  hypothesis: {
    statement: { min: 1, max: 5000, check: 'hypothesis_statement_nonblank' },
    rationale: { min: 0, max: 5000 },
  },
  variant: { name: { min: 1, max: 200 } },
  metric: {
    name: { min: 1, max: 200, check: 'metric_name_nonblank' },
    description: { min: 0, max: 5000 },
  },
  healthCheck: {
    name: { min: 0, max: 200 },
    details: { min: 0, max: 5000 },
    reporter: { min: 0, max: 200 },
  },
  decision: {
    rationale: { min: 0, max: 10_000 },
    decidedBy: { min: 1, max: 200, check: 'decision_decided_by_nonblank' },
  },
  learning: {
    summary: { min: 1, max: 5000, check: 'learning_summary_nonblank' },
    author: { min: 1, max: 200, check: 'learning_author_nonblank' },
  },
  /** One tag of an experiment or a learning (after lower-casing). */
  tag: { min: 1, max: 50 },
  apiKey: { name: { min: 1, max: 200, check: 'api_key_name_check' } },
  designAmendment: { reason: { min: 1, max: 2000 } },
} as const satisfies Record<string, TextLimit | Record<string, TextLimit>>;

/** Longest key (org nodes, experiments, metrics, variants); the `*_key_format` CHECKs allow the same. */
export const MAX_KEY_LENGTH = 100;

/** At most this many distinct tags per experiment or learning (after normalising). */
export const MAX_TAGS = 20;

/** A numeric range; each end is inclusive or not. */
export interface NumberRange {
  readonly min: number;
  readonly minInclusive: boolean;
  readonly max: number;
  readonly maxInclusive: boolean;
  /** The CHECK constraint that enforces the same range on the column in the database, if any. */
  readonly check?: string;
}

/** Numeric ranges of the experiment settings and reported checks. */
export const NUMBER_RANGES = {
  /** One-sided significance level: 0 < alpha < 0.5 (an alpha of 0.5 or more is a coin flip). */
  alpha: { min: 0, minInclusive: false, max: 0.5, maxInclusive: false, check: 'experiment_alpha_range' },
  /** Target power 1 - beta: 0 < power < 1. */
  power: { min: 0, minInclusive: false, max: 1, maxInclusive: false, check: 'experiment_power_range' },
  /** A reported health check's p-value: a probability from 0 to 1. */
  pValue: { min: 0, minInclusive: true, max: 1, maxInclusive: true, check: 'health_check_p_value_range' },
} as const satisfies Record<string, NumberRange>;

/** True when `value` lies in `range`. NaN lies in none. */
export function inRange(value: number, range: NumberRange): boolean {
  return (
    (range.minInclusive ? value >= range.min : value > range.min) &&
    (range.maxInclusive ? value <= range.max : value < range.max)
  );
}

/**
 * A range in words for error messages.
 * @example describeRange('alpha', NUMBER_RANGES.alpha) // '0 < alpha < 0.5'
 */
export function describeRange(name: string, range: NumberRange): string {
  return `${range.min} ${range.minInclusive ? '<=' : '<'} ${name} ${range.maxInclusive ? '<=' : '<'} ${range.max}`;
}

/**
 * A range in interval notation for error messages.
 * @example describeInterval(NUMBER_RANGES.alpha) // '(0, 0.5)'
 */
export function describeInterval(range: NumberRange): string {
  return `${range.minInclusive ? '[' : '('}${range.min}, ${range.max}${range.maxInclusive ? ']' : ')'}`;
}

/**
 * A text limit in words, as the schema descriptions put it.
 * @example describeTextLength(TEXT_LIMITS.experiment.title) // '1-300 characters'
 */
export function describeTextLength(limit: TextLimit): string {
  return limit.min === 0 ? `at most ${limit.max} characters` : `${limit.min}-${limit.max} characters`;
}
