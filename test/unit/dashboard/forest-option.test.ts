import type { CustomSeriesOption } from 'echarts/charts';
import { forestPlotOption } from '../../../src/dashboard/view-model/forest-option';
import { buildForestPlot, VERDICT_STYLE } from '../../../src/dashboard/view-model/forest-plot';

const plot = buildForestPlot(
  [
    {
      id: 'conv',
      role: 'SUCCESS',
      mde: 0.02,
      mdeScale: 'RELATIVE',
      nim: null,
      nimScale: null,
      metric: { key: 'conv', name: 'Conversion', preferredDirection: 'INCREASE' },
    },
    {
      id: 'latency',
      role: 'GUARDRAIL',
      mde: null,
      mdeScale: null,
      nim: 12.5,
      nimScale: 'ABSOLUTE',
      metric: { key: 'latency', name: 'Latency', preferredDirection: 'DECREASE' },
    },
  ],
  [
    {
      metricId: 'conv',
      metricKey: 'conv',
      dataStatus: 'OK',
      dataStatusReason: null,
      dataStatusDetail: null,
      meanC: 0.1,
      mdeRelative: 0.02,
      nimRelative: null,
      diffRel: 0.03,
      ciRel: { lower: 0.01, upper: 0.05 },
      ciLevel: 0.9,
      superior: true,
      nonInferior: null,
      deteriorated: false,
      isPowered: true,
    },
    {
      metricId: 'latency',
      metricKey: 'latency',
      dataStatus: 'OK',
      dataStatusReason: null,
      dataStatusDetail: null,
      meanC: 250,
      mdeRelative: null,
      nimRelative: 0.05,
      diffRel: 0.02,
      ciRel: { lower: 0.005, upper: 0.035 },
      ciLevel: 0.9,
      superior: null,
      nonInferior: true,
      deteriorated: true,
      isPowered: true,
    },
  ],
);

type Series = { type: string; name: string; data: unknown[]; markLine?: { data: unknown[] } };

describe('forestPlotOption', () => {
  const option = forestPlotOption(plot, 'Forest plot of B against A');
  const series = option.series as Series[];
  const byName = Object.fromEntries(series.map((s) => [s.name, s]));

  it('lists the metrics top to bottom (the category axis is drawn bottom-up) with their verdicts', () => {
    expect((option.yAxis as { data: string[] }).data).toEqual(['Latency\nDeteriorated', 'Conversion\nImproved']);
    expect(option.aria).toMatchObject({ enabled: true, label: { description: 'Forest plot of B against A' } });
  });

  it('draws each interval, each effect shaped and coloured by its verdict, and a zero line', () => {
    expect(byName.Interval!.data).toEqual([
      [0, 0.005, 0.035],
      [1, 0.01, 0.05],
    ]);
    expect(byName['Relative effect']!.data).toEqual([
      expect.objectContaining({
        value: [0.02, 0],
        symbol: VERDICT_STYLE.bad.symbol,
        itemStyle: expect.objectContaining({ color: VERDICT_STYLE.bad.colour }),
      }),
      expect.objectContaining({
        value: [0.03, 1],
        symbol: VERDICT_STYLE.good.symbol,
        itemStyle: expect.objectContaining({ color: VERDICT_STYLE.good.colour }),
      }),
    ]);
    expect(byName['Relative effect']!.markLine!.data).toEqual([{ xAxis: 0 }]);
  });

  it('marks the MDE on the good side and the (absolute) NIM of a metric to decrease on the positive (bad) side', () => {
    expect(byName.MDE!.data).toEqual([[0.02, 1]]);
    expect(byName.NIM!.data).toEqual([[0.05, 0]]);
  });

  it('sets the axis to the plot bounds and labels it in signed percentages', () => {
    const xAxis = option.xAxis as { min: number; max: number; axisLabel: { formatter: (v: number) => string } };
    expect([xAxis.min, xAxis.max]).toEqual([plot.min, plot.max]);
    expect(xAxis.axisLabel.formatter(0.02)).toBe('+2%');
    expect(xAxis.axisLabel.formatter(-0.025)).toBe('−2.5%');
    expect(xAxis.axisLabel.formatter(0)).toBe('0%');
  });

  it('renders an interval as a line with a cap at each end, in the colour of its verdict', () => {
    const render = (series[0] as unknown as { renderItem: NonNullable<CustomSeriesOption['renderItem']> }).renderItem;
    const api = { coord: ([x, y]: number[]) => [x! * 1000, y! * 50] };
    const drawn = render({ dataIndex: 1 } as never, api as never) as {
      children: Array<{ shape: Record<string, number>; style: { stroke: string } }>;
    };
    expect(drawn.children.map((c) => c.shape)).toEqual([
      { x1: 10, y1: 50, x2: 50, y2: 50 },
      { x1: 10, y1: 43, x2: 10, y2: 57 },
      { x1: 50, y1: 43, x2: 50, y2: 57 },
    ]);
    expect(drawn.children[0]!.style.stroke).toBe(VERDICT_STYLE.good.colour);
  });
});
