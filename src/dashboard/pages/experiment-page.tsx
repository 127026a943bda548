import { ExperimentPageQuery } from '../api/operations';
import { useQuery } from '../api/use-query';
import { useApiKey } from '../api-key';
// The forest plots' chart types (ArmForest draws them).
import '../charts/forest-modules';
import { Link } from '../router';
import { routePath } from '../view-model/routes';
import { ArmForest } from './arm-forest';
import { ExperimentCategory } from './experiment-category';
import { ExperimentChecks } from './experiment-checks';
import { QueryStatus } from './query-status';

/**
 * One experiment: its header, hypotheses, EwL category with its reasons, validity and health checks, per treatment
 * arm a forest plot of its metrics, and the decision history.
 */
export function ExperimentPage({ experimentKey }: { experimentKey: string }) {
  const { version } = useApiKey();
  const state = useQuery(ExperimentPageQuery, { key: experimentKey }, version);
  if (state.status !== 'done')
    return (
      <main id="main" tabIndex={-1}>
        <h1>{experimentKey}</h1>
        <QueryStatus state={state} />
      </main>
    );
  const e = state.data.experiment;
  if (!e)
    return (
      <main id="main" tabIndex={-1}>
        <h1>No experiment {experimentKey}</h1>
        <p>
          <Link href="/">Back to the organisation</Link>
        </p>
      </main>
    );
  const day = (d: string | null | undefined) => d?.slice(0, 10) ?? '—';
  return (
    <main id="main" tabIndex={-1}>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link href="/">Organisation</Link>
          </li>
          {[...e.owner.ancestors, e.owner].map((n) => (
            <li key={n.key}>
              <Link href={routePath({ page: 'node', key: n.key })}>{n.name}</Link>
            </li>
          ))}
          <li aria-current="page">{e.key}</li>
        </ol>
      </nav>
      <h1>{e.title}</h1>
      <dl className="facts" data-testid="experiment-facts">
        <dt>Key</dt>
        <dd>{e.key}</dd>
        <dt>Status</dt>
        <dd>{e.status}</dd>
        <dt>Kind</dt>
        <dd>{e.kind}</dd>
        <dt>Owner</dt>
        <dd>
          <Link href={routePath({ page: 'node', key: e.owner.key })}>{e.owner.name}</Link>
        </dd>
        <dt>EwL category</dt>
        <dd data-testid="experiment-category">{e.ewlCategory ?? '—'}</dd>
        <dt>Started</dt>
        <dd>{day(e.startedAt)}</dd>
        <dt>Ended</dt>
        <dd>{day(e.endedAt)}</dd>
        <dt>Concluded</dt>
        <dd>{day(e.concludedAt)}</dd>
      </dl>
      {e.description ? <p>{e.description}</p> : null}
      <section aria-labelledby="hypotheses-title" className="section">
        <h2 id="hypotheses-title">Hypotheses</h2>
        {e.hypotheses.length === 0 ? <p>None recorded.</p> : null}
        <ul>
          {e.hypotheses.map((h, i) => (
            <li key={i}>{h.statement}</li>
          ))}
        </ul>
      </section>
      <ExperimentCategory experiment={e} />
      <ExperimentChecks experiment={e} />
      {e.analysis.arms.map((arm) => (
        <ArmForest key={arm.variantId} experiment={e} arm={arm} />
      ))}
      <section aria-labelledby="decisions-title" className="section">
        <h2 id="decisions-title">Decisions</h2>
        {e.decisions.length === 0 ? <p>No decision yet.</p> : null}
        <table className="numbers" hidden={e.decisions.length === 0}>
          <thead>
            <tr>
              <th scope="col">Decided</th>
              <th scope="col">Decision</th>
              <th scope="col">By</th>
              <th scope="col">Fits the analysis</th>
              <th scope="col">Rationale</th>
            </tr>
          </thead>
          <tbody>
            {e.decisions.map((d, i) => (
              <tr key={i}>
                <td>{day(d.decidedAt)}</td>
                <td>
                  {d.kind}
                  {d.isCurrent ? ' (current)' : ''}
                </td>
                <td>{d.decidedBy}</td>
                <td>{d.consistentWithAnalysis === null ? '—' : d.consistentWithAnalysis ? 'yes' : 'no'}</td>
                <td>{d.rationale}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
