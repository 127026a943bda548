import type { DashboardNodeQuery } from '../gql/graphql';
import { Link } from '../router';
import { formatDays } from '../view-model/companion';
import { routePath } from '../view-model/routes';
import { Count } from './headline';

type NodeData = NonNullable<DashboardNodeQuery['orgNode']>;

/** Concluded experiments still without a decision, oldest conclusion first, each linked to its page. */
export function DecisionDebt({ node }: { node: NodeData }) {
  const { decisionDebt: summary, inconsistentDecisions, medianDaysToDecision } = node.stats;
  const { edges, totalCount } = node.decisionDebt;
  return (
    <section aria-labelledby="debt-title" className="section">
      <h2 id="debt-title">Decision debt</h2>
      <div className="headline">
        <Count label="Concluded without a decision" value={summary.count} testId="debt-count" />
        <div className="figure" data-testid="debt-oldest">
          <span className="figure-label">Oldest undecided, since conclusion</span>
          <span className="figure-value">{formatDays(summary.oldestAgeDays)}</span>
        </div>
        <div className="figure" data-testid="debt-median-days">
          <span className="figure-label">Median time to a decision</span>
          <span className="figure-value">{formatDays(medianDaysToDecision)}</span>
        </div>
        <Count label="Inconsistent decisions" value={inconsistentDecisions} testId="debt-inconsistent" />
      </div>
      {totalCount === 0 ? (
        <p>Every experiment concluded in the window has a decision.</p>
      ) : (
        <table className="numbers" data-testid="debt-table">
          <caption>
            Undecided experiments, oldest conclusion first: {edges.length} of {totalCount}
          </caption>
          <thead>
            <tr>
              <th scope="col">Experiment</th>
              <th scope="col">Team</th>
              <th scope="col">Kind</th>
              <th scope="col">Category</th>
              <th scope="col">Concluded</th>
            </tr>
          </thead>
          <tbody>
            {edges.map(({ node: e }) => (
              <tr key={e.key}>
                <th scope="row">
                  <Link href={routePath({ page: 'experiment', key: e.key })}>{e.title}</Link>
                  <span className="muted"> {e.key}</span>
                </th>
                <td>
                  <Link href={routePath({ page: 'node', key: e.owner.key })}>{e.owner.name}</Link>
                </td>
                <td>{e.kind}</td>
                <td>{e.ewlCategory ?? '—'}</td>
                <td>{e.concludedAt?.slice(0, 10) ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
