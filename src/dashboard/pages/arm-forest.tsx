import { useMemo } from 'react';
import { Chart, ChartFigure } from '../charts/chart';
import type { DashboardExperimentQuery } from '../gql/graphql';
import {
  CATEGORY_LABELS,
  CATEGORY_SUB_REASON_LABELS,
  formatFlag,
  labelOf,
  RECOMMENDATION_LABELS,
} from '../view-model/experiment-labels';
import { forestPlotOption, MARGIN_STYLE } from '../view-model/forest-option';
import { buildForestPlot, type ForestRow, type MissingRow, VERDICT_STYLE } from '../view-model/forest-plot';
import { formatRelative, formatRelativeInterval } from '../view-model/relative-format';

type ExperimentData = NonNullable<DashboardExperimentQuery['experiment']>;
type ArmData = ExperimentData['analysis']['arms'][number];

/** One treatment arm against control: its category and recommendation with reasons, and its forest plot. */
export function ArmForest({ experiment, arm }: { experiment: ExperimentData; arm: ArmData }) {
  const variant = experiment.variants.find((v) => v.id === arm.variantId);
  const control = experiment.variants.find((v) => v.isControl);
  const name = variant?.name ?? arm.variantKey;
  const plot = useMemo(() => buildForestPlot(experiment.metrics, arm.metrics), [experiment.metrics, arm.metrics]);
  const option = useMemo(
    () =>
      forestPlotOption(
        plot,
        `Forest plot of ${name} against ${control?.name ?? 'control'}: the relative effect of each of ` +
          `${plot.rows.length} metrics with its interval, the metric's MDE or non-inferiority margin, and its verdict.`,
      ),
    [plot, name, control?.name],
  );
  const titleId = `arm-${arm.variantKey}-title`;
  return (
    <section aria-labelledby={titleId} className="section arm" data-testid={`arm-${arm.variantKey}`}>
      <h2 id={titleId}>
        {name} against {control?.name ?? 'control'}
      </h2>
      <dl className="facts">
        <dt>Arm category</dt>
        <dd>
          {labelOf(CATEGORY_LABELS, arm.category)} <code>{arm.category}</code>
        </dd>
        <dt>Why</dt>
        <dd>
          {labelOf(CATEGORY_SUB_REASON_LABELS, arm.subReason)} <code>{arm.subReason}</code>
        </dd>
        <dt>Recommendation</dt>
        <dd>
          {labelOf(RECOMMENDATION_LABELS, arm.recommendation)} <code>{arm.recommendation}</code>
        </dd>
        <dt>Powered</dt>
        <dd>{formatFlag(arm.powered)}</dd>
      </dl>
      {arm.reasons.length > 0 ? (
        <ul aria-label={`Reasons for ${name}`}>
          {arm.reasons.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      ) : null}
      {plot.rows.length > 0 ? (
        <ChartFigure
          level={3}
          title={`Relative effects of ${name}`}
          caption={<ForestLegend />}
          chart={<Chart testId={`forest-${arm.variantKey}`} height={72 + plot.rows.length * 52} option={option} />}
          table={<ForestTable variantKey={arm.variantKey} name={name} rows={plot.rows} />}
        />
      ) : (
        <p>No metric of this arm has a relative effect yet.</p>
      )}
      {plot.missing.length > 0 ? <MissingList name={name} rows={plot.missing} /> : null}
    </section>
  );
}

function ForestLegend() {
  return (
    <>
      Points: relative effect (treatment − control) / control; bars: its interval at the metric&apos;s level; vertical
      line: no effect; markers: the MDE of a success metric (<Swatch colour={MARGIN_STYLE.MDE.colour} /> bar) and the
      non-inferiority margin of a guardrail (<Swatch colour={MARGIN_STYLE.NIM.colour} /> I-beam), at the relative size
      the analysis uses (a margin set in absolute units divided by the control mean). Each verdict is written under its
      metric and shaped: {VERDICT_STYLE.good.mark} good, {VERDICT_STYLE.bad.mark} bad, {VERDICT_STYLE.neutral.mark}{' '}
      neutral, {VERDICT_STYLE.caution.mark} unresolved.
    </>
  );
}

function Swatch({ colour }: { colour: string }) {
  return <span className="legend-swatch" style={{ background: colour }} aria-hidden="true" />;
}

function ForestTable({ variantKey, name, rows }: { variantKey: string; name: string; rows: readonly ForestRow[] }) {
  return (
    <table className="numbers" data-testid={`forest-table-${variantKey}`}>
      <caption>Relative effects of {name} per metric</caption>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col">Role</th>
          <th scope="col">Relative effect</th>
          <th scope="col">Interval</th>
          <th scope="col">Level</th>
          <th scope="col">MDE or NIM</th>
          <th scope="col">Verdict</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.metricId} data-metric={r.metricKey}>
            <th scope="row">{r.name}</th>
            <td>{r.role.toLowerCase()}</td>
            <td className="number" data-field="effect">
              {formatRelative(r.effect)}
            </td>
            <td className="number" data-field="interval">
              {formatRelativeInterval(r.lower, r.upper)}
            </td>
            <td className="number">{(r.ciLevel * 100).toFixed(0)} %</td>
            <td data-field="margin">{r.margin?.text ?? '—'}</td>
            <td data-tone={r.verdict.tone}>
              <span aria-hidden="true" style={{ color: VERDICT_STYLE[r.verdict.tone].colour }}>
                {VERDICT_STYLE[r.verdict.tone].mark}{' '}
              </span>
              {r.verdict.label}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MissingList({ name, rows }: { name: string; rows: readonly MissingRow[] }) {
  return (
    <div data-testid="forest-missing">
      <h3>Metrics of {name} without a relative effect</h3>
      <ul>
        {rows.map((r) => (
          <li key={r.metricId} data-metric={r.metricKey}>
            <strong>{r.name}</strong> ({r.role.toLowerCase()}): {r.reason} Verdict: {r.verdict.label}.
            {r.margin ? ` ${r.margin.text}.` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
