import type { CustomSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import { type ChartOption, escapeHtml } from './chart-options';
import { type ForestPlot, type ForestRow, VERDICT_STYLE } from './forest-plot';
import { OKABE_ITO } from './palette';
import { formatAxisPercent, formatRelative, formatRelativeInterval } from './relative-format';

/** The reference markers' colours: black for an MDE, reddish purple for a NIM (with different shapes too). */
export const MARGIN_STYLE = {
  MDE: { colour: OKABE_ITO.black, symbol: 'rect', size: [3, 24] },
  NIM: {
    colour: OKABE_ITO.reddishPurple,
    symbol: 'path://M0,0 L6,0 L6,2 L4,2 L4,22 L6,22 L6,24 L0,24 L0,22 L2,22 L2,2 L0,2 Z',
    size: [8, 24],
  },
} as const;

const INTERVAL_ICON = 'path://M0,0 L2,0 L2,5 L18,5 L18,0 L20,0 L20,12 L18,12 L18,7 L2,7 L2,12 L0,12 Z';

/** The text of one row, for tooltips: name, verdict, effect, interval, margin. */
export function describeRow(row: ForestRow): string {
  return [
    `<strong>${escapeHtml(row.name)}</strong> (${row.role.toLowerCase()})`,
    `${escapeHtml(row.verdict.label)}`,
    `Relative effect ${formatRelative(row.effect)}`,
    `${(row.ciLevel * 100).toFixed(0)} % interval ${formatRelativeInterval(row.lower, row.upper)}`,
    ...(row.margin ? [escapeHtml(row.margin.text)] : []),
  ].join('<br>');
}

/**
 * A forest plot: one row per metric (top to bottom in the plot's order), its interval as a capped bar and its
 * relative effect as a point coloured and shaped by its verdict, the verdict written under the metric's name, a zero
 * line, and each metric's MDE or NIM as a marker on its row.
 */
export function forestPlotOption(plot: ForestPlot, description: string): ChartOption {
  // ECharts draws a category axis bottom-up: the first row goes last.
  const rows = [...plot.rows].reverse();
  const tooltip = (texts: string[]) => ({
    formatter: (p: unknown) => texts[(p as { dataIndex: number }).dataIndex] ?? '',
  });
  const renderInterval: NonNullable<CustomSeriesOption['renderItem']> = (params, api) => {
    const row = rows[params.dataIndex]!;
    const [x1, y] = api.coord([row.lower, params.dataIndex]) as [number, number];
    const [x2] = api.coord([row.upper, params.dataIndex]) as [number, number];
    const style = { stroke: VERDICT_STYLE[row.verdict.tone].colour, lineWidth: 2 };
    const cap = 7;
    return {
      type: 'group',
      children: [
        { type: 'line', shape: { x1, y1: y, x2, y2: y }, style },
        { type: 'line', shape: { x1, y1: y - cap, x2: x1, y2: y + cap }, style },
        { type: 'line', shape: { x1: x2, y1: y - cap, x2, y2: y + cap }, style },
      ],
    };
  };
  const interval: CustomSeriesOption = {
    type: 'custom',
    name: 'Interval',
    color: OKABE_ITO.black,
    renderItem: renderInterval,
    encode: { x: [1, 2], y: 0 },
    data: rows.map((r, i) => [i, r.lower, r.upper]),
    tooltip: tooltip(rows.map(describeRow)),
    z: 2,
  };
  const effect: ScatterSeriesOption = {
    type: 'scatter',
    name: 'Relative effect',
    color: OKABE_ITO.black,
    symbolSize: 13,
    data: rows.map((r, i) => ({
      value: [r.effect, i],
      symbol: VERDICT_STYLE[r.verdict.tone].symbol,
      itemStyle: { color: VERDICT_STYLE[r.verdict.tone].colour, borderColor: '#ffffff', borderWidth: 1 },
    })),
    tooltip: tooltip(rows.map(describeRow)),
    markLine: {
      silent: true,
      symbol: 'none',
      lineStyle: { color: '#333333', type: 'solid', width: 1 },
      label: { formatter: 'no effect', position: 'end' },
      data: [{ xAxis: 0 }],
    },
    z: 3,
  };
  const margins = (['MDE', 'NIM'] as const).map((kind): ScatterSeriesOption => {
    const marked = rows.flatMap((r, i) => (r.margin?.kind === kind && r.margin.x !== null ? [{ r, i }] : []));
    return {
      type: 'scatter',
      name: kind,
      color: MARGIN_STYLE[kind].colour,
      symbol: MARGIN_STYLE[kind].symbol,
      symbolSize: [...MARGIN_STYLE[kind].size],
      data: marked.map(({ r, i }) => [r.margin!.x!, i]),
      tooltip: tooltip(
        marked.map(({ r }) => `<strong>${escapeHtml(r.name)}</strong><br>${escapeHtml(r.margin!.text)}`),
      ),
      z: 1,
    };
  });
  return {
    aria: { enabled: true, label: { description } },
    textStyle: { fontFamily: 'system-ui, sans-serif' },
    grid: { left: 8, right: 32, top: 36, bottom: 8, containLabel: true },
    legend: {
      top: 0,
      // The interval's icon is a capped bar, as drawn.
      data: ['Relative effect', { name: 'Interval', icon: INTERVAL_ICON }, 'MDE', 'NIM'],
    },
    tooltip: { trigger: 'item' },
    xAxis: {
      type: 'value',
      min: plot.min,
      max: plot.max,
      axisLabel: { formatter: (v: number) => formatAxisPercent(v) },
      splitLine: { lineStyle: { color: '#e6e6e6' } },
    },
    yAxis: {
      type: 'category',
      data: rows.map((r) => `${r.name}\n${r.verdict.label}`),
      axisTick: { show: false },
      axisLabel: { lineHeight: 16 },
    },
    series: [interval, effect, ...margins],
  };
}
