import { FilterOptionsQuery, SearchQuery } from '../api/search-query';
import { useQuery } from '../api/use-query';
import { useApiKey } from '../api-key';
import type { DashboardSearchQuery } from '../gql/graphql';
import { Link } from '../router';
import { metricHref } from '../view-model/metric-params';
import { routePath } from '../view-model/routes';
import {
  nextPage,
  pageRange,
  previousPage,
  type SearchParams,
  searchVariables,
  writeSearchParams,
} from '../view-model/search-params';
import { QueryStatus } from './query-status';
import { SearchForm } from './search-form';

/** Search: the experiments matching a filter of the API's `experiments` query, a page at a time. */
export function SearchPage({ params }: { params: SearchParams }) {
  const { version } = useApiKey();
  const options = useQuery(FilterOptionsQuery, {}, version);
  const state = useQuery(SearchQuery, searchVariables(params), version);
  return (
    <main id="main" tabIndex={-1}>
      <h1>Search experiments</h1>
      <SearchForm params={params} options={options.status === 'done' ? options.data : null} />
      <p className="caption">
        <Link href={routePath({ page: 'search' })}>Clear the search</Link>
        {params.metric ? (
          <>
            {' · '}
            <Link
              href={metricHref(params.metric, {
                node: params.node,
                from: params.from,
                to: params.to,
                kinds: params.kinds,
              })}
            >
              What this metric taught across these teams&apos; experiments
            </Link>
          </>
        ) : null}
      </p>
      <QueryStatus state={state} />
      {state.status === 'done' ? <SearchResults params={params} experiments={state.data.experiments} /> : null}
    </main>
  );
}

type Experiments = DashboardSearchQuery['experiments'];

function searchHref(params: SearchParams): string {
  return `${routePath({ page: 'search' })}${writeSearchParams(params)}`;
}

/** One page of results as a table, with the total and the pager. */
function SearchResults({ params, experiments }: { params: SearchParams; experiments: Experiments }) {
  const rows = experiments.edges.map((e) => e.node);
  const range = pageRange(params, rows.length, experiments.totalCount);
  return (
    <section aria-labelledby="results-title" className="section">
      <h2 id="results-title">
        <span data-testid="search-total">{experiments.totalCount}</span>{' '}
        {experiments.totalCount === 1 ? 'experiment matches' : 'experiments match'}
      </h2>
      {rows.length === 0 ? (
        <p>{params.after.length > 0 ? 'No more results.' : 'No experiment matches.'}</p>
      ) : (
        <table className="numbers" data-testid="search-results">
          <caption>Experiments {range}</caption>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Title</th>
              <th scope="col">Owner</th>
              <th scope="col">Status</th>
              <th scope="col">Category</th>
              <th scope="col">Concluded</th>
              <th scope="col">Decision</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.key}>
                <th scope="row" className="key-cell">
                  <Link href={routePath({ page: 'experiment', key: e.key })}>{e.key}</Link>
                </th>
                <td>
                  {e.title}
                  {e.tags.length > 0 ? <span className="muted"> · {e.tags.join(', ')}</span> : null}
                </td>
                <td>
                  <Link href={routePath({ page: 'node', key: e.owner.key })}>{e.owner.name}</Link>
                </td>
                <td>{e.status}</td>
                <td>{e.ewlCategory ?? '—'}</td>
                <td>{e.concludedAt?.slice(0, 10) ?? '—'}</td>
                <td>{e.decision?.kind ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label="Result pages" className="pager">
        {params.after.length > 0 ? (
          <>
            <Link href={searchHref({ ...params, after: [] })}>First page</Link>
            <Link href={searchHref(previousPage(params))} rel="prev">
              Previous page
            </Link>
          </>
        ) : null}
        <span aria-live="polite">{range}</span>
        {experiments.pageInfo.hasNextPage && experiments.pageInfo.endCursor ? (
          <Link href={searchHref(nextPage(params, experiments.pageInfo.endCursor))} rel="next">
            Next page
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
