import { formatPercent } from './rates';

/** A median as the API gives it (MedianWithCount): null when it is taken over no values. */
export interface Median {
  readonly median?: number | null;
  readonly count: number;
}

/** A median fraction as a percentage, e.g. `2.0%`; a dash when there is none. */
export function formatMedianPercent(median: Median): string {
  return median.median === null || median.median === undefined ? '—' : formatPercent(median.median);
}

/** A number of days with at most one decimal, e.g. `14 days`, `13.5 days`, `1 day`; a dash for none. */
export function formatDays(days: number | null | undefined): string {
  if (days === null || days === undefined) return '—';
  const text = Number.isInteger(days) ? String(days) : days.toFixed(1);
  return `${text} ${days === 1 ? 'day' : 'days'}`;
}

/** What a median is taken over, e.g. `median of 12`; `none` for no values. */
export function medianDetail(median: Median, noun: string): string {
  return median.count === 0 ? `no ${noun}` : `median of ${median.count} ${noun}`;
}
