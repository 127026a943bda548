import { CONCLUDED_CATEGORIES, type CategoryCounts } from './categories';
import { formatInterval, formatRate, type Rate } from './rates';

/** One period of OrgNode.statsSeries, as the node page reads it. */
export interface SeriesPeriod {
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly concluded: number;
  readonly learningRate: Rate | null;
  readonly winRate: Rate | null;
  readonly counts: CategoryCounts;
}

/** A rate over the periods: value and interval ends per period, null where nothing concluded. */
export interface RateBand {
  readonly value: (number | null)[];
  readonly lower: (number | null)[];
  readonly upper: (number | null)[];
  readonly smallSample: boolean[];
}

/**
 * The label of a period: `2025 Q3` for a whole calendar quarter; a period clipped by the window's edge adds its
 * dates, e.g. `2026 Q4 (to 2026-12-03)` (the last day it covers) or `2025 Q1 (from 2025-02-15)`.
 */
export function periodLabel(periodStart: string, periodEnd: string): string {
  const start = new Date(periodStart);
  const end = new Date(periodEnd);
  const firstMonth = start.getUTCMonth() - (start.getUTCMonth() % 3);
  const quarter = `${start.getUTCFullYear()} Q${firstMonth / 3 + 1}`;
  const startsQuarter = start.getTime() === Date.UTC(start.getUTCFullYear(), firstMonth, 1);
  const endsQuarter = end.getTime() === Date.UTC(start.getUTCFullYear(), firstMonth + 3, 1);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const lastDay = day(new Date(end.getTime() - 1));
  if (startsQuarter && endsQuarter) return quarter;
  if (startsQuarter) return `${quarter} (to ${lastDay})`;
  if (endsQuarter) return `${quarter} (from ${day(start)})`;
  return `${quarter} (${day(start)} to ${lastDay})`;
}

function band(periods: readonly SeriesPeriod[], pick: (p: SeriesPeriod) => Rate | null): RateBand {
  const rates = periods.map(pick);
  return {
    value: rates.map((r) => r?.value ?? null),
    lower: rates.map((r) => r?.lower ?? null),
    upper: rates.map((r) => r?.upper ?? null),
    smallSample: rates.map((r) => r === null || r.smallSample),
  };
}

/** The trend chart's data: learning and win rate per period, and the same numbers as table rows. */
export function buildTrend(periods: readonly SeriesPeriod[]) {
  return {
    labels: periods.map((p) => periodLabel(p.periodStart, p.periodEnd)),
    learning: band(periods, (p) => p.learningRate),
    win: band(periods, (p) => p.winRate),
    rows: periods.map((p) => ({
      period: periodLabel(p.periodStart, p.periodEnd),
      concluded: p.concluded,
      learningRate: formatRate(p.learningRate),
      learningInterval: formatInterval(p.learningRate),
      winRate: formatRate(p.winRate),
      winInterval: formatInterval(p.winRate),
      smallSample: p.learningRate === null || p.learningRate.smallSample,
    })),
  };
}

/** The category mix per period: one stacked series per concluded category, counts as the API gives them. */
export function buildCategoryMix(periods: readonly SeriesPeriod[]) {
  return {
    labels: periods.map((p) => periodLabel(p.periodStart, p.periodEnd)),
    series: CONCLUDED_CATEGORIES.map((c) => ({
      category: c.category,
      label: c.label,
      colour: c.colour,
      values: periods.map((p) => p.counts[c.field]),
    })),
  };
}
