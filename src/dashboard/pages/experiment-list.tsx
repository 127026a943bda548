import type { DashboardNodeQuery } from '../gql/graphql';
import { Link } from '../router';
import { routePath } from '../view-model/routes';

type Experiments = NonNullable<DashboardNodeQuery['orgNode']>['experiments'];

/** The node's experiments concluded in the window (subtree), newest conclusion first. */
export function ExperimentList({ experiments }: { experiments: Experiments }) {
  return (
    <section aria-labelledby="experiments-title" className="section">
      <h2 id="experiments-title">Experiments concluded in the window</h2>
      <p className="caption">
        {experiments.edges.length} of {experiments.totalCount}, newest conclusion first.
      </p>
      <table className="numbers" data-testid="experiments-table">
        <thead>
          <tr>
            <th scope="col">Experiment</th>
            <th scope="col">Team</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col">Category</th>
            <th scope="col">Concluded</th>
          </tr>
        </thead>
        <tbody>
          {experiments.edges.map(({ node: e }) => (
            <tr key={e.key}>
              <th scope="row">
                <Link href={routePath({ page: 'experiment', key: e.key })}>{e.title}</Link>
                <span className="muted"> {e.key}</span>
              </th>
              <td>
                <Link href={routePath({ page: 'node', key: e.owner.key })}>{e.owner.name}</Link>
              </td>
              <td>{e.kind}</td>
              <td>{e.status}</td>
              <td>{e.ewlCategory ?? '—'}</td>
              <td>{e.concludedAt?.slice(0, 10) ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
