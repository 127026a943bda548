import { useMemo } from 'react';
import { Chart, ChartFigure } from '../charts/chart';
import '../charts/cartesian-modules';
import { buildNotInformative, type NotInformativeStats, notInformativeOption } from '../view-model/not-informative';

/** Why concluded experiments were not informative: UNDERPOWERED by sub-reason, INVALID by validity reason. */
export function NotInformativeFigure({ stats, nodeName }: { stats: NotInformativeStats; nodeName: string }) {
  const view = useMemo(() => buildNotInformative(stats), [stats]);
  const option = useMemo(
    () =>
      notInformativeOption(
        view,
        `Bar chart of why the concluded experiments of ${nodeName} were not informative: underpowered ones by ` +
          'sub-reason, invalid ones by validity reason.',
      ),
    [view, nodeName],
  );
  const caption =
    `In the window: ${view.underpowered} underpowered, ${view.invalid} invalid. ` +
    'An invalid experiment with several reasons counts under each.';
  return (
    <ChartFigure
      title="Why experiments were not informative"
      caption={caption}
      chart={
        view.rows.length > 0 ? (
          <Chart testId="node-not-informative" height={Math.max(120, 48 + view.rows.length * 36)} option={option} />
        ) : (
          <p data-testid="node-not-informative-none">Every concluded experiment in the window was informative.</p>
        )
      }
      table={
        <table className="numbers" data-testid="not-informative-table">
          <caption>Not-informative experiments by category and reason</caption>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Reason</th>
              <th scope="col">Code</th>
              <th scope="col">Experiments</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => (
              <tr key={`${row.category}-${row.code}`} data-code={row.code}>
                <td>{row.categoryLabel}</td>
                <th scope="row">{row.label}</th>
                <td>
                  <code>{row.code}</code>
                </td>
                <td className="number">{row.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
