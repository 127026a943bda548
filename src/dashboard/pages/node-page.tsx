import { type ReactNode, useMemo } from 'react';
import { NodePageQuery } from '../api/node-query';
import { useQuery } from '../api/use-query';
import { useApiKey } from '../api-key';
import type { DashboardNodeQuery } from '../gql/graphql';
import { Link } from '../router';
import { categoryMixOption, trendOption } from '../view-model/chart-options';
import { buildCategoryMix, buildTrend, type SeriesPeriod } from '../view-model/node-series';
import { routePath } from '../view-model/routes';
import { statsArguments, type ViewParams, writeViewParams } from '../view-model/view-params';
import { ChildrenRanking } from './children-ranking';
import { CompanionNumbers } from './companion-numbers';
import { DecisionDebt } from './decision-debt';
import { Count, Figure } from './headline';
import { MixFigure, TrendFigure } from './node-charts';
import { NodeLinks } from './node-links';
import { NotInformativeFigure } from './not-informative';
import { ExperimentList } from './experiment-list';
import { QueryStatus } from './query-status';
import { WindowControls } from './window-controls';

type OrgNodeData = NonNullable<DashboardNodeQuery['orgNode']>;

/**
 * One org node: headline rates, their trend per quarter, the category mix, why experiments were not informative, the
 * companion numbers, the decision debt, children ranked, experiments.
 */
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
  children?: ReactNode;
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
      <NodeLinks nodeKey={node.key} params={params} />
      <TrendFigure trend={trend} option={trendChart} windowNote={windowNote} />
      <MixFigure mix={mix} option={mixChart} windowNote={windowNote} />
      <NotInformativeFigure stats={node.stats} nodeName={node.name} />
      <CompanionNumbers stats={node.stats} />
      <DecisionDebt node={node} />
      <ChildrenRanking
        nodeKey={node.key}
        params={params}
        items={node.children.map((c) => ({ key: c.key, name: c.name, kind: c.kind, ...c.stats }))}
      />
      <ExperimentList experiments={node.experiments} />
    </>
  );
}
