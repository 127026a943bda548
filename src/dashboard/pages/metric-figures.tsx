import { useMemo } from 'react';
import { Chart, ChartFigure } from '../charts/chart';
import '../charts/cartesian-modules';
import { Link } from '../router';
import { buildEffectDots, effectDotsOption, effectHistogramOption } from '../view-model/metric-chart-options';
import {
  buildHistogram,
  formatEffect,
  formatEffectInterval,
  type ShippedImpact,
  shippedImpactRows,
  summariseModel,
  type SummaryRow,
} from '../view-model/metric-insight';
import { EFFECTS_PAGE_SIZE, type MetricParams } from '../view-model/metric-params';
import { routePath } from '../view-model/routes';
import type { Insight } from './metric-page';

/** The histogram of the arms' observed relative effects as bars, and the same counts as a table. */
export function HistogramFigure({ insight }: { insight: Insight }) {
  const histogram = useMemo(() => buildHistogram(insight.histogram), [insight.histogram]);
  const option = useMemo(
    () =>
      effectHistogramOption(
        histogram,
        `Bar chart of the ${insight.arms} treatment arms of ${insight.metric.name} by observed relative effect.`,
      ),
    [histogram, insight.arms, insight.metric.name],
  );
  return (
    <ChartFigure
      title="Observed effects"
      caption="Treatment arms by observed relative effect; each bin includes its lower bound, the outer bins are open."
      chart={<Chart testId="metric-histogram" height={300} option={option} />}
      table={
        <table className="numbers" data-testid="histogram-table">
          <caption>Treatment arms per bin of observed relative effect</caption>
          <thead>
            <tr>
              <th scope="col">Observed effect</th>
              <th scope="col">Arms</th>
            </tr>
          </thead>
          <tbody>
            {histogram.rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td className="number">{row.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

function Rows({ rows }: { rows: readonly SummaryRow[] }) {
  return (
    <div className="headline">
      {rows.map((row) => (
        <div className="figure" key={row.id} data-testid={row.id}>
          <span className="figure-label">{row.label}</span>
          <span className="figure-value">{row.value}</span>
          {row.detail ? <span className="figure-detail">{row.detail}</span> : null}
        </div>
      ))}
    </div>
  );
}

/** μ with its interval, τ, I², k (the random-effects model), or the API's reason why there is none. */
export function ModelSummary({ insight }: { insight: Insight }) {
  const summary = summariseModel(insight.model ?? null, insight.modelUnavailableReason ?? null);
  if (!summary.available)
    return (
      <p data-testid="model-unavailable">
        No model for this view: {summary.reason} (the API&apos;s reason: {insight.modelUnavailableReason ?? 'none'}).
      </p>
    );
  return <Rows rows={summary.rows} />;
}

/** The shipped arms' observed effects summed (naive) and their shrunk effects summed (corrected). */
export function ImpactSummary({ impact }: { impact: ShippedImpact }) {
  return <Rows rows={shippedImpactRows(impact)} />;
}

/** One page of the arms with their raw and shrunk effects, ordered by the API by either. */
export function EffectsTable(props: {
  effects: Insight['effects'];
  arms: number;
  params: MetricParams;
  onChange: (next: MetricParams) => void;
}) {
  const { effects, arms, params, onChange } = props;
  const first = params.offset + 1;
  const last = params.offset + effects.length;
  return (
    <>
      <form className="controls" aria-label="Order of the arms" onSubmit={(e) => e.preventDefault()}>
        <div className="control">
          <label htmlFor="effects-order">Sort the arms by</label>
          <select
            id="effects-order"
            value={params.order}
            onChange={(e) =>
              onChange({
                ...params,
                order: e.target.value === 'SHRUNK_EFFECT' ? 'SHRUNK_EFFECT' : 'RAW_EFFECT',
                offset: 0,
              })
            }
          >
            <option value="RAW_EFFECT">Observed (raw) effect</option>
            <option value="SHRUNK_EFFECT">Shrunk effect</option>
          </select>
        </div>
        <div className="control">
          <label htmlFor="effects-direction">Order</label>
          <select
            id="effects-direction"
            value={params.direction}
            onChange={(e) => onChange({ ...params, direction: e.target.value === 'ASC' ? 'ASC' : 'DESC', offset: 0 })}
          >
            <option value="DESC">Largest first</option>
            <option value="ASC">Smallest first</option>
          </select>
        </div>
      </form>
      <table className="numbers effects" data-testid="effects-table">
        <caption>
          Arms {effects.length === 0 ? 0 : `${first}–${last}`} of {arms}; shrinkage B from 0 (kept) to 1 (pulled to μ)
        </caption>
        <thead>
          <tr>
            <th scope="col">Experiment</th>
            <th scope="col">Variant</th>
            <th scope="col">Role</th>
            <th scope="col">Observed effect</th>
            <th scope="col">95 % interval</th>
            <th scope="col">Shrunk effect</th>
            <th scope="col">95 % interval</th>
            <th scope="col">Shrinkage B</th>
            <th scope="col">Significant</th>
          </tr>
        </thead>
        <tbody>
          {effects.map((e) => (
            <tr key={`${e.experimentKey}/${e.variantKey}`}>
              <th scope="row" className="key-cell">
                <Link href={routePath({ page: 'experiment', key: e.experimentKey })}>{e.experimentKey}</Link>
              </th>
              <td>{e.variantKey}</td>
              <td>{e.role}</td>
              <td className="number">{formatEffect(e.effect)}</td>
              <td className="number">{formatEffectInterval(e.interval)}</td>
              <td className="number">{e.shrunk ? formatEffect(e.shrunk.effect) : '—'}</td>
              <td className="number">{e.shrunk ? formatEffectInterval(e.shrunk.interval) : '—'}</td>
              <td className="number">{e.shrunk ? e.shrunk.shrinkage.toFixed(2) : '—'}</td>
              <td>{e.better ? 'better' : e.worse ? 'worse' : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="Arm pages" className="pager">
        {params.offset > 0 ? (
          <button
            type="button"
            className="link-button"
            onClick={() => onChange({ ...params, offset: Math.max(0, params.offset - EFFECTS_PAGE_SIZE) })}
          >
            Previous arms
          </button>
        ) : null}
        {last < arms ? (
          <button
            type="button"
            className="link-button"
            onClick={() => onChange({ ...params, offset: params.offset + EFFECTS_PAGE_SIZE })}
          >
            Next arms
          </button>
        ) : null}
      </nav>
    </>
  );
}

/** The page's arms as a dot plot: observed and shrunk effect on one row each, and the same numbers as a table. */
export function EffectDotsFigure({ effects, metricName }: { effects: Insight['effects']; metricName: string }) {
  const dots = useMemo(() => buildEffectDots(effects), [effects]);
  const option = useMemo(
    () =>
      effectDotsOption(
        dots,
        `Dot plot of the observed and shrunk relative effects of ${metricName} for ${effects.length} treatment arms.`,
      ),
    [dots, effects.length, metricName],
  );
  return (
    <ChartFigure
      title="Observed and shrunk effects of these arms"
      caption="Circles: observed effects; diamonds: shrunk toward the pooled mean μ, more so the noisier the arm."
      chart={<Chart testId="metric-effect-dots" height={Math.max(160, 64 + 22 * effects.length)} option={option} />}
      table={
        <table className="numbers effects" data-testid="effect-dots-table">
          <caption>Observed and shrunk relative effect per arm</caption>
          <thead>
            <tr>
              <th scope="col">Arm</th>
              <th scope="col">Observed effect</th>
              <th scope="col">Shrunk effect</th>
            </tr>
          </thead>
          <tbody>
            {dots.labels.map((label, i) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="number">{formatEffect(dots.raw[i]!)}</td>
                <td className="number">{dots.shrunk[i] === null ? '—' : formatEffect(dots.shrunk[i]!)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
