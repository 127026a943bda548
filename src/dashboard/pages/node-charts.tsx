import { Chart, ChartFigure } from '../charts/chart';
import '../charts/cartesian-modules';
import { CONCLUDED_CATEGORIES } from '../view-model/categories';
import type { ChartOption } from '../view-model/chart-options';
import type { buildCategoryMix, buildTrend } from '../view-model/node-series';

/** Learning and win rate per quarter with their interval bands, and the same numbers as a table. */
export function TrendFigure(props: { trend: ReturnType<typeof buildTrend>; option: ChartOption; windowNote: string }) {
  const { trend, option: trendChart, windowNote } = props;
  return (
    <ChartFigure
      title="Learning rate and win rate per quarter"
      caption={`${windowNote} Bands: 95 % Wilson intervals.`}
      chart={<Chart testId="node-trend" height={320} option={trendChart} />}
      table={
        <table className="numbers" data-testid="trend-table">
          <caption>Learning rate and win rate per quarter</caption>
          <thead>
            <tr>
              <th scope="col">Quarter</th>
              <th scope="col">Concluded</th>
              <th scope="col">Learning rate</th>
              <th scope="col">95 % interval</th>
              <th scope="col">Win rate</th>
              <th scope="col">95 % interval</th>
            </tr>
          </thead>
          <tbody>
            {trend.rows.map((row) => (
              <tr key={row.period} className={row.smallSample ? 'small-sample' : undefined}>
                <th scope="row">{row.period}</th>
                <td className="number">{row.concluded}</td>
                <td className="number">{row.learningRate}</td>
                <td className="number">{row.learningInterval}</td>
                <td className="number">{row.winRate}</td>
                <td className="number">{row.winInterval}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/** The category mix per quarter as stacked bars, and the same counts as a table. */
export function MixFigure(props: {
  mix: ReturnType<typeof buildCategoryMix>;
  option: ChartOption;
  windowNote: string;
}) {
  const { mix, option: mixChart, windowNote } = props;
  return (
    <ChartFigure
      title="Category mix per quarter"
      caption={`${windowNote} Concluded experiments by EwL category.`}
      chart={<Chart testId="node-mix" height={320} option={mixChart} />}
      table={
        <table className="numbers" data-testid="mix-table">
          <caption>Concluded experiments per quarter and category</caption>
          <thead>
            <tr>
              <th scope="col">Quarter</th>
              {CONCLUDED_CATEGORIES.map((c) => (
                <th scope="col" key={c.category}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {mix.labels.map((label, i) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {mix.series.map((s) => (
                  <td className="number" key={s.category}>
                    {s.values[i]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
