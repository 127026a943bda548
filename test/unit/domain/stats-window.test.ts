import { DomainError } from '../../../src/domain/errors';
import {
  addBuckets,
  bucketStart,
  DEFAULT_SERIES_BUCKETS,
  resolveStatsWindow,
  seriesPeriods,
} from '../../../src/domain/stats-window';

const d = (s: string) => new Date(s);
const NOW = d('2026-11-24T16:00:00Z');
const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? `${e.code} ${e.details.field}` : String(e);
  }
  return 'no error';
};

describe('resolveStatsWindow', () => {
  it('defaults to all time up to now', () => {
    expect(resolveStatsWindow({}, NOW)).toEqual({ from: null, to: NOW });
  });

  it.each([
    ['from equal to to', { from: d('2026-01-01Z'), to: d('2026-01-01Z') }],
    ['from after to', { from: d('2026-02-01Z'), to: d('2026-01-01Z') }],
    ['a window longer than 20 years', { from: d('2005-12-31T23:59:59Z'), to: d('2026-01-01Z') }],
  ])('rejects %s naming from', (_name, window) => {
    expect(fieldOf(() => resolveStatsWindow(window, NOW))).toBe('BAD_USER_INPUT from');
  });

  it('accepts exactly 20 years', () => {
    expect(resolveStatsWindow({ from: d('2006-01-01Z'), to: d('2026-01-01Z') }, NOW).from).toEqual(d('2006-01-01Z'));
  });
});

describe('bucketStart', () => {
  it.each([
    ['MONTH', '2026-05-31T23:59:59.999Z', '2026-05-01T00:00:00.000Z'],
    ['QUARTER', '2026-05-31T23:59:59.999Z', '2026-04-01T00:00:00.000Z'],
    ['QUARTER', '2026-12-31T00:00:00.000Z', '2026-10-01T00:00:00.000Z'],
    ['YEAR', '2026-05-31T23:59:59.999Z', '2026-01-01T00:00:00.000Z'],
  ] as const)('puts %s of %s at %s (UTC)', (bucket, instant, start) => {
    expect(bucketStart(d(instant), bucket).toISOString()).toBe(start);
  });

  it('moves by calendar buckets across year ends', () => {
    expect(addBuckets(d('2025-11-01Z'), 'QUARTER', 1).toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(addBuckets(d('2026-01-01Z'), 'MONTH', -13).toISOString()).toBe('2024-12-01T00:00:00.000Z');
  });
});

describe('seriesPeriods', () => {
  it('clips the first and last bucket to the window', () => {
    const periods = seriesPeriods({ from: d('2025-11-15Z'), to: d('2026-02-10Z') }, 'MONTH', NOW).map((p) => [
      p.periodStart.toISOString(),
      p.periodEnd.toISOString(),
    ]);
    expect(periods).toEqual([
      ['2025-11-15T00:00:00.000Z', '2025-12-01T00:00:00.000Z'],
      ['2025-12-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
      ['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
      ['2026-02-01T00:00:00.000Z', '2026-02-10T00:00:00.000Z'],
    ]);
  });

  it('ends a bucket-aligned window without an empty last bucket', () => {
    const periods = seriesPeriods({ from: d('2025-01-01Z'), to: d('2026-01-01Z') }, 'QUARTER', NOW);
    expect(periods).toHaveLength(4);
    expect(periods[3]!.periodEnd.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it(`defaults to the ${DEFAULT_SERIES_BUCKETS} buckets ending with the one containing to (now)`, () => {
    const periods = seriesPeriods({}, 'MONTH', NOW);
    expect(periods).toHaveLength(DEFAULT_SERIES_BUCKETS);
    expect(periods[0]!.periodStart.toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(periods[11]!).toEqual({ periodStart: d('2026-11-01Z'), periodEnd: NOW });
  });

  it('rejects more than 500 buckets and an empty window, naming from', () => {
    expect(fieldOf(() => seriesPeriods({ from: d('1980-01-01Z'), to: d('2026-01-01Z') }, 'MONTH', NOW))).toBe(
      'BAD_USER_INPUT from',
    );
    expect(fieldOf(() => seriesPeriods({ from: d('2026-01-01Z'), to: d('2026-01-01Z') }, 'YEAR', NOW))).toBe(
      'BAD_USER_INPUT from',
    );
    expect(seriesPeriods({ from: d('1986-01-01Z'), to: d('2026-01-01Z') }, 'YEAR', NOW)).toHaveLength(40);
  });
});
