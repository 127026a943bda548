import { DomainError } from '../../../../src/domain/errors';
import type { MetricType } from '../../../../src/domain/experiment';
import {
  type SufficientStatisticsDraft,
  validateSufficientStatistics,
} from '../../../../src/domain/rules/sufficient-statistics';

const check = (type: MetricType, draft: SufficientStatisticsDraft) =>
  validateSufficientStatistics('input.results[3]', 'metric "m", variant "v"', type, draft);
const ratio = { n: 100, sum: 300, sumSq: 1000, sumX: 200, sumXSq: 500, sumXY: 650 };

describe('validateSufficientStatistics', () => {
  it.each<[string, MetricType, SufficientStatisticsDraft]>([
    ['a binary result with 0 < sum < n', 'BINARY', { n: 100, sum: 12 }],
    ['a binary result with sum = n', 'BINARY', { n: 100, sum: 100 }],
    ['an empty binary result', 'BINARY', { n: 0, sum: 0 }],
    ['a binary result whose sumSq equals sum', 'BINARY', { n: 10, sum: 3, sumSq: 3 }],
    ['a continuous result with positive variance', 'CONTINUOUS', { n: 3, sum: 6, sumSq: 14 }],
    ['a constant continuous metric (zero variance)', 'CONTINUOUS', { n: 4, sum: 8, sumSq: 16 }],
    ['a variance a rounding error below zero', 'CONTINUOUS', { n: 3, sum: 0.3, sumSq: 0.03 * (1 - 1e-12) }],
    ['negative continuous values', 'CONTINUOUS', { n: 2, sum: -4, sumSq: 10 }],
    ['n = 1 with sumSq = sum² (one unit, no variance)', 'CONTINUOUS', { n: 1, sum: 5, sumSq: 25 }],
    ['n = 0 with zero sums', 'CONTINUOUS', { n: 0, sum: 0, sumSq: 0 }],
    ['a ratio with one unit', 'RATIO', { n: 1, sum: 3, sumSq: 9, sumX: 2, sumXSq: 4, sumXY: 6 }],
    ['a consistent ratio result', 'RATIO', ratio],
  ])('accepts %s', (_label, type, draft) => {
    expect(() => check(type, draft)).not.toThrow();
  });

  it('returns sumSq = sum for a binary metric', () => {
    expect(check('BINARY', { n: 10, sum: 4 })).toEqual({
      n: 10,
      sum: 4,
      sumSq: 4,
      sumX: null,
      sumXSq: null,
      sumXY: null,
    });
  });

  it.each<[string, MetricType, SufficientStatisticsDraft, string]>([
    ['a negative n', 'BINARY', { n: -1, sum: 0 }, 'n'],
    ['a fractional n', 'CONTINUOUS', { n: 2.5, sum: 0, sumSq: 0 }, 'n'],
    ['a binary sum above n', 'BINARY', { n: 10, sum: 11 }, 'sum'],
    ['a negative binary sum', 'BINARY', { n: 10, sum: -1 }, 'sum'],
    ['a fractional binary sum', 'BINARY', { n: 10, sum: 2.5 }, 'sum'],
    ['a binary sumSq different from sum', 'BINARY', { n: 10, sum: 3, sumSq: 9 }, 'sumSq'],
    ['ratio sums on a binary metric', 'BINARY', { n: 10, sum: 3, sumXY: 1 }, 'sumXY'],
    ['a continuous result without sumSq', 'CONTINUOUS', { n: 10, sum: 3 }, 'sumSq'],
    ['a negative sumSq', 'CONTINUOUS', { n: 1, sum: 1, sumSq: -1 }, 'sumSq'],
    ['a negative implied variance', 'CONTINUOUS', { n: 3, sum: 6, sumSq: 11 }, 'sumSq'],
    ['a non-finite sum', 'CONTINUOUS', { n: 3, sum: Number.POSITIVE_INFINITY, sumSq: 1 }, 'sum'],
    ['NaN in sumSq', 'CONTINUOUS', { n: 3, sum: 1, sumSq: Number.NaN }, 'sumSq'],
    ['ratio sums on a continuous metric', 'CONTINUOUS', { n: 3, sum: 1, sumSq: 1, sumX: 1 }, 'sumX'],
    ['a ratio result without sumX', 'RATIO', { ...ratio, sumX: null }, 'sumX'],
    ['a ratio with a negative Y variance', 'RATIO', { ...ratio, sumSq: 800 }, 'sumSq'],
    ['a ratio with a negative X variance', 'RATIO', { ...ratio, sumXSq: 300 }, 'sumXSq'],
    ['a ratio covariance beyond Cauchy-Schwarz', 'RATIO', { ...ratio, sumXY: 5000 }, 'sumXY'],
    ['n = 1 with a variance (sumSq ≠ sum²)', 'CONTINUOUS', { n: 1, sum: 5, sumSq: 3 }, 'sumSq'],
    ['n = 0 with a non-zero sum', 'CONTINUOUS', { n: 0, sum: 2, sumSq: 1 }, 'sum'],
    ['n = 0 with a non-zero sumSq', 'CONTINUOUS', { n: 0, sum: 0, sumSq: 1 }, 'sumSq'],
    [
      'a one-unit ratio whose sumXY is not sumX · sum',
      'RATIO',
      { n: 1, sum: 3, sumSq: 9, sumX: 2, sumXSq: 4, sumXY: 7 },
      'sumXY',
    ],
  ])('refuses %s, naming the field', (_label, type, draft, field) => {
    let error: unknown;
    try {
      check(type, draft);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('BAD_USER_INPUT');
    expect((error as DomainError).reason).toBe('INCONSISTENT_STATISTICS');
    expect((error as DomainError).details.field).toBe(`input.results[3].${field}`);
    expect((error as DomainError).message).toContain('metric "m", variant "v"');
  });
});
