import { type ChartOption, escapeHtml } from './chart-options';
import { type buildHistogram, formatEffect } from './metric-insight';
import { OKABE_ITO } from './palette';

/** The histogram of observed relative effects: one bar per bin of the API, in its order (most negative first). */
export function effectHistogramOption(histogram: ReturnType<typeof buildHistogram>, description: string): ChartOption {
  return {
    aria: { enabled: true, label: { description } },
    textStyle: { fontFamily: 'system-ui, sans-serif' },
    grid: { left: 48, right: 16, top: 24, bottom: 72 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: histogram.labels,
      name: 'observed relative effect',
      nameLocation: 'middle',
      nameGap: 56,
      axisLabel: { rotate: 30, interval: 0 },
    },
    yAxis: { type: 'value', minInterval: 1, name: 'arms', nameLocation: 'middle', nameGap: 32 },
    series: [{ type: 'bar', name: 'Arms', color: OKABE_ITO.blue, data: histogram.counts, barCategoryGap: '10%' }],
  };
}

/** One arm of the effects table as the dot plot reads it (MetricArmEffect). */
export interface ArmEffect {
  readonly experimentKey: string;
  readonly variantKey: string;
  readonly effect: number;
  readonly shrunk: { readonly effect: number } | null;
}

/** The arms' labels (`experiment / variant`, in the API's order) with their observed and shrunk effects. */
export function buildEffectDots(arms: readonly ArmEffect[]): {
  labels: string[];
  raw: number[];
  shrunk: Array<number | null>;
} {
  return {
    labels: arms.map((a) => `${a.experimentKey} / ${a.variantKey}`),
    raw: arms.map((a) => a.effect),
    shrunk: arms.map((a) => a.shrunk?.effect ?? null),
  };
}

/** Each arm's observed (circle) and shrunk (diamond) effect on one row, the first arm at the top. */
export function effectDotsOption(dots: ReturnType<typeof buildEffectDots>, description: string): ChartOption {
  const points = (values: ReadonlyArray<number | null>) =>
    values.flatMap((value, row) => (value === null ? [] : [[value, row]]));
  return {
    aria: { enabled: true, label: { description } },
    textStyle: { fontFamily: 'system-ui, sans-serif' },
    grid: { left: 200, right: 24, top: 32, bottom: 32 },
    legend: { top: 0 },
    tooltip: {
      trigger: 'item',
      formatter: (info) => {
        const { seriesName, value } = info as { seriesName?: string; value?: [number, number] };
        if (!value) return '';
        return `${escapeHtml(dots.labels[value[1]] ?? '')}<br>${escapeHtml(seriesName ?? '')} ${formatEffect(value[0])}`;
      },
    },
    xAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => `${Number((v * 100).toFixed(2))}%` } },
    yAxis: { type: 'category', data: dots.labels, inverse: true, axisLabel: { width: 190, overflow: 'truncate' } },
    series: [
      {
        type: 'scatter',
        name: 'Observed',
        symbol: 'circle',
        symbolSize: 9,
        color: OKABE_ITO.vermillion,
        data: points(dots.raw),
      },
      {
        type: 'scatter',
        name: 'Shrunk',
        symbol: 'diamond',
        symbolSize: 11,
        color: OKABE_ITO.blue,
        data: points(dots.shrunk),
      },
    ],
  };
}
