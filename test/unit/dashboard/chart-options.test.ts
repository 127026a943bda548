import {
  categoryMixOption,
  escapeHtml,
  treemapOption,
  trendOption,
} from '../../../src/dashboard/view-model/chart-options';
import { buildCategoryMix, buildTrend } from '../../../src/dashboard/view-model/node-series';
import { buildOrgTree } from '../../../src/dashboard/view-model/org-tree';
import { rateColour, textColourOn } from '../../../src/dashboard/view-model/palette';
import { formatRateWithInterval } from '../../../src/dashboard/view-model/rates';

describe('treemapOption', () => {
  it('carries each node key (for drill-down), its colour and the description for screen readers', () => {
    const { roots } = buildOrgTree([
      { key: 'acme', name: 'Acme', kind: 'company', parentKey: null, concluded: 10, learningRate: null },
      {
        key: 'acme.a',
        name: '<b>A</b>',
        kind: 'team',
        parentKey: 'acme',
        concluded: 10,
        learningRate: { value: 0.5, lower: 0.2, upper: 0.8, smallSample: false },
      },
    ]);
    const option = treemapOption(roots, 'Treemap of 2 org nodes');
    expect(option.aria).toMatchObject({ enabled: true, label: { description: 'Treemap of 2 org nodes' } });
    const series = (option.series as Array<{ data: Array<Record<string, unknown>> }>)[0]!;
    const child = (series.data[0]!.children as Array<Record<string, unknown>>)[0]!;
    expect(child).toMatchObject({ key: 'acme.a', value: 10, itemStyle: { color: rateColour(0.5) } });
    const tooltip = option.tooltip as { formatter: (info: unknown) => string };
    expect(tooltip.formatter({ data: child })).toBe('&#60;b&#62;A&#60;/b&#62;<br>50.0% (20.0–80.0%)<br>10 concluded');
  });
});

describe('trendOption', () => {
  it('draws each interval as a band: lower, then upper minus lower stacked on it', () => {
    const trend = buildTrend([
      {
        periodStart: '2025-01-01T00:00:00.000Z',
        periodEnd: '2025-04-01T00:00:00.000Z',
        concluded: 10,
        learningRate: { value: 0.5, lower: 0.25, upper: 0.75, smallSample: false },
        winRate: null,
        counts: { win: 0, regression: 0, poweredNeutral: 5, underpowered: 5, invalid: 0 },
      },
    ]);
    const series = trendOption(trend, 'trend').series as Array<{ name: string; data: unknown[]; stack?: string }>;
    const byName = Object.fromEntries(series.map((s) => [s.name, s]));
    expect(byName['Learning rate lower']).toMatchObject({ data: [0.25], stack: 'learning-band' });
    expect(byName['Learning rate interval']).toMatchObject({ data: [0.5], stack: 'learning-band' });
    expect(byName['Learning rate']!.data).toEqual([0.5]);
    expect(byName['Win rate interval']!.data).toEqual([null]);
  });
});

describe('categoryMixOption', () => {
  it('stacks one bar series per category and turns on decal patterns', () => {
    const mix = buildCategoryMix([]);
    const option = categoryMixOption(mix, 'mix');
    expect(option.aria).toMatchObject({ decal: { show: true } });
    expect((option.series as Array<{ stack: string }>).every((s) => s.stack === 'mix')).toBe(true);
  });
});

describe('escapeHtml', () => {
  it('escapes the characters that make HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });
});

describe('palette', () => {
  it('maps rates onto the blue scale, clamped, light to dark', () => {
    expect(rateColour(0)).toBe('#eff3ff');
    expect(rateColour(1)).toBe('#08519c');
    expect(rateColour(-1)).toBe(rateColour(0));
    expect(rateColour(2)).toBe(rateColour(1));
  });

  it('writes black on light colours and white on dark ones', () => {
    expect(textColourOn('#eff3ff')).toBe('#000000');
    expect(textColourOn('#08519c')).toBe('#ffffff');
  });

  it('formats a rate with its interval, or a dash', () => {
    expect(formatRateWithInterval({ value: 0.634, lower: 0.583, upper: 0.682, smallSample: false })).toBe(
      '63.4% (58.3–68.2%)',
    );
    expect(formatRateWithInterval(null)).toBe('—');
  });
});
