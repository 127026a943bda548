import { type ReactNode, useMemo } from 'react';
import { MetricCatalogueQuery, MetricInsightQuery } from '../api/metric-query';
import { FilterOptionsQuery } from '../api/search-query';
import { useQuery } from '../api/use-query';
import { useApiKey } from '../api-key';
import type { DashboardFilterOptionsQuery, DashboardMetricInsightQuery } from '../gql/graphql';
import { Link, navigate } from '../router';
import {
  metricHref,
  metricInsightVariables,
  type MetricParams,
  metricWindow,
  readMetricParams,
  writeMetricParams,
} from '../view-model/metric-params';
import { buildNodeOptions, nodeOptionLabel } from '../view-model/node-options';
import { routePath } from '../view-model/routes';
import { DEFAULT_SEARCH_PARAMS, writeSearchParams } from '../view-model/search-params';
import { Count } from './headline';
import { EffectDotsFigure, EffectsTable, HistogramFigure, ImpactSummary, ModelSummary } from './metric-figures';
import { QueryStatus } from './query-status';
import { WindowControls } from './window-controls';

export type Insight = NonNullable<DashboardMetricInsightQuery['metricInsight']>;

/** Moves to the metric page `key` with `params` (a new history entry). */
export function showMetric(key: string, params: MetricParams): void {
  navigate(`${routePath({ page: 'metric', key })}${writeMetricParams(params)}`);
}

/**
 * What one catalogue metric taught across the experiments of a node's subtree (or the whole organisation) concluded
 * in the window: the histogram of observed effects, the random-effects summary, the shipped impact naive and
 * corrected, and each arm's raw and shrunk effect.
 */
export function MetricPage({ metricKey, params }: { metricKey: string; params: MetricParams }) {
  const { version } = useApiKey();
  const options = useQuery(FilterOptionsQuery, {}, version);
  const state = useQuery(MetricInsightQuery, metricInsightVariables(metricKey, params), version);
  const insight = state.status === 'done' ? state.data.metricInsight : undefined;
  if (insight === null)
    return (
      <main id="main" tabIndex={-1}>
        <h1>No metric {metricKey}</h1>
        <p>
          <Link href={routePath({ page: 'metrics' })}>The metric catalogue</Link>
        </p>
      </main>
    );
  const search = writeSearchParams({
    ...DEFAULT_SEARCH_PARAMS,
    metric: metricKey,
    node: params.node,
    from: params.from,
    to: params.to,
    kinds: params.kinds,
  });
  return (
    <main id="main" tabIndex={-1}>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link href={`${routePath({ page: 'metrics' })}${writeMetricParams({ ...params, offset: 0 })}`}>
              Metrics
            </Link>
          </li>
          <li aria-current="page">{metricKey}</li>
        </ol>
      </nav>
      <h1>{insight?.metric.name ?? metricKey}</h1>
      {insight ? (
        <p className="lead">
          {insight.metric.description ? `${insight.metric.description} ` : ''}
          {insight.metric.type.toLowerCase()} metric; {insight.metric.preferredDirection.toLowerCase()} is good. Effects
          are relative (treatment / control − 1) as measured, so for this metric a{' '}
          {insight.metric.preferredDirection === 'DECREASE' ? 'negative' : 'positive'} effect is an improvement.
        </p>
      ) : null}
      <MetricControls metricKey={metricKey} params={params} options={options.status === 'done' ? options.data : null} />
      <p className="caption">
        <Link href={`${routePath({ page: 'search' })}${search}`}>The experiments measuring this metric</Link> (the view
        pools the valid ones that count toward EwL concluded in the window, one entry per treatment arm).
      </p>
      <QueryStatus state={state} />
      {insight ? <MetricBody insight={insight} metricKey={metricKey} params={params} /> : null}
    </main>
  );
}

function MetricBody({ insight, metricKey, params }: { insight: Insight; metricKey: string; params: MetricParams }) {
  return (
    <>
      <section aria-label="Arms pooled" className="headline">
        <Count label="Experiments" value={insight.experiments} testId="metric-experiments" />
        <Count label="Treatment arms" value={insight.arms} testId="metric-arms" />
        <Count label="Significantly better" value={insight.betterArms} testId="metric-better" />
        <Count label="Significantly worse" value={insight.worseArms} testId="metric-worse" />
      </section>
      <p className="caption">
        By the metric&apos;s role:{' '}
        {insight.byRole.map((r) => `${r.role.toLowerCase()} ${r.arms} arms in ${r.experiments} experiments`).join('; ')}
        .
      </p>
      <HistogramFigure insight={insight} />
      <Section title="Random-effects summary" id="model-title">
        <p className="caption">
          DerSimonian-Laird: each arm&apos;s true effect is drawn from a normal distribution with mean μ and standard
          deviation τ.
        </p>
        <ModelSummary insight={insight} />
      </Section>
      <Section title="Shipped impact" id="shipped-title">
        <p className="caption">
          The arms shipped (current decision SHIP with that variant): their observed effects summed, and the same
          arms&apos; shrunk effects summed, which corrects for the winner&apos;s curse.
        </p>
        <ImpactSummary impact={insight.shippedImpact} />
      </Section>
      <Section title="Effects per arm, raw and shrunk" id="effects-title">
        <EffectsTable
          effects={insight.effects}
          arms={insight.arms}
          params={params}
          onChange={(next) => showMetric(metricKey, next)}
        />
        {insight.effects.length > 0 ? (
          <EffectDotsFigure effects={insight.effects} metricName={insight.metric.name} />
        ) : null}
      </Section>
    </>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="section">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** The metric, the org node and the window of the view; every change goes to the URL. */
function MetricControls(props: {
  metricKey: string;
  params: MetricParams;
  options: DashboardFilterOptionsQuery | null;
}) {
  const { metricKey, params, options } = props;
  const nodes = useMemo(
    () =>
      options
        ? buildNodeOptions(
            options.orgNodes.map((n) => ({ key: n.key, name: n.name, parentKey: n.parent?.key ?? null })),
          )
        : [],
    [options],
  );
  const change = (next: Partial<MetricParams>) => showMetric(metricKey, { ...params, ...next, offset: 0 });
  return (
    <>
      <form className="controls" aria-label="Metric and org node" onSubmit={(e) => e.preventDefault()}>
        <div className="control">
          <label htmlFor="metric-key">Metric</label>
          <select id="metric-key" value={metricKey} onChange={(e) => navigate(metricHref(e.target.value, params))}>
            {options?.metrics.some((m) => m.key === metricKey) ? null : <option value={metricKey}>{metricKey}</option>}
            {(options?.metrics ?? []).map((m) => (
              <option key={m.key} value={m.key}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div className="control">
          <label htmlFor="metric-node">Experiments of (org node and its subtree)</label>
          <select id="metric-node" value={params.node ?? ''} onChange={(e) => change({ node: e.target.value || null })}>
            <option value="">The whole organisation</option>
            {params.node && !nodes.some((n) => n.key === params.node) ? (
              <option value={params.node}>{params.node}</option>
            ) : null}
            {nodes.map((n) => (
              <option key={n.key} value={n.key}>
                {nodeOptionLabel(n)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <WindowControls
        params={metricWindow(params)}
        pathname={routePath({ page: 'metric', key: metricKey })}
        onChange={(next) => change({ from: next.from, to: next.to, kinds: next.kinds })}
      />
    </>
  );
}

/** The metric catalogue, each metric linked to its page with the view of the current URL (node and window). */
export function MetricIndexPage({ search }: { search: string }) {
  const { version } = useApiKey();
  const params = readMetricParams(search);
  const state = useQuery(MetricCatalogueQuery, {}, version);
  return (
    <main id="main" tabIndex={-1}>
      <h1>Metrics</h1>
      <p className="lead">What each catalogue metric taught across the experiments that measured it.</p>
      <QueryStatus state={state} />
      {state.status === 'done' ? (
        <table className="numbers" data-testid="metric-catalogue">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Key</th>
              <th scope="col">Type</th>
              <th scope="col">Good direction</th>
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {state.data.metrics.map((m) => (
              <tr key={m.key}>
                <th scope="row">
                  <Link href={metricHref(m.key, params)}>{m.name}</Link>
                </th>
                <td>{m.key}</td>
                <td>{m.type}</td>
                <td>{m.preferredDirection}</td>
                <td>{m.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </main>
  );
}
