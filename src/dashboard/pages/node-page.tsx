import { useMemo } from 'react';
import { NodePageQuery } from '../api/operations';
import { useQuery } from '../api/use-query';
import { useApiKey } from '../api-key';
import { Chart, ChartFigure } from '../charts/chart';
import type { DashboardNodeQuery } from '../gql/graphql';
import { Link } from '../router';
import { categoryMixOption, trendOption } from '../view-model/chart-options';
import { CONCLUDED_CATEGORIES } from '../view-model/categories';
import { buildCategoryMix, buildTrend, type SeriesPeriod } from '../view-model/node-series';
import { formatInterval, formatRate, type Rate } from '../view-model/rates';
import { routePath } from '../view-model/routes';
import { statsArguments, type ViewParams, writeViewParams } from '../view-model/view-params';
import { ChildrenRanking } from './children-ranking';
import { ExperimentList } from './experiment-list';
import { QueryStatus } from './query-status';
import { WindowControls } from './window-controls';

type OrgNodeData = NonNullable<DashboardNodeQuery['orgNode']>;

/** One org node: headline rates, their trend per quarter, the category mix, children ranked, experiments. */
export function NodePage({ nodeKey, params }: { nodeKey: string; params: ViewParams }) {
  const { version } = useApiKey();
  const args = statsArguments(params);
  const variables = {
    key: nodeKey,
    ...args,
    experimentFilter: {
      // Concluded ones only: every concluded experiment has a conclusion date after 1970.
      concludedFrom: args.from ?? '1970-01-01T00:00:00.000Z',
      concludedTo: args.to,
      kind: args.filter?.kind ?? null,
    },
  };
  const state = useQuery(NodePageQuery, variables, version);
  const pathname = routePath({ page: 'node', key: nodeKey });
  if (state.status !== 'done') return <Page title={nodeKey} pathname={pathname} params={params} state={state} />;
  const node = state.data.orgNode;
  if (!node)
    return (
      <main id="main" tabIndex={-1}>
        <h1>No org node {nodeKey}</h1>
        <p>
          <Link href="/">Back to the organisation</Link>
        </p>
      </main>
    );
  return (
    <Page title={node.name} pathname={pathname} params={params} state={state}>
      <NodeBody node={node} params={params} />
    </Page>
  );
}

function Page(props: {
  title: string;
  pathname: string;
  params: ViewParams;
  state: Parameters<typeof QueryStatus>[0]['state'];
  children?: React.ReactNode;
}) {
  return (
    <main id="main" tabIndex={-1}>
      <h1>{props.title}</h1>
      <WindowControls params={props.params} pathname={props.pathname} />
      <QueryStatus state={props.state} />
      {props.children}
    </main>
  );
}

function NodeBody({ node, params }: { node: OrgNodeData; params: ViewParams }) {
  const query = writeViewParams(params);
  const periods = useMemo<SeriesPeriod[]>(
    () =>
      node.statsSeries.map((p) => ({
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
        concluded: p.stats.concluded,
        learningRate: p.stats.learningRate ?? null,
        winRate: p.stats.winRate ?? null,
        counts: p.stats.counts,
      })),
    [node],
  );
  const trend = useMemo(() => buildTrend(periods), [periods]);
  const mix = useMemo(() => buildCategoryMix(periods), [periods]);
  const trendChart = useMemo(
    () =>
      trendOption(
        trend,
        `Line chart of the learning rate and the win rate of ${node.name} per quarter, with 95 % intervals as bands.`,
      ),
    [trend, node.name],
  );
  const mixChart = useMemo(
    () =>
      categoryMixOption(
        mix,
        `Stacked bar chart of the concluded experiments of ${node.name} per quarter and category.`,
      ),
    [mix, node.name],
  );
  const windowNote = params.from
    ? 'Per calendar quarter (UTC) of the window.'
    : 'The last 12 calendar quarters (UTC); choose a window start for more.';
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link href={`/${query}`}>Organisation</Link>
          </li>
          {node.ancestors.map((a) => (
            <li key={a.key}>
              <Link href={`${routePath({ page: 'node', key: a.key })}${query}`}>{a.name}</Link>
            </li>
          ))}
          <li aria-current="page">{node.name}</li>
        </ol>
      </nav>
      <section aria-label="Headline numbers" className="headline">
        <Figure label="Learning rate" rate={node.stats.learningRate} testId="headline-learning-rate" />
        <Figure label="Win rate" rate={node.stats.winRate} testId="headline-win-rate" />
        <Count label="Concluded" value={node.stats.concluded} testId="headline-concluded" />
        <Count label="Running (pending)" value={node.stats.pending} testId="headline-pending" />
        <Count label="Out of scope (excluded)" value={node.stats.excluded} testId="headline-excluded" />
      </section>
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
      <ChildrenRanking
        nodeKey={node.key}
        params={params}
        items={node.children.map((c) => ({ key: c.key, name: c.name, kind: c.kind, ...c.stats }))}
      />
      <ExperimentList experiments={node.experiments} />
    </>
  );
}

function Figure({ label, rate, testId }: { label: string; rate: Rate | null | undefined; testId: string }) {
  return (
    <div className={`figure${rate?.smallSample ? ' small-sample' : ''}`} data-testid={testId}>
      <span className="figure-label">{label}</span>
      <span className="figure-value">{formatRate(rate)}</span>
      <span className="figure-detail">
        95 % interval {formatInterval(rate)}
        {rate ? ` · ${rate.successes} of ${rate.total}` : ''}
        {rate?.smallSample ? ' · small sample' : ''}
      </span>
    </div>
  );
}

function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="figure" data-testid={testId}>
      <span className="figure-label">{label}</span>
      <span className="figure-value">{value}</span>
    </div>
  );
}
