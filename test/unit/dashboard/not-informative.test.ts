import { buildNotInformative, notInformativeOption } from '../../../src/dashboard/view-model/not-informative';
import { formatDays, formatMedianPercent, medianDetail } from '../../../src/dashboard/view-model/companion';

const stats = {
  counts: { underpowered: 5, invalid: 2 },
  underpoweredBySubReason: [
    { subReason: 'BELOW_REQUIRED_SAMPLE', count: 4 },
    { subReason: 'MISSING_MDE', count: 1 },
  ],
  invalidByReason: [
    { reason: 'SRM_FAILED', count: 2 },
    { reason: 'NO_TRAFFIC', count: 1 },
  ],
};

describe('buildNotInformative', () => {
  it("lists the API's counts, underpowered sub-reasons first, in the API's order, with labels", () => {
    const view = buildNotInformative(stats);
    expect(view).toMatchObject({ underpowered: 5, invalid: 2 });
    expect(view.rows.map((r) => [r.category, r.code, r.label, r.count])).toEqual([
      ['UNDERPOWERED', 'BELOW_REQUIRED_SAMPLE', 'Below the required sample', 4],
      ['UNDERPOWERED', 'MISSING_MDE', 'Missing MDE or NIM', 1],
      ['INVALID', 'SRM_FAILED', 'Sample ratio mismatch', 2],
      ['INVALID', 'NO_TRAFFIC', 'No traffic in an arm', 1],
    ]);
  });

  it('shows a code it has no label for as the code', () => {
    const view = buildNotInformative({ ...stats, underpoweredBySubReason: [{ subReason: 'NEW_REASON', count: 3 }] });
    expect(view.rows[0]).toMatchObject({ code: 'NEW_REASON', label: 'NEW_REASON' });
  });
});

describe('notInformativeOption', () => {
  it('draws one bar per reason, top to bottom in the rows order, in the series of its category', () => {
    const option = notInformativeOption(buildNotInformative(stats), 'Why not informative');
    expect(option.aria).toMatchObject({ enabled: true, label: { description: 'Why not informative' } });
    // ECharts draws a category axis bottom-up: the first row comes last.
    expect((option.yAxis as { data: string[] }).data).toEqual([
      'No traffic in an arm',
      'Sample ratio mismatch',
      'Missing MDE or NIM',
      'Below the required sample',
    ]);
    const series = option.series as Array<{ name: string; data: Array<number | null> }>;
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['Underpowered', [null, null, 1, 4]],
      ['Invalid', [1, 2, null, null]],
    ]);
  });
});

describe('companion number formats', () => {
  it('shows medians as percentages or days, and a dash when there is none', () => {
    expect(formatMedianPercent({ median: 0.02, count: 3 })).toBe('2.0%');
    expect(formatMedianPercent({ median: null, count: 0 })).toBe('—');
    expect(formatDays(14)).toBe('14 days');
    expect(formatDays(13.25)).toBe('13.3 days');
    expect(formatDays(1)).toBe('1 day');
    expect(formatDays(null)).toBe('—');
    expect(medianDetail({ median: 14, count: 12 }, 'experiments')).toBe('median of 12 experiments');
    expect(medianDetail({ median: null, count: 0 }, 'experiments')).toBe('no experiments');
  });
});
