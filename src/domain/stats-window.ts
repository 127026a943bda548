import { badInput } from './errors';

/**
 * Windows and calendar buckets of the roll-up statistics (docs/ewl-rules.md §8). A window is half-open,
 * `[from, to)`, in UTC; `from = null` means "since the beginning". Series buckets are UTC calendar
 * periods clipped to the window.
 */

export const STATS_BUCKETS = ['MONTH', 'QUARTER', 'YEAR'] as const;
export type StatsBucket = (typeof STATS_BUCKETS)[number];

/** Longest explicit window of plain stats, in years (all time, `from = null`, is always allowed; series are bounded by their bucket count). */
export const MAX_WINDOW_YEARS = 20;
/** Most buckets one series may have. */
export const MAX_SERIES_BUCKETS = 500;
/** Buckets of a series when `from` is not given: this many calendar periods ending with the one containing `to`. */
export const DEFAULT_SERIES_BUCKETS = 12;

/** Calendar months per bucket. */
export const BUCKET_MONTHS: Readonly<Record<StatsBucket, number>> = { MONTH: 1, QUARTER: 3, YEAR: 12 };

export interface StatsWindow {
  readonly from: Date | null;
  readonly to: Date;
}

export interface SeriesPeriod {
  readonly periodStart: Date;
  readonly periodEnd: Date;
}

/** Start (UTC midnight of the first day) of the calendar bucket containing `instant`. */
export function bucketStart(instant: Date, bucket: StatsBucket): Date {
  const months = BUCKET_MONTHS[bucket];
  const month = Math.floor(instant.getUTCMonth() / months) * months;
  return new Date(Date.UTC(instant.getUTCFullYear(), month, 1));
}

/** `start` moved by `n` buckets (calendar months in UTC; `start` should be a bucket start). */
export function addBuckets(start: Date, bucket: StatsBucket, n: number): Date {
  return new Date(
    Date.UTC(
      start.getUTCFullYear(),
      start.getUTCMonth() + n * BUCKET_MONTHS[bucket],
      start.getUTCDate(),
      0,
      0,
      0,
      start.getUTCMilliseconds(),
    ),
  );
}

/** `to` minus {@link MAX_WINDOW_YEARS} calendar years. */
function earliestFrom(to: Date): Date {
  const earliest = new Date(to.getTime());
  earliest.setUTCFullYear(to.getUTCFullYear() - MAX_WINDOW_YEARS);
  return earliest;
}

/**
 * The window of a stats request: `to` defaults to `now`, `from` to null (all time).
 * @throws DomainError BAD_USER_INPUT naming `from` when from >= to or the window is longer than {@link MAX_WINDOW_YEARS} years.
 */
export function resolveStatsWindow(input: { from?: Date | null; to?: Date | null }, now: Date): StatsWindow {
  const to = input.to ?? now;
  const from = input.from ?? null;
  if (from !== null) {
    if (from.getTime() >= to.getTime())
      throw badInput('from', from, `a DateTime before to (${to.toISOString()}); windows are half-open [from, to)`);
    if (from.getTime() < earliestFrom(to).getTime()) {
      throw badInput(
        'from',
        from,
        `a window of at most ${MAX_WINDOW_YEARS} years (from >= ${earliestFrom(to).toISOString()})`,
      );
    }
  }
  return { from, to };
}

/**
 * The periods of a series: UTC calendar buckets from the one containing `from` to the one
 * containing the last instant before `to`, clipped to `[from, to)`. Without `from`, the
 * {@link DEFAULT_SERIES_BUCKETS} buckets ending with the one that contains `to`.
 * @throws DomainError BAD_USER_INPUT naming `from` when from >= to or for more than {@link MAX_SERIES_BUCKETS} buckets.
 * @example seriesPeriods({ from: new Date('2025-02-10Z'), to: new Date('2025-04-01Z') }, 'MONTH', now)
 * // [{ 2025-02-10 → 2025-03-01 }, { 2025-03-01 → 2025-04-01 }]
 */
export function seriesPeriods(
  input: { from?: Date | null; to?: Date | null },
  bucket: StatsBucket,
  now: Date,
): SeriesPeriod[] {
  const to = input.to ?? now;
  const lastStart = bucketStart(new Date(to.getTime() - 1), bucket);
  const from = input.from ?? addBuckets(lastStart, bucket, 1 - DEFAULT_SERIES_BUCKETS);
  // The bucket cap, not the 20-year cap, bounds a series: 50 years of YEAR buckets are fine.
  if (from.getTime() >= to.getTime())
    throw badInput('from', from, `a DateTime before to (${to.toISOString()}); windows are half-open [from, to)`);
  const first = bucketStart(from, bucket);
  const count = monthsBetween(first, lastStart) / BUCKET_MONTHS[bucket] + 1;
  if (count > MAX_SERIES_BUCKETS)
    throw badInput('from', from, `at most ${MAX_SERIES_BUCKETS} ${bucket} buckets before to (got ${count})`);
  const periods: SeriesPeriod[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = addBuckets(first, bucket, i);
    const end = addBuckets(first, bucket, i + 1);
    periods.push({ periodStart: i === 0 ? from : start, periodEnd: end.getTime() > to.getTime() ? to : end });
  }
  return periods;
}

function monthsBetween(a: Date, b: Date): number {
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
}
