/** A rate as the API gives it (RateWithInterval): the dashboard shows these numbers and never recomputes them. */
export interface Rate {
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
  readonly smallSample: boolean;
  readonly successes?: number;
  readonly total?: number;
}

/** A rate as a percentage with one decimal, e.g. `63.4%`; a dash when there is none (nothing concluded). */
export function formatRate(rate: Rate | null | undefined): string {
  return rate ? formatPercent(rate.value) : '—';
}

/** The 95 % Wilson interval, e.g. `55.2–71.0%`; a dash when there is no rate. */
export function formatInterval(rate: Rate | null | undefined): string {
  return rate ? `${(rate.lower * 100).toFixed(1)}–${formatPercent(rate.upper)}` : '—';
}

/** The rate with its interval, e.g. `63.4% (55.2–71.0%)`. */
export function formatRateWithInterval(rate: Rate | null | undefined): string {
  return rate ? `${formatRate(rate)} (${formatInterval(rate)})` : '—';
}

/** A fraction in [0, 1] as a percentage with one decimal. */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** The rates a node's statistics have (StatsRate), with the OrgStats field each reads and its label. */
export const STATS_RATES = {
  LEARNING_RATE: { field: 'learningRate', label: 'Learning rate' },
  WIN_RATE: { field: 'winRate', label: 'Win rate' },
  REGRESSION_RATE: { field: 'regressionRate', label: 'Regression rate' },
  NEUTRAL_RATE: { field: 'neutralRate', label: 'Powered-neutral rate' },
  UNDERPOWERED_RATE: { field: 'underpoweredRate', label: 'Underpowered rate' },
  INVALID_RATE: { field: 'invalidRate', label: 'Invalid rate' },
} as const;

export type StatsRateName = keyof typeof STATS_RATES;
export type RateField = (typeof STATS_RATES)[StatsRateName]['field'];
export type RatesOf = { readonly [F in RateField]: Rate | null };

export function isStatsRate(value: string): value is StatsRateName {
  return Object.prototype.hasOwnProperty.call(STATS_RATES, value);
}
