import { displayValue, DomainError } from '../errors';
import type { MetricType, SufficientStatistics } from '../experiment';

/**
 * Sums are aggregated in floating point by upstream systems, so an implied sum of squared
 * deviations (`sumSq - sum²/n`) may come out a little below zero for a constant metric. Values down
 * to `-VARIANCE_RELATIVE_TOLERANCE * max(sumSq, sum²/n)` are accepted (the statistics layer treats
 * them as zero variance); anything lower cannot come from real data and is refused (docs/ewl-rules.md §2.6).
 */
export const VARIANCE_RELATIVE_TOLERANCE = 1e-9;

export interface SufficientStatisticsDraft {
  readonly n: number;
  readonly sum: number;
  readonly sumSq?: number | null;
  readonly sumX?: number | null;
  readonly sumXSq?: number | null;
  readonly sumXY?: number | null;
}

export type { SufficientStatistics };

type Field = 'n' | 'sum' | 'sumSq' | 'sumX' | 'sumXSq' | 'sumXY';

/**
 * Validates one metric result's sufficient statistics for its metric type (docs/ewl-rules.md §2.6):
 * - all: `n` an integer >= 0, every sum finite;
 * - BINARY: `sum` an integer from 0 to n; `sumSq`, when given, equals `sum` (x² = x); no ratio sums.
 *   The returned `sumSq` is `sum`.
 * - CONTINUOUS: `sumSq` required, >= 0 and, for n >= 2, `sumSq >= sum²/n` (variance not negative,
 *   within VARIANCE_RELATIVE_TOLERANCE); no ratio sums.
 * - RATIO (numerator Y in sum/sumSq, denominator X in sumX/sumXSq, sumXY): all five sums required;
 *   for n >= 2 both variances non-negative and the covariance within Cauchy-Schwarz bounds.
 * With n < 2 there is no variance: n = 0 needs every sum 0, and n = 1 needs sumSq = sum² (and for
 * RATIO sumXSq = sumX², sumXY = sumX·sum); anything else is refused as an impossible variance.
 * @param field path of the item, e.g. `input.results[3]`; @param label names it for people, e.g. `metric "conv", variant "b"`.
 * @throws DomainError BAD_USER_INPUT, reason INCONSISTENT_STATISTICS, naming e.g. `input.results[3].sum`.
 */
export function validateSufficientStatistics(
  field: string,
  label: string,
  type: MetricType,
  draft: SufficientStatisticsDraft,
): SufficientStatistics {
  const fail = (name: Field, value: unknown, allowed: string): DomainError => {
    const path = `${field}.${name}`;
    const shown = displayValue(value);
    return new DomainError('BAD_USER_INPUT', `Invalid ${path} (${label}): got ${shown}, expected ${allowed}`, {
      reason: 'INCONSISTENT_STATISTICS',
      details: { field: path, value: shown, allowed },
    });
  };
  const stats: SufficientStatistics = {
    n: draft.n,
    sum: draft.sum,
    sumSq: draft.sumSq ?? null,
    sumX: draft.sumX ?? null,
    sumXSq: draft.sumXSq ?? null,
    sumXY: draft.sumXY ?? null,
  };
  if (!Number.isSafeInteger(stats.n) || stats.n < 0) throw fail('n', stats.n, 'an integer >= 0');
  for (const name of ['sum', 'sumSq', 'sumX', 'sumXSq', 'sumXY'] as const) {
    const value = stats[name];
    if (value !== null && !Number.isFinite(value)) throw fail(name, value, 'a finite number');
  }
  const required = (name: Field): number => {
    const value = stats[name];
    if (value === null) throw fail(name, null, `a value (required for ${type} metrics)`);
    return value;
  };
  const forbidden = (names: readonly Field[]): void => {
    for (const name of names)
      if (stats[name] !== null) throw fail(name, stats[name], `no value (only RATIO metrics have ${name})`);
  };
  const close = (a: number, b: number): boolean =>
    Math.abs(a - b) <= VARIANCE_RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b), 1e-300);
  const variance = (name: Field, sumSq: number, sum: number, sumName: Field): void => {
    if (sumSq < 0) throw fail(name, sumSq, 'a number >= 0');
    // With fewer than 2 units there is no variance: n = 0 means all sums are 0, and one unit's
    // sum of squares is its sum squared. Anything else claims a variance the data cannot have.
    if (stats.n === 0) {
      if (sum !== 0) throw fail(sumName, sum, '0 when n = 0');
      if (sumSq !== 0) throw fail(name, sumSq, '0 when n = 0');
      return;
    }
    if (stats.n === 1) {
      if (!close(sumSq, sum * sum))
        throw fail(name, sumSq, `${sumName}² = ${(sum * sum).toPrecision(6)} when n = 1 (one unit has no variance)`);
      return;
    }
    const squaredMean = (sum * sum) / stats.n;
    if (sumSq - squaredMean < -VARIANCE_RELATIVE_TOLERANCE * Math.max(sumSq, squaredMean)) {
      throw fail(name, sumSq, `at least sum²/n = ${squaredMean.toPrecision(6)} (a variance cannot be negative)`);
    }
  };
  switch (type) {
    case 'BINARY': {
      if (!Number.isInteger(stats.sum) || stats.sum < 0 || stats.sum > stats.n)
        throw fail('sum', stats.sum, `an integer from 0 to n (${stats.n})`);
      if (stats.sumSq !== null && stats.sumSq !== stats.sum)
        throw fail('sumSq', stats.sumSq, `no value or sum (${stats.sum}), since x² = x for 0/1 data`);
      forbidden(['sumX', 'sumXSq', 'sumXY']);
      return { ...stats, sumSq: stats.sum };
    }
    case 'CONTINUOUS':
      variance('sumSq', required('sumSq'), stats.sum, 'sum');
      forbidden(['sumX', 'sumXSq', 'sumXY']);
      return stats;
    case 'RATIO': {
      const sumSq = required('sumSq');
      const sumX = required('sumX');
      const sumXSq = required('sumXSq');
      const sumXY = required('sumXY');
      variance('sumSq', sumSq, stats.sum, 'sum');
      variance('sumXSq', sumXSq, sumX, 'sumX');
      if (stats.n === 1 && !close(sumXY, sumX * stats.sum))
        throw fail('sumXY', sumXY, `sumX · sum = ${(sumX * stats.sum).toPrecision(6)} when n = 1`);
      if (stats.n === 0 && sumXY !== 0) throw fail('sumXY', sumXY, '0 when n = 0');
      if (stats.n >= 2) {
        const ssY = Math.max(0, sumSq - (stats.sum * stats.sum) / stats.n);
        const ssX = Math.max(0, sumXSq - (sumX * sumX) / stats.n);
        const sxy = sumXY - (sumX * stats.sum) / stats.n;
        const bound = Math.sqrt(ssX * ssY);
        const scale = Math.max(Math.abs(sumXY), Math.abs((sumX * stats.sum) / stats.n), bound);
        if (Math.abs(sxy) > bound + VARIANCE_RELATIVE_TOLERANCE * scale) {
          throw fail('sumXY', sumXY, 'a value whose implied covariance of X and Y is within ±sqrt(var X · var Y)');
        }
      }
      return stats;
    }
  }
}
