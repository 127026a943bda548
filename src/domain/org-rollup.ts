import { wilsonInterval } from '../stats/intervals';
import { type CategorySubReason, type DataCategory, DATA_CATEGORIES, type ValidityReasonCode } from './analysis-types';
import type { DecisionKind } from './experiment';
import { categoriesFlagged } from './learning-category';
import { type CompanionCounts, emptyCompanionCounts, type MedianWithCount } from './companion-numbers';

/**
 * Roll-up statistics of a set of experiments (an org node's OWN or SUBTREE set in a window, or
 * any experiment filter), docs/ewl-rules.md §7-§8. The counting happens in SQL (`src/db/queries/rollup-reads.ts`);
 * this module turns the pooled counts into rates with Wilson intervals and holds the tables the
 * SQL is generated from, so the two never disagree.
 */

/** Below this many concluded experiments a rate is flagged `smallSample` (docs/ewl-rules.md §7: concluded < 10). */
export const SMALL_SAMPLE_CONCLUDED = 10;

/** OWN: experiments owned by the node; SUBTREE: owned by the node or any descendant (each counts once per ancestor). */
export const STATS_SCOPES = ['OWN', 'SUBTREE'] as const;
export type StatsScope = (typeof STATS_SCOPES)[number];

export const STATS_RATES = [
  'LEARNING_RATE',
  'WIN_RATE',
  'REGRESSION_RATE',
  'NEUTRAL_RATE',
  'UNDERPOWERED_RATE',
  'INVALID_RATE',
] as const;
export type StatsRate = (typeof STATS_RATES)[number];

/** Numerator categories of every rate; the denominator is always `concluded` (docs/ewl-rules.md §7). */
export const RATE_NUMERATORS: Readonly<Record<StatsRate, readonly DataCategory[]>> = {
  LEARNING_RATE: categoriesFlagged('isLearning', true),
  WIN_RATE: categoriesFlagged('isWin', true),
  REGRESSION_RATE: ['REGRESSION'],
  NEUTRAL_RATE: ['POWERED_NEUTRAL'],
  UNDERPOWERED_RATE: ['UNDERPOWERED'],
  INVALID_RATE: ['INVALID'],
};

/** The categories inside the denominator (everything but PENDING and EXCLUDED). */
export const CONCLUDED_CATEGORIES: readonly DataCategory[] = DATA_CATEGORIES;

/**
 * The category each "why not informative" breakdown counts: `invalidByReason` splits INVALID
 * experiments by validity reason, `underpoweredBySubReason` splits UNDERPOWERED ones by sub-reason.
 */
export const BREAKDOWN_CATEGORY = {
  invalidByReason: 'INVALID',
  underpoweredBySubReason: 'UNDERPOWERED',
} as const satisfies Readonly<Record<'invalidByReason' | 'underpoweredBySubReason', DataCategory>>;
export { CATEGORY_SUB_REASONS, VALIDITY_REASON_CODES } from './analysis-types';

export interface KeyCount<K extends string> {
  readonly key: K;
  readonly count: number;
}

/** Pooled counts of one experiment set, as the roll-up SQL returns them. */
export interface RollupCounts {
  /** Concluded, in-scope experiments per category (the rates' numerators; their sum is the denominator). */
  readonly categories: Readonly<Record<DataCategory, number>>;
  readonly pending: number;
  readonly excluded: number;
  readonly restarts: number;
  /** In-scope experiments started in the window (volume). */
  readonly started: number;
  /** INVALID experiments per validity reason (one experiment counts under each of its reasons). */
  readonly invalidByReason: readonly KeyCount<ValidityReasonCode>[];
  /** UNDERPOWERED experiments per sub-reason. */
  readonly underpoweredBySubReason: readonly KeyCount<CategorySubReason>[];
  /** Concluded experiments per kind of their current decision. */
  readonly decisionsByKind: readonly KeyCount<DecisionKind>[];
  readonly inconsistentDecisions: number;
  readonly undecided: number;
  /**
   * Concluded experiments whose pre-registered design was amended after launch (they still count
   * in their category; docs/pre-registration.md).
   */
  readonly amendedAfterLaunch: number;
  readonly oldestUndecidedAgeDays: number | null;
  readonly medianDaysToDecision: number | null;
  /** Days run, overruns and precision of the concluded experiments (zeros and nulls unless asked for). */
  readonly companions: CompanionCounts;
}

/** The decisions that ship a change: the numerator of the shipping rate (a companion of the learning rate). */
export const SHIPPING_DECISIONS: readonly DecisionKind[] = ['SHIP', 'SHIP_INFRA'];

/** A rate with its 95 % Wilson interval (docs/ewl-rules.md §8). */
export interface RateWithInterval {
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
  readonly successes: number;
  readonly total: number;
  /** Fewer than {@link SMALL_SAMPLE_CONCLUDED} concluded experiments: show greyed out. */
  readonly smallSample: boolean;
}

export interface CategoryCounts {
  readonly win: number;
  readonly regression: number;
  readonly poweredNeutral: number;
  readonly underpowered: number;
  readonly invalid: number;
  readonly pending: number;
  readonly excluded: number;
}

/** The rate fields of {@link RollupStats}. */
export type RateField =
  'learningRate' | 'winRate' | 'regressionRate' | 'neutralRate' | 'underpoweredRate' | 'invalidRate';

/** Everything `OrgNode.stats` and `portfolioStats` answer. Rates are null when nothing concluded. */
export interface RollupStats
  extends
    Readonly<Record<RateField, RateWithInterval | null>>,
    Pick<
      RollupCounts,
      | 'pending'
      | 'excluded'
      | 'restarts'
      | 'invalidByReason'
      | 'underpoweredBySubReason'
      | 'decisionsByKind'
      | 'inconsistentDecisions'
      | 'medianDaysToDecision'
      | 'amendedAfterLaunch'
    > {
  readonly concluded: number;
  readonly counts: CategoryCounts;
  readonly decisionDebt: { readonly count: number; readonly oldestAgeDays: number | null };
  /** Concluded experiments whose current decision ships (SHIPPING_DECISIONS) / concluded; null when nothing concluded. */
  readonly shippingRate: RateWithInterval | null;
  /** Volume: in-scope experiments started in the window, and concluded in it (the denominator). */
  readonly volume: { readonly started: number; readonly concluded: number };
  /** Precision medians over the concluded experiments' success metrics (docs/ewl-rules.md §7.1). */
  readonly precision: {
    readonly mdeRelative: MedianWithCount;
    readonly poweredEffectRelative: MedianWithCount;
  };
  /** Runtime of the concluded experiments: median days run, and the share that ran longer than planned. */
  readonly runtime: {
    readonly daysRun: MedianWithCount;
    /** Longer than planned / concluded with a plan; null when none has a plan. */
    readonly longerThanPlanned: RateWithInterval | null;
  };
}

/** Where each rate sits in {@link RollupStats}. */
export const RATE_FIELDS: Readonly<Record<StatsRate, RateField>> = {
  LEARNING_RATE: 'learningRate',
  WIN_RATE: 'winRate',
  REGRESSION_RATE: 'regressionRate',
  NEUTRAL_RATE: 'neutralRate',
  UNDERPOWERED_RATE: 'underpoweredRate',
  INVALID_RATE: 'invalidRate',
};

/** Counts of an empty set. */
export function emptyRollupCounts(): RollupCounts {
  return {
    categories: { WIN: 0, REGRESSION: 0, POWERED_NEUTRAL: 0, UNDERPOWERED: 0, INVALID: 0 },
    pending: 0,
    excluded: 0,
    restarts: 0,
    started: 0,
    invalidByReason: [],
    underpoweredBySubReason: [],
    decisionsByKind: [],
    inconsistentDecisions: 0,
    undecided: 0,
    amendedAfterLaunch: 0,
    oldestUndecidedAgeDays: null,
    medianDaysToDecision: null,
    companions: emptyCompanionCounts(),
  };
}

/** The denominator of every rate: concluded, in-scope experiments (docs/ewl-rules.md §7). */
export function concludedCount(counts: Pick<RollupCounts, 'categories'>): number {
  const c = counts.categories;
  return c.WIN + c.REGRESSION + c.POWERED_NEUTRAL + c.UNDERPOWERED + c.INVALID;
}

/**
 * One rate of a pooled set: (sum of its numerator categories) / concluded, with the 95 % Wilson
 * interval; null when nothing concluded (docs/ewl-rules.md §7: never 0).
 * @example rollupRate({ categories: { WIN: 12, REGRESSION: 20, POWERED_NEUTRAL: 32, UNDERPOWERED: 30, INVALID: 6 } }, 'LEARNING_RATE')
 * // { value: 0.64, lower: 0.54235, upper: 0.72729, successes: 64, total: 100, smallSample: false }
 */
export function rollupRate(counts: Pick<RollupCounts, 'categories'>, rate: StatsRate): RateWithInterval | null {
  let successes = 0;
  for (const category of RATE_NUMERATORS[rate]) successes += counts.categories[category];
  return shareWithInterval(successes, concludedCount(counts));
}

/**
 * A share `successes / total` with its 95 % Wilson interval and the small-sample flag (total below
 * {@link SMALL_SAMPLE_CONCLUDED}); null when the total is 0.
 */
export function shareWithInterval(successes: number, total: number): RateWithInterval | null {
  if (total === 0) return null;
  const interval = wilsonInterval({ successes, total });
  return {
    value: interval.estimate,
    lower: interval.lower,
    upper: interval.upper,
    successes,
    total,
    smallSample: total < SMALL_SAMPLE_CONCLUDED,
  };
}

/** Non-zero entries, largest count first, ties by key. */
function ranked<K extends string>(entries: readonly KeyCount<K>[]): KeyCount<K>[] {
  return entries
    .filter((e) => e.count > 0)
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Builds the answer of `OrgNode.stats` from pooled counts (pure; no loop over experiments). */
export function buildRollupStats(counts: RollupCounts): RollupStats {
  const c = counts.categories;
  return {
    concluded: concludedCount(counts),
    counts: {
      win: c.WIN,
      regression: c.REGRESSION,
      poweredNeutral: c.POWERED_NEUTRAL,
      underpowered: c.UNDERPOWERED,
      invalid: c.INVALID,
      pending: counts.pending,
      excluded: counts.excluded,
    },
    learningRate: rollupRate(counts, 'LEARNING_RATE'),
    winRate: rollupRate(counts, 'WIN_RATE'),
    regressionRate: rollupRate(counts, 'REGRESSION_RATE'),
    neutralRate: rollupRate(counts, 'NEUTRAL_RATE'),
    underpoweredRate: rollupRate(counts, 'UNDERPOWERED_RATE'),
    invalidRate: rollupRate(counts, 'INVALID_RATE'),
    pending: counts.pending,
    excluded: counts.excluded,
    restarts: counts.restarts,
    invalidByReason: ranked(counts.invalidByReason),
    underpoweredBySubReason: ranked(counts.underpoweredBySubReason),
    decisionsByKind: ranked(counts.decisionsByKind),
    inconsistentDecisions: counts.inconsistentDecisions,
    amendedAfterLaunch: counts.amendedAfterLaunch,
    decisionDebt: {
      count: counts.undecided,
      oldestAgeDays: counts.undecided > 0 ? counts.oldestUndecidedAgeDays : null,
    },
    medianDaysToDecision: counts.medianDaysToDecision,
    shippingRate: shareWithInterval(
      counts.decisionsByKind.filter((d) => SHIPPING_DECISIONS.includes(d.key)).reduce((sum, d) => sum + d.count, 0),
      concludedCount(counts),
    ),
    volume: { started: counts.started, concluded: concludedCount(counts) },
    precision: {
      mdeRelative: counts.companions.mdeRelative,
      poweredEffectRelative: counts.companions.poweredEffectRelative,
    },
    runtime: {
      daysRun: counts.companions.daysRun,
      longerThanPlanned: shareWithInterval(counts.companions.longerThanPlanned, counts.companions.withPlan),
    },
  };
}
