import type { ChartOption } from './chart-options';
import type { buildHistogram } from './metric-insight';
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
