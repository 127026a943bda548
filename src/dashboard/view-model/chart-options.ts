import type { ComposeOption } from 'echarts/core';
import type {
  BarSeriesOption,
  CustomSeriesOption,
  LineSeriesOption,
  ScatterSeriesOption,
  TreemapSeriesOption,
} from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { buildCategoryMix, buildTrend, RateBand } from './node-series';
import type { TreemapDatum } from './org-tree';
import { OKABE_ITO } from './palette';
import { formatPercent } from './rates';

/** The ECharts options the dashboard uses (the modules registered by charts/echarts.ts and charts/*-modules.ts). */
export type ChartOption = ComposeOption<
  | TreemapSeriesOption
  | LineSeriesOption
  | BarSeriesOption
  | ScatterSeriesOption
  | CustomSeriesOption
  | AriaComponentOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

const FONT = 'system-ui, sans-serif';

/** Escapes text for the HTML of a tooltip (names come from the API). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The organisation treemap: area = concluded experiments, colour = learning rate, grey for small samples. */
export function treemapOption(roots: readonly TreemapDatum[], description: string): ChartOption {
  const toData = (d: TreemapDatum): NonNullable<TreemapSeriesOption['data']>[number] & { key: string } => ({
    name: d.name,
    key: d.key,
    value: d.value,
    itemStyle: { color: d.colour },
    label: { color: d.textColour, formatter: d.label },
    upperLabel: { formatter: d.label.split('\n').join('  ·  ') },
    children: d.children.length > 0 ? d.children.map(toData) : undefined,
  });
  return {
    aria: { enabled: true, label: { description } },
    textStyle: { fontFamily: FONT },
    tooltip: {
      formatter: (info) => {
        const data = (info as { data?: { label?: { formatter?: string } } }).data;
        return escapeHtml(data?.label?.formatter ?? '').replace(/\n/g, '<br>');
      },
    },
    series: [
      {
        type: 'treemap',
        roam: false,
        nodeClick: false,
        breadcrumb: { show: false },
        left: 0,
        top: 0,
        right: 0,
        bottom: 0,
        label: { show: true, overflow: 'truncate', lineHeight: 16 },
        upperLabel: { show: true, height: 22, overflow: 'truncate' },
        itemStyle: { borderColor: '#ffffff' },
        // Parents show as a band with their label above their children: dark bands, white text.
        levels: [
          { itemStyle: { borderColor: '#333333', borderWidth: 0, gapWidth: 3 }, upperLabel: { color: '#ffffff' } },
          { itemStyle: { borderColor: '#595959', borderWidth: 3, gapWidth: 2 }, upperLabel: { color: '#ffffff' } },
          { itemStyle: { borderColor: '#ffffff', borderWidth: 1, gapWidth: 1 } },
        ],
        data: roots.map(toData),
      },
    ],
  };
}

/** One rate's three series: the interval as a band (lower, then upper - lower stacked on it) and the value line. */
function bandSeries(id: string, label: string, colour: string, band: RateBand): LineSeriesOption[] {
  const width = band.upper.map((u, i) => (u === null || band.lower[i] === null ? null : u - band.lower[i]!));
  const hidden = { lineStyle: { opacity: 0 }, symbol: 'none', silent: true, stack: `${id}-band` } as const;
  return [
    { ...hidden, type: 'line', name: `${label} lower`, data: band.lower },
    {
      ...hidden,
      type: 'line',
      name: `${label} interval`,
      data: width,
      areaStyle: { color: colour, opacity: 0.18 },
    },
    {
      type: 'line',
      name: label,
      data: band.value,
      color: colour,
      symbolSize: 7,
      lineStyle: { width: 2 },
    },
  ];
}

/** Learning and win rate per period, each with its 95 % interval as a band. */
export function trendOption(trend: ReturnType<typeof buildTrend>, description: string): ChartOption {
  const rates = [
    { id: 'learning', label: 'Learning rate', colour: OKABE_ITO.blue, band: trend.learning },
    { id: 'win', label: 'Win rate', colour: OKABE_ITO.bluishGreen, band: trend.win },
  ];
  return {
    aria: { enabled: true, label: { description } },
    textStyle: { fontFamily: FONT },
    grid: { left: 56, right: 16, top: 40, bottom: 56 },
    legend: { data: rates.map((r) => r.label), top: 0 },
    tooltip: {
      trigger: 'axis',
      formatter: (items) => {
        const index = (Array.isArray(items) ? items[0] : items)?.dataIndex ?? 0;
        const row = trend.rows[index];
        if (!row) return '';
        return [
          `<strong>${escapeHtml(row.period)}</strong> (${row.concluded} concluded)`,
          `Learning rate ${row.learningRate} (${row.learningInterval})`,
          `Win rate ${row.winRate} (${row.winInterval})`,
        ].join('<br>');
      },
    },
    xAxis: { type: 'category', data: trend.labels, axisLabel: { rotate: trend.labels.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => formatPercent(v) } },
    series: rates.flatMap((r) => bandSeries(r.id, r.label, r.colour, r.band)),
  };
}

/** Concluded experiments per category and period, stacked; patterns (decals) besides colours. */
export function categoryMixOption(mix: ReturnType<typeof buildCategoryMix>, description: string): ChartOption {
  return {
    aria: { enabled: true, label: { description }, decal: { show: true } },
    textStyle: { fontFamily: FONT },
    grid: { left: 48, right: 16, top: 40, bottom: 56 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: mix.labels, axisLabel: { rotate: mix.labels.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1, name: 'concluded', nameLocation: 'middle', nameGap: 36 },
    series: mix.series.map((s) => ({
      type: 'bar',
      name: s.label,
      stack: 'mix',
      color: s.colour,
      data: s.values,
      emphasis: { focus: 'series' },
    })),
  };
}
