import {
  DEFAULT_VIEW_PARAMS,
  isIsoDate,
  presetOf,
  quarterStart,
  readViewParams,
  statsArguments,
  withPreset,
  writeViewParams,
} from '../../../src/dashboard/view-model/view-params';

describe('readViewParams', () => {
  it('reads the window, the kinds and the ranking rate from the query', () => {
    expect(readViewParams('?from=2025-01-01&to=2026-01-01&kind=AB_TEST,ROLLOUT&rank=WIN_RATE')).toEqual({
      from: '2025-01-01',
      to: '2026-01-01',
      kinds: ['AB_TEST', 'ROLLOUT'],
      rankBy: 'WIN_RATE',
    });
  });

  it('ignores values that are not valid, keeping their defaults', () => {
    expect(readViewParams('?from=2025-02-30&to=yesterday&kind=AB_TEST,NOPE,AB_TEST&rank=SPEED')).toEqual({
      ...DEFAULT_VIEW_PARAMS,
      kinds: ['AB_TEST'],
    });
  });

  it('round-trips through writeViewParams, leaving defaults out of the URL', () => {
    const params = { from: '2024-04-01', to: null, kinds: ['CAMPAIGN'] as const, rankBy: 'INVALID_RATE' as const };
    const search = writeViewParams({ ...params, kinds: [...params.kinds] });
    expect(search).toBe('?from=2024-04-01&kind=CAMPAIGN&rank=INVALID_RATE');
    expect(readViewParams(search)).toEqual({ ...params, kinds: ['CAMPAIGN'] });
    expect(writeViewParams(DEFAULT_VIEW_PARAMS)).toBe('');
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-2-01', false],
    ['2024-13-01', false],
  ])('is %s a date: %s', (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });
});

describe('statsArguments', () => {
  it('turns dates into UTC midnights and kinds into a StatsFilter', () => {
    expect(
      statsArguments({ from: '2025-01-01', to: '2025-07-01', kinds: ['AB_TEST'], rankBy: 'LEARNING_RATE' }),
    ).toEqual({ from: '2025-01-01T00:00:00.000Z', to: '2025-07-01T00:00:00.000Z', filter: { kind: ['AB_TEST'] } });
  });

  it('passes nulls for an open window and no filter', () => {
    expect(statsArguments(DEFAULT_VIEW_PARAMS)).toEqual({ from: null, to: null, filter: null });
  });
});

describe('quarterStart', () => {
  it('is the first day of the quarter the given number of quarters back, across years', () => {
    const now = new Date('2026-12-03T14:00:00Z');
    expect(quarterStart(now, 0)).toBe('2026-10-01');
    expect(quarterStart(now, 3)).toBe('2026-01-01');
    expect(quarterStart(now, 4)).toBe('2025-10-01');
    expect(quarterStart(new Date('2026-01-01T00:00:00Z'), 1)).toBe('2025-10-01');
  });
});

describe('window presets', () => {
  const now = new Date('2026-05-20T08:00:00Z');

  it('sets the start of the last N quarters and clears the end', () => {
    const params = withPreset({ ...DEFAULT_VIEW_PARAMS, to: '2026-01-01' }, 'q4', now);
    expect(params).toMatchObject({ from: '2025-07-01', to: null });
    expect(presetOf(params, now)).toBe('q4');
  });

  it('recognises all time, and calls any other window custom', () => {
    expect(presetOf(withPreset({ ...DEFAULT_VIEW_PARAMS, from: '2025-01-01' }, 'all', now), now)).toBe('all');
    expect(presetOf({ ...DEFAULT_VIEW_PARAMS, from: '2025-02-01' }, now)).toBe('custom');
    expect(presetOf({ ...DEFAULT_VIEW_PARAMS, to: '2026-01-01' }, now)).toBe('custom');
  });
});
