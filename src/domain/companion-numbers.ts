import type { AnalysisInput, ExperimentAnalysis } from './analysis-types';
import { MS_PER_DAY } from './ruleset';

/**
 * The companion numbers of the learning rate (docs/ewl-rules.md §7.1): volume, precision and
 * runtime, so that the rate cannot be raised unnoticed by running fewer, coarser or longer
 * experiments. The per-experiment facts are computed here and stored with the classification;
 * the roll-up SQL takes their medians and counts over the concluded experiments of a window.
 */

/**
 * What an experiment contributes to the precision numbers, one value per SUCCESS metric (design
 * order) that has one:
 * - `mdeRelative`: the pre-registered MDE of each success metric registered on the RELATIVE
 *   scale (an ABSOLUTE MDE is not a relative one until divided by an observed mean, so it is left
 *   out);
 * - `poweredEffectRelative`: the smallest relative effect the analysis was powered to detect on
 *   each success metric, the powered effect `(z_{1−α} + z_{1−β*})·SE / |m_C|` (docs/ewl-rules.md
 *   §3.8), the largest over the treatment arms (the effect every arm was powered to detect; an A/B
 *   test has one arm). Arms without a powered effect (no MDE, not enough data, control mean 0) are
 *   left out; a metric with none of them is left out.
 * Both are null while the experiment has not ended (DRAFT, RUNNING): they are facts of its
 * conclusion, and storing them earlier would make every result a new classification version.
 */
export interface PrecisionFacts {
  readonly mdeRelative: readonly number[] | null;
  readonly poweredEffectRelative: readonly number[] | null;
}

/**
 * The precision facts of an analysed experiment (pure; see {@link PrecisionFacts}).
 * @example precisionFactsOf(input, analysis) // { mdeRelative: [0.02], poweredEffectRelative: [0.0174] }
 */
export function precisionFactsOf(
  input: Pick<AnalysisInput, 'endedAt' | 'metrics'>,
  analysis: Pick<ExperimentAnalysis, 'arms'>,
): PrecisionFacts {
  if (input.endedAt === null) return { mdeRelative: null, poweredEffectRelative: null };
  const success = input.metrics.filter((m) => m.role === 'SUCCESS');
  const mdeRelative = success.flatMap((m) => (m.mdeScale === 'RELATIVE' && m.mde !== null ? [m.mde] : []));
  const poweredEffectRelative = success.flatMap((m) => {
    let largest: number | null = null;
    for (const arm of analysis.arms) {
      for (const a of arm.metrics) {
        if (a.metricId !== m.id || a.poweredEffectAbs === null || a.meanC === null || a.meanC === 0) continue;
        const relative = a.poweredEffectAbs / Math.abs(a.meanC);
        // Finite and > 0 (the stored column's CHECK): an underflow or overflow is not a powered effect.
        if (Number.isFinite(relative) && relative > 0 && (largest === null || relative > largest)) largest = relative;
      }
    }
    return largest === null ? [] : [largest];
  });
  return { mdeRelative, poweredEffectRelative };
}

/**
 * Days an experiment ran: from its start to its end (traffic stopped), in fractional days. The
 * time from the end to the conclusion (the analysis) is not running time.
 * @example daysRun(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-15T12:00:00Z')) // 14.5
 */
export function daysRun(startedAt: Date, endedAt: Date): number {
  return (endedAt.getTime() - startedAt.getTime()) / MS_PER_DAY;
}

/**
 * Ran longer than planned: more days run than `plannedRuntimeDays` (strictly; the plan is a whole
 * number of days, so an experiment planned for 14 days that ran 14 days and an hour overran).
 */
export function ranLongerThanPlanned(days: number, plannedRuntimeDays: number): boolean {
  return days > plannedRuntimeDays;
}

/** A median with the number of values it is the median of (null when there are none). */
export interface MedianWithCount {
  readonly median: number | null;
  readonly count: number;
}

/** The companion sums and medians of one set of concluded experiments, as the roll-up SQL returns them. */
export interface CompanionCounts {
  /** Days run (start to end) of the concluded experiments. */
  readonly daysRun: MedianWithCount;
  /** Concluded experiments with a planned runtime (the denominator of the overrun share). */
  readonly withPlan: number;
  /** Of those, the ones that ran longer than planned. */
  readonly longerThanPlanned: number;
  /** Pre-registered relative MDEs of the concluded experiments' success metrics. */
  readonly mdeRelative: MedianWithCount;
  /** Relative powered effects of the concluded experiments' success metrics. */
  readonly poweredEffectRelative: MedianWithCount;
}

/** Companion numbers of an empty set (also what a roll-up answers when they were not asked for). */
export function emptyCompanionCounts(): CompanionCounts {
  const none = { median: null, count: 0 };
  return { daysRun: none, withPlan: 0, longerThanPlanned: 0, mdeRelative: none, poweredEffectRelative: none };
}

/**
 * The exact median of some values (the mean of the two middle ones for an even count), as SQL's
 * `percentile_cont(0.5)` computes it; null for none. For the tests' references and the pure parts.
 * @example exactMedian([3, 1, 2, 10]) // 2.5
 */
export function exactMedian(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor((sorted.length - 1) / 2);
  const lower = sorted[mid]!;
  const upper = sorted[sorted.length - 1 - mid]!;
  return lower + 0.5 * (upper - lower);
}
