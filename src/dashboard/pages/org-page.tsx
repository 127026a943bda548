import { useMemo } from 'react';
import { OrgOverviewQuery } from '../api/operations';
import { useQuery } from '../api/use-query';
import { useApiKey } from '../api-key';
import { Chart, ChartFigure } from '../charts/chart';
import '../charts/treemap-modules';
import { Link, navigate } from '../router';
import { treemapOption } from '../view-model/chart-options';
import { buildOrgTree, type OrgNodeWithStats } from '../view-model/org-tree';
import { RATE_SCALE_STOPS, SMALL_SAMPLE_GREY } from '../view-model/palette';
import { formatRateWithInterval } from '../view-model/rates';
import { routePath } from '../view-model/routes';
import { statsArguments, type ViewParams, writeViewParams } from '../view-model/view-params';
import { QueryStatus } from './query-status';
import { WindowControls } from './window-controls';

/** The organisation: every node's learning rate in the window, as a treemap and as a table. */
export function OrgPage({ params }: { params: ViewParams }) {
  const { version } = useApiKey();
  const state = useQuery(OrgOverviewQuery, statsArguments(params), version);
  const nodes = useMemo<OrgNodeWithStats[]>(
    () =>
      state.status === 'done'
        ? state.data.orgNodes.map((n) => ({
            key: n.key,
            name: n.name,
            kind: n.kind,
            parentKey: n.parent?.key ?? null,
            concluded: n.stats.concluded,
            learningRate: n.stats.learningRate ?? null,
          }))
        : [],
    [state],
  );
  const tree = useMemo(() => buildOrgTree(nodes), [nodes]);
  const query = writeViewParams(params);
  const nodeHref = (key: string) => `${routePath({ page: 'node', key })}${query}`;
  const option = useMemo(() => {
    const root = tree.rows.find((r) => r.depth === 0);
    const description =
      `Treemap of ${tree.rows.length} org nodes: area is the number of concluded experiments, colour the ` +
      `learning rate (grey: small sample). ${root ? `${root.name}: ${root.rate} learning rate, ${root.concluded} concluded.` : ''}`;
    return treemapOption(tree.roots, description);
  }, [tree]);

  return (
    <main id="main" tabIndex={-1}>
      <h1>Organisation</h1>
      <p className="lead">
        How well each part of the organisation learns: the share of concluded experiments that were a win, a regression
        or a powered neutral result, with its 95 % Wilson interval. Select a node in the treemap, or its link in the
        list below (every node, reachable with the keyboard), to open it.
      </p>
      <WindowControls params={params} pathname="/" />
      <QueryStatus state={state} />
      {state.status === 'done' ? (
        <ChartFigure
          title="Learning rate by org node"
          caption={<RateLegend />}
          chart={
            <Chart
              testId="org-treemap"
              height={520}
              option={option}
              onItemClick={(data) => {
                const key = (data as { key?: string } | undefined)?.key;
                if (key) navigate(nodeHref(key));
              }}
            />
          }
          table={
            <table className="numbers" data-testid="org-table">
              <caption>Learning rate per org node (subtree), in the window</caption>
              <thead>
                <tr>
                  <th scope="col">Node</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Concluded</th>
                  <th scope="col">Learning rate</th>
                  <th scope="col">95 % interval</th>
                </tr>
              </thead>
              <tbody>
                {tree.rows.map((row) => (
                  <tr key={row.key} className={row.smallSample ? 'small-sample' : undefined}>
                    <th scope="row" style={{ paddingLeft: `${0.5 + row.depth * 1.25}rem` }}>
                      <Link href={nodeHref(row.key)}>{row.name}</Link>
                    </th>
                    <td>{row.kind}</td>
                    <td className="number">{row.concluded}</td>
                    <td className="number">{row.rate}</td>
                    <td className="number">{row.interval}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      ) : null}
      {state.status === 'done' ? (
        <nav aria-label="Org nodes" className="node-list">
          <h2>Open a node</h2>
          <ul>
            {tree.rows.map((row) => (
              <li key={row.key} style={{ marginLeft: `${row.depth * 1.25}rem` }}>
                <Link href={nodeHref(row.key)}>{row.name}</Link>{' '}
                <span className={row.smallSample ? 'muted' : undefined}>
                  {formatRateWithInterval(nodes.find((n) => n.key === row.key)?.learningRate)}
                </span>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </main>
  );
}

/** The colour scale of the treemap and the grey of small samples. */
function RateLegend() {
  return (
    <span className="legend">
      Area: concluded experiments. Colour: learning rate{' '}
      <span className="legend-scale" aria-hidden="true">
        <span>0%</span>
        <span
          className="legend-gradient"
          style={{ background: `linear-gradient(to right, ${RATE_SCALE_STOPS.join(', ')})` }}
        />
        <span>100%</span>
      </span>
      ; <span className="legend-swatch" aria-hidden="true" style={{ background: SMALL_SAMPLE_GREY }} /> grey: fewer than
      10 concluded (small sample) or none.
    </span>
  );
}
