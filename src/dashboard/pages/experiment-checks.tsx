import type { DashboardExperimentQuery } from '../gql/graphql';
import {
  formatStatistic,
  HEALTH_CHECK_LABELS,
  HEALTH_STATUS_LABELS,
  labelOf,
  VALIDITY_LABELS,
} from '../view-model/experiment-labels';
import { VALIDITY_REASON_LABELS } from '../view-model/not-informative';

type ExperimentData = NonNullable<DashboardExperimentQuery['experiment']>;

/** The experiment's validity with its reasons, its health checks (computed and reported) and its arms' traffic. */
export function ExperimentChecks({ experiment }: { experiment: ExperimentData }) {
  const { analysis, variants } = experiment;
  return (
    <section aria-labelledby="checks-title" className="section" data-testid="experiment-checks">
      <h2 id="checks-title">Validity and health checks</h2>
      <p data-testid="experiment-validity" data-validity={analysis.validity}>
        <strong>{labelOf(VALIDITY_LABELS, analysis.validity)}</strong> <code>{analysis.validity}</code>
      </p>
      {analysis.validityReasons.length > 0 ? (
        <ul aria-label="Why it is not valid" data-testid="validity-reasons">
          {analysis.validityReasons.map((r, i) => (
            <li key={i} data-code={r.code}>
              {labelOf(VALIDITY_REASON_LABELS, r.code)} <code>{r.code}</code>: {r.message}
            </li>
          ))}
        </ul>
      ) : null}
      <table className="numbers" data-testid="health-checks">
        <caption>Health checks: blocking failures make the experiment invalid; warnings never do</caption>
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">Status</th>
            <th scope="col">Severity</th>
            <th scope="col">Source</th>
            <th scope="col">p-value</th>
            <th scope="col">Observed</th>
            <th scope="col">Threshold</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {analysis.healthChecks.map((c, i) => (
            <tr key={i} data-type={c.type} data-status={c.status}>
              <th scope="row">
                {labelOf(HEALTH_CHECK_LABELS, c.type)}
                {c.name ? `: ${c.name}` : ''}
              </th>
              <td className={`check-${c.status.toLowerCase()}`}>{labelOf(HEALTH_STATUS_LABELS, c.status)}</td>
              <td>{c.severity.toLowerCase()}</td>
              <td>{c.source === 'REPORTED' ? `reported by ${c.reporter || 'another system'}` : 'computed'}</td>
              <td className="number">{formatStatistic(c.pValue)}</td>
              <td className="number">{formatStatistic(c.observed)}</td>
              <td className="number">{formatStatistic(c.threshold)}</td>
              <td>{c.details}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="numbers" data-testid="arm-traffic">
        <caption>Arms: planned weights and the units analysed (the sample ratio check&apos;s input)</caption>
        <thead>
          <tr>
            <th scope="col">Arm</th>
            <th scope="col">Key</th>
            <th scope="col">Planned weight</th>
            <th scope="col">Units</th>
          </tr>
        </thead>
        <tbody>
          {variants.map((v) => (
            <tr key={v.id}>
              <th scope="row">
                {v.name}
                {v.isControl ? ' (control)' : ''}
              </th>
              <td>
                <code>{v.key}</code>
              </td>
              <td className="number">{formatStatistic(v.plannedWeight)}</td>
              <td className="number">{v.units ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
